# The network the module under test is placed in: a VPC, the servers'
# subnet, and a clients' subnet whose traffic the pair can carry.
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

# The servers' subnet uses the VPC's default route table: its way out, so
# that traffic the pair forwards can leave for the internet.
resource "eni_route" "servers_out" {
  route_table_id   = eni_vpc.test.default_route_table_id
  destination_cidr = "0.0.0.0/0"
  next_hop_type    = "internet"
}

# The table of the clients whose traffic the pair carries, their subnet and
# an interface there to send it from.
resource "eni_route_table" "clients" {
  vpc_id = eni_vpc.test.id
  name   = "clients"
}

output "route_table_id" {
  value = eni_route_table.clients.id
}

resource "eni_subnet" "clients" {
  vpc_id            = eni_vpc.test.id
  name              = "clients"
  cidr              = "10.50.2.0/24"
  availability_zone = "local-1c"
}

resource "eni_route_table_association" "clients" {
  subnet_id      = eni_subnet.clients.id
  route_table_id = eni_route_table.clients.id
}

resource "eni_network_interface" "client" {
  subnet_id = eni_subnet.clients.id
  name      = "client"
}

output "client_network_interface_id" {
  value = eni_network_interface.client.id
}
