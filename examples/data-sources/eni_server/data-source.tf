variable "server_id" {
  type = string
}

data "eni_server" "example" {
  id = var.server_id
}

output "network_interface_ids" {
  value = data.eni_server.example.network_interface_ids
}

output "free_network_interface_slots" {
  value = data.eni_server.example.free_network_interface_slots
}
