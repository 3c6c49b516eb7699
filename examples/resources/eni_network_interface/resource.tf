resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "example" {
  vpc_id            = eni_vpc.example.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
}

resource "eni_security_group" "service" {
  vpc_id = eni_vpc.example.id
  name   = "service"

  rules = [{
    direction      = "ingress"
    protocol       = "tcp"
    port_range_min = 8443
    port_range_max = 8443
    remote_cidr    = "10.0.0.0/16"
  }]
}

# An extension network interface with a fixed address. It stays
# `available` until an eni_network_interface_attachment puts it on a server.
resource "eni_network_interface" "example" {
  subnet_id          = eni_subnet.example.id
  name               = "service"
  description        = "Service address that follows the active server"
  private_ip         = "10.0.1.100"
  security_group_ids = [eni_security_group.service.id]
}

# A router appliance's interface: two more addresses by count, IPv6, and the
# source/destination check off so that it forwards traffic not its own.
# secondary_private_ips is computed from the count (and the other way round
# when the addresses are named instead); neither ever shows a diff the apply
# would not make.
resource "eni_vpc" "dual" {
  name         = "dual"
  cidr         = "10.1.0.0/16"
  ipv6_enabled = true
}

resource "eni_subnet" "dual" {
  vpc_id            = eni_vpc.dual.id
  name              = "dual"
  cidr              = "10.1.1.0/24"
  availability_zone = "local-1a"
  ipv6_enabled      = true
}

resource "eni_network_interface" "router" {
  subnet_id                  = eni_subnet.dual.id
  name                       = "router"
  secondary_private_ip_count = 2
  ipv6_address_count         = 1
  source_dest_check          = false
}

# Secondary addresses by name: each is checked at plan (inside the subnet,
# not reserved, held by nothing else), and the count follows.
resource "eni_network_interface" "services" {
  subnet_id             = eni_subnet.example.id
  name                  = "services"
  secondary_private_ips = ["10.0.1.101", "10.0.1.102"]
}
