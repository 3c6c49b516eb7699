variable "name" {
  description = "Prefix for the names of the two servers (`<name>-a`, `<name>-b`): 1 to 62 letters, digits, `-`, `_` or `.`."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,62}$", var.name))
    error_message = "name must be 1 to 62 letters, digits, \"-\", \"_\" or \".\", so that \"<name>-a\" stays within 64 characters."
  }
}

variable "subnet_id" {
  description = "The subnet of both servers and of the virtual IP. The servers are created in its availability zone."
  type        = string

  validation {
    condition     = can(regex("^subnet-[0-9a-f]+$", var.subnet_id))
    error_message = "subnet_id must be a subnet ID such as \"subnet-0123456789abcdef\"."
  }
}

variable "active" {
  description = "The server that holds the virtual IP: `a` or `b`. Changing it moves the address in place; it stays the same address."
  type        = string
  default     = "a"

  validation {
    condition     = contains(["a", "b"], var.active)
    error_message = "active must be \"a\" or \"b\"."
  }
}

variable "ip_address" {
  description = "The virtual IP, inside the subnet. Omit it to have the next free address allocated."
  type        = string
  default     = null

  validation {
    condition     = var.ip_address == null || can(cidrhost("${var.ip_address}/32", 0))
    error_message = "ip_address must be an IPv4 address such as \"10.0.1.100\"."
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
  description = "The flavor of both servers. Every flavor's interfaces hold at least two private IPs, the server's own and the virtual IP; with a flavor of two (`s6.small.1`) the interface has room for nothing else."
  type        = string
  default     = "c7.large.2"

  validation {
    condition     = can(regex("^[a-z0-9]+(\\.[a-z0-9]+)+$", var.flavor))
    error_message = "flavor must be a flavor name such as \"c7.large.2\"; the eni_flavors data source lists them."
  }
}

variable "security_group_ids" {
  description = "Security groups of both servers' primary network interfaces: at most 5, all in the subnet's VPC. They stay with the servers; the virtual IP is reached through whichever server's groups hold it."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.security_group_ids) <= 5
    error_message = "A network interface takes at most 5 security groups."
  }
}

variable "route_table_id" {
  description = "A route table of the subnet's VPC (the table of the subnets whose traffic the pair should carry, such as a firewall's or NAT's clients) that gets a route for each of `route_cidrs` through the virtual IP. Null for none."
  type        = string
  default     = null
}

variable "route_cidrs" {
  description = "Destinations routed through the virtual IP in `route_table_id`, such as `[\"0.0.0.0/0\"]` for a NAT pair: canonical IPv4 CIDR blocks outside the VPC. The routes follow the virtual IP when it fails over, with no route update."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.route_cidrs : can(cidrnetmask(c)) && cidrsubnet(c, 0, 0) == c])
    error_message = "route_cidrs must be IPv4 CIDR blocks without host bits, such as \"0.0.0.0/0\" or \"172.16.0.0/12\"."
  }
}

variable "source_dest_check" {
  description = "Each server's source/destination check (on its primary network interface), by role. Null: off on both when `route_cidrs` routes traffic through the pair (a server forwards traffic not addressed to it only with the check off), else on."
  type = object({
    a = bool
    b = bool
  })
  default = null
}
