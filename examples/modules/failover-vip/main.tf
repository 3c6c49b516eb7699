# Two servers in one subnet and a virtual IP that one of them holds at a time.
# var.active decides which; changing it plans one in-place update of the
# virtual IP, which moves the address from one server's network interface to
# the other's in a single engine transaction. Nothing else moves: each server
# keeps its own interface, MAC address, security groups and EIP.

locals {
  routes_through_pair = length(var.route_cidrs) > 0
  source_dest_check   = coalesce(var.source_dest_check, { a = !local.routes_through_pair, b = !local.routes_through_pair })
}

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
  source_dest_check  = local.source_dest_check[each.key]
}

# The address is bound to the active server's primary network interface, in
# the virtual IP's own subnet. It counts toward that interface's private IPs
# (the flavor's max_private_ips_per_interface); the provider checks at plan
# that the target has room.
resource "eni_virtual_ip" "this" {
  subnet_id            = var.subnet_id
  ip_address           = var.ip_address
  network_interface_id = eni_server.node[var.active].primary_network_interface_id

  lifecycle {
    # Routes through the virtual IP reach whichever server holds it; one
    # that drops traffic not addressed to itself would black-hole them. The
    # provider refuses it too (SourceDestCheckEnabled); this says why in the
    # module's words.
    precondition {
      condition     = !local.routes_through_pair || var.route_table_id != null
      error_message = "route_cidrs needs route_table_id: the table the routes through the virtual IP go in."
    }
    precondition {
      condition     = !local.routes_through_pair || !local.source_dest_check[var.active]
      error_message = "Server ${var.active} cannot hold the virtual IP: route_cidrs routes traffic through it, and its source/destination check is on. Set source_dest_check.${var.active} = false."
    }
  }
}

# Routes through the virtual IP follow it when it fails over: the engine
# resolves a virtual IP next hop to the interface it is bound to.
resource "eni_route" "through_vip" {
  for_each = toset(var.route_table_id == null ? [] : var.route_cidrs)

  route_table_id   = var.route_table_id
  destination_cidr = each.value
  next_hop_type    = "virtual_ip"
  next_hop_id      = eni_virtual_ip.this.id
  description      = "Through ${var.name}'s virtual IP"
}
