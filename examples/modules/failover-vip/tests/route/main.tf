# Follows a route through the virtual IP in the engine, as a packet would:
# from the route to the virtual IP it names, to the interface that holds it,
# to that interface's server.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

variable "route_table_id" {
  type = string
}

variable "destination_cidr" {
  type = string
}

data "eni_route_table" "this" {
  id = var.route_table_id
}

locals {
  route = one([for r in data.eni_route_table.this.routes : r if r.destination_cidr == var.destination_cidr])
}

data "eni_virtual_ip" "next_hop" {
  id = local.route.next_hop_id
}

data "eni_network_interface" "holder" {
  id = data.eni_virtual_ip.next_hop.network_interface_id
}

output "next_hop_type" {
  value = local.route.next_hop_type
}

output "virtual_ip_id" {
  value = data.eni_virtual_ip.next_hop.id
}

output "server_id" {
  value = data.eni_network_interface.holder.server_id
}
