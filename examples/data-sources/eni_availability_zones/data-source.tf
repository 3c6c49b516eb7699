data "eni_availability_zones" "available" {}

resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

# One subnet in each zone of the region.
resource "eni_subnet" "per_zone" {
  for_each = toset(data.eni_availability_zones.available.names)

  vpc_id            = eni_vpc.example.id
  name              = "app-${each.key}"
  cidr              = cidrsubnet(eni_vpc.example.cidr, 8, index(data.eni_availability_zones.available.names, each.key))
  availability_zone = each.key
}
