# Reads the server and its network interfaces back from the engine.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

variable "server_id" {
  type = string
}

data "eni_server" "this" {
  id = var.server_id
}

data "eni_network_interface" "each" {
  for_each = toset(data.eni_server.this.network_interface_ids)

  id = each.value
}

output "network_interface_ids" {
  value = data.eni_server.this.network_interface_ids
}

output "free_network_interface_slots" {
  value = data.eni_server.this.free_network_interface_slots
}

output "subnets" {
  value = [for id in data.eni_server.this.network_interface_ids : data.eni_network_interface.each[id].subnet_id]
}

output "security_groups" {
  value = [for id in data.eni_server.this.network_interface_ids : data.eni_network_interface.each[id].security_group_ids]
}

output "vpcs" {
  value = distinct([for n in data.eni_network_interface.each : n.vpc_id])
}

# The route table in effect for each subnet.
variable "subnet_ids" {
  type = map(string)
}

data "eni_route_table" "of" {
  for_each = var.subnet_ids

  subnet_id = each.value
}

output "table_in_effect" {
  value = { for role, t in data.eni_route_table.of : role => t.id }
}

# The routes that are not the VPC's local ones, by role.
output "routes_out" {
  value = { for role, t in data.eni_route_table.of : role => [
    for r in t.routes : { destination_cidr = r.destination_cidr, next_hop_type = r.next_hop_type } if !r.local
  ] }
}
