terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

# The module places up to 20 servers in one subnet, each taking an address
# for its primary NIC: refuse a smaller subnet.
variable "subnet_cidr" {
  type    = string
  default = "10.0.1.0/27"

  validation {
    condition     = provider::eni::subnet_capacity(var.subnet_cidr) >= 20
    error_message = "The subnet must hand out at least 20 addresses."
  }
}

output "spare_addresses" {
  value = provider::eni::subnet_capacity(var.subnet_cidr) - 20
}
