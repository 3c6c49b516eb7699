variable "name" {
  description = "Prefix for the names of the two servers (`<name>-primary`, `<name>-standby`) and of the floating network interface (`<name>-floating`): 1 to 55 letters, digits, `-`, `_` or `.`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,55}$", var.name))
    error_message = "name must be 1 to 55 letters, digits, \"-\", \"_\" or \".\", so that the longest derived name, \"<name>-floating\", stays within 64 characters."
  }
}

variable "subnet_id" {
  description = "The subnet of both servers' primary network interfaces and of the floating network interface. The servers are created in its availability zone."
  type        = string

  validation {
    condition     = can(regex("^subnet-[0-9a-f]+$", var.subnet_id))
    error_message = "subnet_id must be a subnet ID such as \"subnet-0123456789abcdef\"."
  }
}

variable "active" {
  description = "The server that carries the floating network interface and its EIP: `primary` or `standby`. Changing it moves the interface in place; its private IP, MAC address, security groups and EIP stay the same."
  type        = string
  default     = "primary"

  validation {
    condition     = contains(["primary", "standby"], var.active)
    error_message = "active must be \"primary\" or \"standby\"."
  }
}

variable "kind" {
  description = "The kind of both servers: `ecs` (virtual machines) or `bms` (bare metal)."
  type        = string
  default     = "ecs"

  validation {
    condition     = contains(["ecs", "bms"], var.kind)
    error_message = "kind must be \"ecs\" or \"bms\"."
  }
}

variable "flavor" {
  description = "The flavor of the primary server, and of the standby unless `standby_flavor` is set. It must take at least two network interfaces (the server's own and the floating one); the plan stops otherwise."
  type        = string
  default     = "c7.large.2"

  validation {
    condition     = can(regex("^[a-z0-9]+(\\.[a-z0-9]+)+$", var.flavor))
    error_message = "flavor must be a flavor name such as \"c7.large.2\"; the eni_flavors data source lists them."
  }
}

variable "standby_flavor" {
  description = "The flavor of the standby server, when it differs from `flavor`. It must also take at least two network interfaces."
  type        = string
  default     = null

  validation {
    condition     = var.standby_flavor == null || can(regex("^[a-z0-9]+(\\.[a-z0-9]+)+$", var.standby_flavor))
    error_message = "standby_flavor must be a flavor name such as \"c7.large.2\", or null to use flavor."
  }
}

variable "floating_private_ip" {
  description = "The private IP of the floating network interface, inside the subnet. Omit it to have the next free address allocated."
  type        = string
  default     = null

  validation {
    condition     = var.floating_private_ip == null || can(cidrhost("${var.floating_private_ip}/32", 0))
    error_message = "floating_private_ip must be an IPv4 address such as \"10.0.1.100\"."
  }
}

variable "security_group_ids" {
  description = "Security groups of the floating network interface: at most 5, all in the subnet's VPC. They travel with the interface."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.security_group_ids) <= 5
    error_message = "A network interface takes at most 5 security groups."
  }
}

variable "server_security_group_ids" {
  description = "Security groups of both servers' primary network interfaces: at most 5, all in the subnet's VPC."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.server_security_group_ids) <= 5
    error_message = "A network interface takes at most 5 security groups."
  }
}

variable "eip_bandwidth_mbps" {
  description = "Bandwidth of the EIP bound to the floating network interface, in Mbit/s, from 1 to 2000."
  type        = number
  default     = 5

  validation {
    condition     = var.eip_bandwidth_mbps >= 1 && var.eip_bandwidth_mbps <= 2000 && floor(var.eip_bandwidth_mbps) == var.eip_bandwidth_mbps
    error_message = "eip_bandwidth_mbps must be a whole number from 1 to 2000."
  }
}
