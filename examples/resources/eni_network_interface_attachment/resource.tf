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

resource "eni_server" "example" {
  for_each = toset(["blue", "green"])

  name              = "app-${each.key}"
  flavor            = "c7.large.2"
  availability_zone = eni_subnet.example.availability_zone
  subnet_id         = eni_subnet.example.id
}

resource "eni_network_interface" "example" {
  subnet_id = eni_subnet.example.id
  name      = "floating"
}

variable "active" {
  description = "The server that carries the floating interface: \"blue\" or \"green\"."
  type        = string
  default     = "blue"
}

# Changing server_id moves the interface to the other server in place: it
# keeps its private IP, MAC address, security groups and EIP.
resource "eni_network_interface_attachment" "example" {
  network_interface_id = eni_network_interface.example.id
  server_id            = eni_server.example[var.active].id

  timeouts = {
    create = "2m"
    update = "2m"
  }
}
