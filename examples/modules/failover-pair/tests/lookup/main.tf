# Looks the floating address up in the engine, as a client of the subnet
# would: which interface holds it, and which server that interface is on.
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

variable "private_ip" {
  type = string
}

data "eni_network_interface" "holder" {
  subnet_id  = var.subnet_id
  private_ip = var.private_ip
}

output "network_interface_id" {
  value = data.eni_network_interface.holder.id
}

output "server_id" {
  value = data.eni_network_interface.holder.server_id
}

output "mac_address" {
  value = data.eni_network_interface.holder.mac_address
}
