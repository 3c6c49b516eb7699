resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_security_group" "example" {
  vpc_id      = eni_vpc.example.id
  name        = "web"
  description = "HTTPS from anywhere, SSH from the VPC"

  rules = [
    {
      direction      = "ingress"
      protocol       = "tcp"
      port_range_min = 443
      port_range_max = 443
      remote_cidr    = "0.0.0.0/0"
    },
    {
      direction      = "ingress"
      protocol       = "tcp"
      port_range_min = 22
      port_range_max = 22
      remote_cidr    = eni_vpc.example.cidr
    },
    {
      direction      = "egress"
      protocol       = "any"
      port_range_min = 0
      port_range_max = 65535
      remote_cidr    = "0.0.0.0/0"
    },
  ]
}
