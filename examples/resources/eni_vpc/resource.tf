resource "eni_vpc" "example" {
  name        = "example"
  cidr        = "10.0.0.0/16"
  description = "Application network"
}

# A VPC with an IPv6 range: ipv6_cidr is a /56 of fd00::/8 its subnets take
# their /64s from. Turning IPv6 on or off is done in place.
resource "eni_vpc" "dual_stack" {
  name         = "dual-stack"
  cidr         = "10.1.0.0/16"
  ipv6_enabled = true
}
