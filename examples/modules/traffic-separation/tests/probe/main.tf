# Asks the engine what reaches the module's interfaces, and what stops the
# rest. It adds a bastion: a subnet in the range the test gives as
# management_cidrs, inside the module's VPC but in no subnet of the
# module's, and an interface there with no security group, so every verdict
# on its traffic is the module's. stray_eips binds an EIP to interfaces that
# should have none, as a mistake would, to show that routing still keeps the
# internet out.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

variable "vpc_id" {
  type = string
}

variable "bastion_cidr" {
  type = string
}

variable "availability_zone" {
  type    = string
  default = "local-1a"
}

# The module's network_interfaces output.
variable "network_interfaces" {
  type = map(object({ id = string }))
}

variable "public_ports" {
  type = list(number)
}

variable "service_port" {
  type = number
}

# An address outside every VPC: the internet.
variable "internet_ip" {
  type    = string
  default = "203.0.113.7"
}

variable "stray_eips" {
  type    = list(string)
  default = []
}

resource "eni_subnet" "bastion" {
  vpc_id            = var.vpc_id
  name              = "bastion"
  cidr              = var.bastion_cidr
  availability_zone = var.availability_zone
}

resource "eni_network_interface" "bastion" {
  subnet_id = eni_subnet.bastion.id
  name      = "bastion"
}

resource "eni_eip" "stray" {
  for_each = toset(var.stray_eips)

  network_interface_id = var.network_interfaces[each.key].id
}

locals {
  nic = { for role, n in var.network_interfaces : role => n.id }

  # Each query: from an interface or an address, to an interface, tcp port.
  queries = merge(
    { for p in var.public_ports : "internet_to_public_${p}" => { from_nic = null, from_ip = var.internet_ip, to = local.nic.public, port = p } },
    {
      internet_to_public_22     = { from_nic = null, from_ip = var.internet_ip, to = local.nic.public, port = 22 }
      bastion_to_public_22      = { from_nic = eni_network_interface.bastion.id, from_ip = null, to = local.nic.public, port = 22 }
      bastion_to_management_22  = { from_nic = eni_network_interface.bastion.id, from_ip = null, to = local.nic.management, port = 22 }
      bastion_to_management_svc = { from_nic = eni_network_interface.bastion.id, from_ip = null, to = local.nic.management, port = var.service_port }
      internet_to_management_22 = { from_nic = null, from_ip = var.internet_ip, to = local.nic.management, port = 22 }
      service_to_management_22  = { from_nic = local.nic.service, from_ip = null, to = local.nic.management, port = 22 }
      public_to_management_22   = { from_nic = local.nic.public, from_ip = null, to = local.nic.management, port = 22 }
      bastion_to_service_svc    = { from_nic = eni_network_interface.bastion.id, from_ip = null, to = local.nic.service, port = var.service_port }
      internet_to_service_svc   = { from_nic = null, from_ip = var.internet_ip, to = local.nic.service, port = var.service_port }
    },
  )
}

data "eni_reachability" "q" {
  for_each = local.queries

  source_network_interface_id      = each.value.from_nic
  source_ip                        = each.value.from_ip
  destination_network_interface_id = each.value.to
  protocol                         = "tcp"
  port                             = each.value.port

  # Read once the bastion and any stray EIP exist.
  depends_on = [eni_network_interface.bastion, eni_eip.stray]
}

output "bastion_network_interface_id" {
  value = eni_network_interface.bastion.id
}

# Each query's answer: whether it gets through, what stopped it (the
# component, ID and direction of blocked_by, which the tests compare whole),
# and its path, a hop a line, for error messages.
output "reachability" {
  value = { for k, d in data.eni_reachability.q : k => {
    reachable  = d.reachable
    blocked_by = d.blocked_by == null ? null : { component = d.blocked_by.component, id = d.blocked_by.id, direction = d.blocked_by.direction }
    path       = join("\n", d.path)
  } }
}
