variable "network_interface_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

# By ID.
data "eni_network_interface" "by_id" {
  id = var.network_interface_id
}

# By the address it holds in a subnet.
data "eni_network_interface" "by_ip" {
  subnet_id  = var.subnet_id
  private_ip = "10.0.1.100"
}

output "service_interface_host" {
  value = data.eni_network_interface.by_ip.server_id
}
