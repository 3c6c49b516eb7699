# Reads the route table in effect for each subnet back from the engine.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

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
    for r in t.routes : { destination_cidr = r.destination_cidr, next_hop_type = r.next_hop_type } if r.next_hop_type != "local"
  ] }
}
