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
