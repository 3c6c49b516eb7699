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

# The NAT appliance's interface forwards traffic that is not its own, so its
# source/destination check is off.
resource "eni_network_interface" "nat" {
  subnet_id         = eni_subnet.public.id
  name              = "nat"
  source_dest_check = false
}

# The service address of a pair of appliances: routes to it follow it when it
# moves to the standby's interface.
resource "eni_virtual_ip" "firewall" {
  subnet_id            = eni_subnet.public.id
  network_interface_id = eni_network_interface.nat.id
}

resource "eni_route_table" "private" {
  vpc_id = eni_vpc.example.id
  name   = "private"
}

# The public subnets use the VPC's default table: out to the internet.
resource "eni_route" "internet" {
  route_table_id   = eni_vpc.example.default_route_table_id
  destination_cidr = "0.0.0.0/0"
  next_hop_type    = "internet"
}

# The private subnets leave through the NAT appliance.
resource "eni_route" "private_egress" {
  route_table_id   = eni_route_table.private.id
  destination_cidr = "0.0.0.0/0"
  next_hop_type    = "network_interface"
  next_hop_id      = eni_network_interface.nat.id
}

# The on-premises range goes through the firewall's virtual IP.
resource "eni_route" "on_premises" {
  route_table_id   = eni_route_table.private.id
  destination_cidr = "192.168.0.0/16"
  next_hop_type    = "virtual_ip"
  next_hop_id      = eni_virtual_ip.firewall.id
  description      = "to the data centre"
}
