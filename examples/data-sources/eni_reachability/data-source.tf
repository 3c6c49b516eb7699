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

resource "eni_subnet" "management" {
  vpc_id            = eni_vpc.example.id
  name              = "management"
  cidr              = "10.0.2.0/24"
  availability_zone = "local-1a"
}

resource "eni_security_group" "web" {
  vpc_id = eni_vpc.example.id
  name   = "web"
  rules = [
    { direction = "ingress", protocol = "tcp", port_range_min = 443, port_range_max = 443, remote_cidr = "0.0.0.0/0" },
    { direction = "egress", protocol = "any", port_range_min = 0, port_range_max = 65535, remote_cidr = "0.0.0.0/0" },
  ]
}

resource "eni_network_interface" "web" {
  subnet_id          = eni_subnet.public.id
  name               = "web"
  security_group_ids = [eni_security_group.web.id]
}

resource "eni_network_interface" "admin" {
  subnet_id = eni_subnet.management.id
  name      = "admin"
}

resource "eni_eip" "web" {
  network_interface_id = eni_network_interface.web.id
}

resource "eni_route" "internet" {
  route_table_id   = eni_vpc.example.default_route_table_id
  destination_cidr = "0.0.0.0/0"
  next_hop_type    = "internet"
}

# Can the internet open an HTTPS connection to the web interface? Read in a
# check block, a broken path is a warning at plan and apply, naming the hop
# that stops it; the data source reads the region as it is, so the first
# apply answers once the objects exist.
check "web_reachable_from_internet" {
  data "eni_reachability" "https" {
    source_ip                        = "203.0.113.10"
    destination_network_interface_id = eni_network_interface.web.id
    protocol                         = "tcp"
    port                             = 443

    depends_on = [eni_eip.web, eni_route.internet]
  }

  assert {
    condition     = data.eni_reachability.https.reachable
    error_message = "HTTPS from the internet is blocked:\n${join("\n", data.eni_reachability.https.path)}"
  }
}

# The management interface has no EIP: the internet cannot reach it.
data "eni_reachability" "ssh_from_internet" {
  source_ip                        = "203.0.113.10"
  destination_network_interface_id = eni_network_interface.admin.id
  protocol                         = "tcp"
  port                             = 22

  depends_on = [eni_eip.web, eni_route.internet]
}

output "ssh_from_internet_blocked_by" {
  # { component = "eip", id = "eni-…", direction = "ingress", verdict = "deny", detail = "… has no EIP; …" }
  value = data.eni_reachability.ssh_from_internet.blocked_by
}

# Each hop on one line: component, id, direction, verdict, then the detail.
output "ssh_from_internet_path" {
  value = data.eni_reachability.ssh_from_internet.path
}
