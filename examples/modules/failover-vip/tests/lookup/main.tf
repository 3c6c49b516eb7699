# Looks the virtual IP up in the engine by its address, as a client of the
# subnet would: which network interface holds it now.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

variable "subnet_id" {
  type = string
}

variable "ip_address" {
  type = string
}

data "eni_virtual_ip" "this" {
  subnet_id  = var.subnet_id
  ip_address = var.ip_address
}

data "eni_network_interface" "holder" {
  id = data.eni_virtual_ip.this.network_interface_id
}

output "virtual_ip_id" {
  value = data.eni_virtual_ip.this.id
}

output "network_interface_id" {
  value = data.eni_virtual_ip.this.network_interface_id
}

output "server_id" {
  value = data.eni_network_interface.holder.server_id
}
