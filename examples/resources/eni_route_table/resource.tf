resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

# A table for the private subnets, whose traffic leaves through an appliance
# (see eni_route); the VPC's default table serves every other subnet.
resource "eni_route_table" "private" {
  vpc_id      = eni_vpc.example.id
  name        = "private"
  description = "egress through the NAT appliance"
  tags = {
    tier = "private"
  }
}
