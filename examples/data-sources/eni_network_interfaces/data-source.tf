variable "server_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

# Every network interface on a server, the primary one first.
data "eni_network_interfaces" "on_server" {
  server_id = var.server_id
}

# The interfaces of a subnet that no server holds.
data "eni_network_interfaces" "spare" {
  subnet_id = var.subnet_id
  status    = "available"
}

output "spare_interface_ids" {
  value = data.eni_network_interfaces.spare.ids
}


# The interfaces tagged for the storage network, wherever they are.
data "eni_network_interfaces" "storage" {
  tags = {
    network = "storage"
  }
}
