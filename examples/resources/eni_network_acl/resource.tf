resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

# Rules are matched in list order and the first match decides: SSH from the
# VPC is allowed before SSH from anywhere else is denied. What no rule matches
# is denied, and ACLs are stateless, so replies need rules of their own.
resource "eni_network_acl" "public" {
  vpc_id      = eni_vpc.example.id
  name        = "public"
  description = "HTTPS in, SSH only from the VPC"

  ingress = [
    {
      action         = "allow"
      protocol       = "tcp"
      port_range_min = 22
      port_range_max = 22
      remote_cidr    = eni_vpc.example.cidr
      description    = "SSH from the VPC"
    },
    {
      action         = "deny"
      protocol       = "tcp"
      port_range_min = 22
      port_range_max = 22
      remote_cidr    = "0.0.0.0/0"
    },
    {
      action         = "allow"
      protocol       = "tcp"
      port_range_min = 443
      port_range_max = 443
      remote_cidr    = "0.0.0.0/0"
    },
    {
      action         = "allow"
      protocol       = "tcp"
      port_range_min = 1024
      port_range_max = 65535
      remote_cidr    = "0.0.0.0/0"
      description    = "replies to connections opened from the subnet"
    },
  ]

  egress = [
    {
      action         = "allow"
      protocol       = "any"
      port_range_min = 0
      port_range_max = 65535
      remote_cidr    = "0.0.0.0/0"
    },
  ]
}
