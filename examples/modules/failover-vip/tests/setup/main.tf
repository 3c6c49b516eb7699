# The network the module under test is placed in: a VPC and one subnet.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

resource "eni_vpc" "test" {
  name = "failover-vip-test"
  cidr = "10.50.0.0/16"
}

resource "eni_subnet" "test" {
  vpc_id            = eni_vpc.test.id
  name              = "vip"
  cidr              = "10.50.1.0/24"
  availability_zone = "local-1c"
}

output "subnet_id" {
  value = eni_subnet.test.id
}

# The table of the clients whose traffic the pair carries.
resource "eni_route_table" "clients" {
  vpc_id = eni_vpc.test.id
  name   = "clients"
}

output "route_table_id" {
  value = eni_route_table.clients.id
}
