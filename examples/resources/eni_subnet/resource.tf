resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "example" {
  vpc_id            = eni_vpc.example.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
  description       = "Application servers"
}

# A subnet with an explicit gateway instead of the first host address.
resource "eni_subnet" "backend" {
  vpc_id            = eni_vpc.example.id
  name              = "backend"
  cidr              = "10.0.2.0/24"
  availability_zone = "local-1a"
  gateway_ip        = "10.0.2.254"
}

# A subnet with IPv6 takes the lowest free /64 of its VPC's range; the VPC
# must have IPv6 too (the plan says so otherwise).
resource "eni_vpc" "dual_stack" {
  name         = "dual-stack"
  cidr         = "10.1.0.0/16"
  ipv6_enabled = true
}

resource "eni_subnet" "dual_stack" {
  vpc_id            = eni_vpc.dual_stack.id
  name              = "dual-stack"
  cidr              = "10.1.1.0/24"
  availability_zone = "local-1a"
  ipv6_enabled      = true
}
