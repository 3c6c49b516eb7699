# The network the module under test is placed in: a VPC, one subnet and a
# security group for the floating interface.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

resource "eni_vpc" "test" {
  name = "failover-pair-test"
  cidr = "10.40.0.0/16"
}

resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = "pair"
  cidr              = "10.40.1.0/24"
  availability_zone = "local-1b"
}

resource "eni_security_group" "service" {
  vpc_id = eni_vpc.test.id
  name   = "service"

  rules = [{
    direction      = "ingress"
    protocol       = "tcp"
    port_range_min = 443
    port_range_max = 443
    remote_cidr    = "0.0.0.0/0"
  }]
}

output "subnet_id" {
  value = eni_subnet.test.id
}

output "security_group_id" {
  value = eni_security_group.service.id
}
