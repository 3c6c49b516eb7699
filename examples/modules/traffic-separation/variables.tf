variable "name" {
  description = "Prefix for the names of everything the module creates (`<name>-service`, `<name>-management`, …): 1 to 53 letters, digits, `-`, `_` or `.`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,53}$", var.name))
    error_message = "name must be 1 to 53 letters, digits, \"-\", \"_\" or \".\", so that the longest derived name, \"<name>-management\", stays within 64 characters."
  }
}

variable "vpc_cidr" {
  description = "The VPC's CIDR block: a private range (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16) with a prefix from /16 to /24."
  type        = string
  default     = "10.50.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr)) && tonumber(try(split("/", var.vpc_cidr)[1], 0)) >= 16 && tonumber(try(split("/", var.vpc_cidr)[1], 0)) <= 24
    error_message = "vpc_cidr must be an IPv4 CIDR block with a prefix from /16 to /24, such as \"10.50.0.0/16\"."
  }
}

variable "subnet_cidrs" {
  description = "The CIDR blocks of the `service`, `public` and `management` subnets, inside `vpc_cidr`. By default the second, third and fourth blocks four bits longer than `vpc_cidr` (/20 blocks of a /16)."
  type = object({
    service    = string
    public     = string
    management = string
  })
  default = null

  validation {
    condition = var.subnet_cidrs == null || alltrue([
      for c in [var.subnet_cidrs.service, var.subnet_cidrs.public, var.subnet_cidrs.management] : can(cidrnetmask(c))
    ])
    error_message = "subnet_cidrs must hold three IPv4 CIDR blocks, such as \"10.50.16.0/20\"."
  }

  validation {
    condition     = var.subnet_cidrs == null || length(distinct([var.subnet_cidrs.service, var.subnet_cidrs.public, var.subnet_cidrs.management])) == 3
    error_message = "The service, public and management subnets need three different CIDR blocks."
  }
}

variable "availability_zone" {
  description = "The availability zone of the three subnets and the server."
  type        = string
  default     = "local-1a"

  validation {
    condition     = can(regex("^local-1[a-z]$", var.availability_zone))
    error_message = "availability_zone must be a zone of region local-1, such as \"local-1a\"; the eni_availability_zones data source lists them."
  }
}

variable "kind" {
  description = "The server kind: `ecs` (virtual machine) or `bms` (bare metal)."
  type        = string
  default     = "ecs"

  validation {
    condition     = contains(["ecs", "bms"], var.kind)
    error_message = "kind must be \"ecs\" or \"bms\"."
  }
}

variable "flavor" {
  description = "The server's flavor. It must take at least three network interfaces (management, service and public); the plan stops otherwise."
  type        = string
  default     = "c7.large.2"

  validation {
    condition     = can(regex("^[a-z0-9]+(\\.[a-z0-9]+)+$", var.flavor))
    error_message = "flavor must be a flavor name such as \"c7.large.2\"; the eni_flavors data source lists them."
  }
}

variable "service_ports" {
  description = "TCP ports the service interface accepts, from `service_cidrs`."
  type        = list(number)
  default     = [8443]

  validation {
    condition     = length(var.service_ports) > 0 && alltrue([for p in var.service_ports : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "service_ports must list at least one TCP port from 1 to 65535."
  }
}

variable "service_cidrs" {
  description = "Where service clients connect from. Defaults to the VPC's CIDR block."
  type        = list(string)
  default     = null

  validation {
    condition     = var.service_cidrs == null || alltrue([for c in coalesce(var.service_cidrs, []) : can(cidrnetmask(c))])
    error_message = "service_cidrs must be IPv4 CIDR blocks."
  }
}

variable "public_ports" {
  description = "TCP ports the public interface accepts from anywhere."
  type        = list(number)
  default     = [80, 443]

  validation {
    condition     = length(var.public_ports) > 0 && alltrue([for p in var.public_ports : p >= 1 && p <= 65535 && floor(p) == p])
    error_message = "public_ports must list at least one TCP port from 1 to 65535."
  }
}

variable "management_cidrs" {
  description = "The administrators' networks, the only sources SSH (TCP 22) is accepted from, on the management interface only: a bastion or VPN range inside the VPC that no subnet of the module uses, such as `10.50.64.0/24` in the default `vpc_cidr`. An address outside the VPC is the internet, and the management subnet has no route out nor its interface an EIP, so ranges outside the VPC need a route and an EIP the module does not make."
  type        = list(string)

  validation {
    condition     = length(var.management_cidrs) > 0 && alltrue([for c in var.management_cidrs : can(cidrnetmask(c))])
    error_message = "management_cidrs must list at least one IPv4 CIDR block, such as \"10.50.64.0/24\"."
  }
}

variable "public_eip" {
  description = "Whether to bind an EIP to the public interface."
  type        = bool
  default     = true
}

variable "eip_bandwidth_mbps" {
  description = "Bandwidth of the public interface's EIP, in Mbit/s, from 1 to 2000."
  type        = number
  default     = 5

  validation {
    condition     = var.eip_bandwidth_mbps >= 1 && var.eip_bandwidth_mbps <= 2000 && floor(var.eip_bandwidth_mbps) == var.eip_bandwidth_mbps
    error_message = "eip_bandwidth_mbps must be a whole number from 1 to 2000."
  }
}
