# Asks the engine whether a client's traffic to the internet gets through
# the pair: out of the clients' subnet through the virtual IP, forwarded by
# the server that holds it, and out of the servers' subnet. Traffic leaves
# for the internet through the EIP of the interface that sends it out last,
# so each server's primary interface gets one here.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

# The module's servers output.
variable "servers" {
  type = map(object({ primary_network_interface_id = string }))
}

variable "client_network_interface_id" {
  type = string
}

# An address outside every VPC: the internet.
variable "internet_ip" {
  type    = string
  default = "198.51.100.20"
}

resource "eni_eip" "server" {
  for_each = var.servers

  network_interface_id = each.value.primary_network_interface_id
}

data "eni_reachability" "client_to_internet" {
  source_network_interface_id = var.client_network_interface_id
  destination_ip              = var.internet_ip
  protocol                    = "tcp"
  port                        = 443

  # Read once the servers' EIPs exist.
  depends_on = [eni_eip.server]
}

output "eip_ids" {
  value = { for role, e in eni_eip.server : role => e.id }
}

output "reachable" {
  value = data.eni_reachability.client_to_internet.reachable
}

# The hops as "component id", in order, and the whole path, a hop a line,
# for error messages.
output "hops" {
  value = [for h in data.eni_reachability.client_to_internet.hops : "${h.component} ${h.id}"]
}

output "path" {
  value = join("\n", data.eni_reachability.client_to_internet.path)
}
