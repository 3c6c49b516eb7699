resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "example" {
  vpc_id            = eni_vpc.example.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
  description       = "Application servers"
}

# A subnet with an explicit gateway instead of the first host address.
resource "eni_subnet" "backend" {
  vpc_id            = eni_vpc.example.id
  name              = "backend"
  cidr              = "10.0.2.0/24"
  availability_zone = "local-1a"
  gateway_ip        = "10.0.2.254"
}
