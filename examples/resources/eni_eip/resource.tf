resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "example" {
  vpc_id            = eni_vpc.example.id
  name              = "public"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
}

resource "eni_network_interface" "example" {
  subnet_id = eni_subnet.example.id
  name      = "public"
}

# The EIP stays bound to the interface wherever the interface is attached.
resource "eni_eip" "example" {
  bandwidth_mbps       = 100
  network_interface_id = eni_network_interface.example.id
}

# An EIP held in reserve, bound to nothing.
resource "eni_eip" "spare" {}
