resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "private" {
  vpc_id            = eni_vpc.example.id
  name              = "private"
  cidr              = "10.0.2.0/24"
  availability_zone = "local-1a"
}

resource "eni_route_table" "private" {
  vpc_id = eni_vpc.example.id
  name   = "private"
}

# The subnet uses the private table instead of the VPC's default one.
# Pointing route_table_id at another table switches it in one step;
# destroying the association returns the subnet to the default table.
resource "eni_route_table_association" "private" {
  subnet_id      = eni_subnet.private.id
  route_table_id = eni_route_table.private.id
}
