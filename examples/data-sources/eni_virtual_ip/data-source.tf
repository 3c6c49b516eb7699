variable "virtual_ip_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

# By ID.
data "eni_virtual_ip" "by_id" {
  id = var.virtual_ip_id
}

# By its address in a subnet.
data "eni_virtual_ip" "by_address" {
  subnet_id  = var.subnet_id
  ip_address = "10.0.1.100"
}

# The network interface that holds the service address now (null while unbound).
output "service_address_holder" {
  value = data.eni_virtual_ip.by_address.network_interface_id
}
