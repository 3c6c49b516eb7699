terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

# A failover module needs a primary NIC and two more: refuse a smaller
# flavor when the module is called, before anything is planned.
variable "flavor" {
  type    = string
  default = "c7.large.2"

  validation {
    condition     = provider::eni::max_network_interfaces(var.flavor) >= 3
    error_message = "The flavor must take at least 3 network interfaces: a primary and two for failover."
  }
}

output "extension_slots" {
  value = provider::eni::max_network_interfaces(var.flavor) - 1
}
