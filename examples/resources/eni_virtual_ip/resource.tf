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

resource "eni_server" "node" {
  for_each = toset(["a", "b"])

  name              = "db-${each.key}"
  flavor            = "c7.large.2"
  availability_zone = eni_subnet.example.availability_zone
  subnet_id         = eni_subnet.example.id
}

variable "active" {
  type    = string
  default = "a"
}

# The service address. Changing var.active moves it to the other server's
# interface in one in-place update; the address stays the same.
resource "eni_virtual_ip" "example" {
  subnet_id            = eni_subnet.example.id
  ip_address           = "10.0.1.100"
  network_interface_id = eni_server.node[var.active].primary_network_interface_id
}

# An address held in reserve, bound to nothing; allocated by the engine.
resource "eni_virtual_ip" "spare" {
  subnet_id = eni_subnet.example.id
}
