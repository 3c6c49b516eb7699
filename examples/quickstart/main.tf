# Failover in one variable: two servers in one subnet share a floating
# network interface with an EIP. Set `active` to "standby" and apply: the
# interface moves to the standby server in one step, keeping its private IP,
# MAC address, security groups and public IP.

terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

provider "eni" {}

variable "active" {
  description = "Which server carries the floating interface: \"primary\" or \"standby\"."
  type        = string
  default     = "primary"

  validation {
    condition     = contains(["primary", "standby"], var.active)
    error_message = "active must be \"primary\" or \"standby\"."
  }
}

resource "eni_vpc" "app" {
  name = "quickstart"
  cidr = "10.20.0.0/16"
}

resource "eni_subnet" "app" {
  vpc_id            = eni_vpc.app.id
  name              = "app"
  cidr              = "10.20.1.0/24"
  availability_zone = "local-1a"
}

resource "eni_security_group" "service" {
  vpc_id      = eni_vpc.app.id
  name        = "service"
  description = "HTTPS from anywhere"

  rules = [{
    direction      = "ingress"
    protocol       = "tcp"
    port_range_min = 443
    port_range_max = 443
    remote_cidr    = "0.0.0.0/0"
  }]
}

resource "eni_server" "node" {
  for_each = toset(["primary", "standby"])

  name              = "app-${each.key}"
  flavor            = "c7.large.2"
  availability_zone = eni_subnet.app.availability_zone
  subnet_id         = eni_subnet.app.id
}

resource "eni_network_interface" "floating" {
  subnet_id          = eni_subnet.app.id
  name               = "floating"
  security_group_ids = [eni_security_group.service.id]
}

resource "eni_network_interface_attachment" "floating" {
  network_interface_id = eni_network_interface.floating.id
  server_id            = eni_server.node[var.active].id
}

resource "eni_eip" "public" {
  network_interface_id = eni_network_interface.floating.id
}

output "active_server" {
  description = "The server that carries the floating interface."
  value       = "${eni_server.node[var.active].name} (${eni_network_interface_attachment.floating.server_id})"
}

output "floating_private_ip" {
  description = "The floating interface's private IP: the same on either server."
  value       = eni_network_interface.floating.private_ip
}

output "floating_mac_address" {
  value = eni_network_interface.floating.mac_address
}

output "public_ip" {
  description = "The EIP that follows the floating interface."
  value       = eni_eip.public.public_ip
}
