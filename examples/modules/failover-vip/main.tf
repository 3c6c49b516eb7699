# Two servers in one subnet and a virtual IP that one of them holds at a time.
# var.active decides which; changing it plans one in-place update of the
# virtual IP, which moves the address from one server's network interface to
# the other's in a single engine transaction. Nothing else moves: each server
# keeps its own interface, MAC address, security groups and EIP.

data "eni_subnet" "this" {
  id = var.subnet_id
}

resource "eni_server" "node" {
  for_each = toset(["a", "b"])

  name               = "${var.name}-${each.key}"
  kind               = var.kind
  flavor             = var.flavor
  availability_zone  = data.eni_subnet.this.availability_zone
  subnet_id          = var.subnet_id
  security_group_ids = var.security_group_ids
}

# The address is bound to the active server's primary network interface, in
# the virtual IP's own subnet. It counts toward that interface's private IPs
# (the flavor's max_private_ips_per_interface); the provider checks at plan
# that the target has room.
resource "eni_virtual_ip" "this" {
  subnet_id            = var.subnet_id
  ip_address           = var.ip_address
  network_interface_id = eni_server.node[var.active].primary_network_interface_id
}
