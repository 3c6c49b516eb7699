terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

# Each NIC of this module holds its primary address, three secondary
# addresses and a virtual IP: refuse a flavor that caps NICs below five.
variable "flavor" {
  type    = string
  default = "c7.xlarge.2"

  validation {
    condition     = provider::eni::max_private_ips(var.flavor) >= 5
    error_message = "The flavor must allow at least 5 private IPs on each network interface."
  }
}

output "spare_private_ips_per_interface" {
  value = provider::eni::max_private_ips(var.flavor) - 5
}
