# An active and a standby server in one subnet share a floating network
# interface with an EIP. var.active decides which server carries it; changing
# it plans one in-place update of the attachment, which moves the interface
# in a single engine transaction.

data "eni_subnet" "this" {
  id = var.subnet_id
}

# The flavors of the servers' kind that take the floating interface next to
# the server's own primary interface.
data "eni_flavors" "two_or_more" {
  kind                   = var.kind
  min_network_interfaces = 2
}

locals {
  flavors = {
    primary = var.flavor
    standby = coalesce(var.standby_flavor, var.flavor)
  }
  fitting_flavors = data.eni_flavors.two_or_more.flavors[*].name
}

resource "eni_server" "node" {
  for_each = local.flavors

  name               = "${var.name}-${each.key}"
  kind               = var.kind
  flavor             = each.value
  availability_zone  = data.eni_subnet.this.availability_zone
  subnet_id          = var.subnet_id
  security_group_ids = var.server_security_group_ids

  lifecycle {
    # Either server must be able to take the floating interface. The provider
    # can only count a server's slots once the server exists, so without this
    # check a one-interface flavor would fail halfway through the first apply.
    precondition {
      condition     = contains(local.fitting_flavors, each.value)
      error_message = "The ${each.key} server's flavor ${each.value} has no slot for the floating network interface: it must take at least 2 network interfaces. ${upper(var.kind)} flavors that do: ${join(", ", local.fitting_flavors)}."
    }
  }
}

resource "eni_network_interface" "floating" {
  subnet_id          = var.subnet_id
  name               = "${var.name}-floating"
  description        = "Floating interface of the ${var.name} failover pair"
  private_ip         = var.floating_private_ip
  security_group_ids = var.security_group_ids
}

# The server that should carry the interface, as it is now. Read at plan time
# when the server already exists, so a failover to a server whose slots are
# all taken stops at plan.
data "eni_server" "target" {
  id = eni_server.node[var.active].id
}

resource "eni_network_interface_attachment" "floating" {
  network_interface_id = eni_network_interface.floating.id
  server_id            = eni_server.node[var.active].id

  lifecycle {
    precondition {
      condition     = data.eni_server.target.free_network_interface_slots > 0 || contains(data.eni_server.target.network_interface_ids, eni_network_interface.floating.id)
      error_message = "The ${var.active} server ${data.eni_server.target.name} (${data.eni_server.target.id}, flavor ${data.eni_server.target.flavor}) has no free network interface slot: its ${data.eni_server.target.max_network_interfaces} are taken by ${join(", ", data.eni_server.target.network_interface_ids)}. Detach one, or resize it to a flavor that takes more, before failing over."
    }
  }
}

resource "eni_eip" "floating" {
  bandwidth_mbps       = var.eip_bandwidth_mbps
  network_interface_id = eni_network_interface.floating.id
}
