resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "public" {
  vpc_id            = eni_vpc.example.id
  name              = "public"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
}

resource "eni_network_acl" "public" {
  vpc_id = eni_vpc.example.id
  name   = "public"

  ingress = [
    {
      action         = "allow"
      protocol       = "tcp"
      port_range_min = 443
      port_range_max = 443
      remote_cidr    = "0.0.0.0/0"
    },
  ]
}

# The ACL now filters what enters and leaves the subnet. Pointing
# network_acl_id at another ACL of the VPC switches it in place.
resource "eni_network_acl_association" "public" {
  subnet_id      = eni_subnet.public.id
  network_acl_id = eni_network_acl.public.id
}
