# One server with three network interfaces, each in a subnet and a security
# group of its own, all in one VPC:
#
#   management  primary interface (device 0)   SSH from management_cidrs
#   service     extension interface (device 1) service_ports from service_cidrs
#   public      extension interface (device 2) public_ports from anywhere, EIP
#
# Each subnet has its own route table and network ACL: only the public subnet
# routes out (to the internet), and the management subnet admits SSH from
# management_cidrs only, whatever a security group says.
#
# Interfaces from other subnets of the server's VPC are refused under the
# provider's default attachment_subnet_rule; the calling configuration must set
# attachment_subnet_rule = "same_vpc".

locals {
  roles = ["service", "public", "management"]

  subnet_cidrs = var.subnet_cidrs != null ? var.subnet_cidrs : {
    service    = cidrsubnet(var.vpc_cidr, 4, 1)
    public     = cidrsubnet(var.vpc_cidr, 4, 2)
    management = cidrsubnet(var.vpc_cidr, 4, 3)
  }

  ingress = {
    service    = { ports = var.service_ports, cidrs = coalesce(var.service_cidrs, [var.vpc_cidr]) }
    public     = { ports = var.public_ports, cidrs = ["0.0.0.0/0"] }
    management = { ports = [22], cidrs = var.management_cidrs }
  }

  # The extension interfaces and their device indexes, so that the guest sees
  # them in a fixed order.
  extension_device_index = {
    service = 1
    public  = 2
  }

  fitting_flavors = data.eni_flavors.three_or_more.flavors[*].name
}

data "eni_flavors" "three_or_more" {
  kind                   = var.kind
  min_network_interfaces = 3
}

resource "eni_vpc" "this" {
  name        = var.name
  cidr        = var.vpc_cidr
  description = "Service, public and management networks of ${var.name}"
}

resource "eni_subnet" "this" {
  for_each = toset(local.roles)

  vpc_id            = eni_vpc.this.id
  name              = "${var.name}-${each.key}"
  cidr              = local.subnet_cidrs[each.key]
  availability_zone = var.availability_zone
}

resource "eni_security_group" "this" {
  for_each = toset(local.roles)

  vpc_id      = eni_vpc.this.id
  name        = "${var.name}-${each.key}"
  description = "Traffic admitted on the ${each.key} interface"

  rules = concat(
    flatten([
      for port in local.ingress[each.key].ports : [
        for cidr in local.ingress[each.key].cidrs : {
          direction      = "ingress"
          protocol       = "tcp"
          port_range_min = port
          port_range_max = port
          remote_cidr    = cidr
        }
      ]
    ]),
    [{
      direction      = "egress"
      protocol       = "any"
      port_range_min = 0
      port_range_max = 65535
      remote_cidr    = "0.0.0.0/0"
    }],
  )
}

resource "eni_server" "this" {
  name               = var.name
  kind               = var.kind
  flavor             = var.flavor
  availability_zone  = var.availability_zone
  subnet_id          = eni_subnet.this["management"].id
  security_group_ids = [eni_security_group.this["management"].id]

  lifecycle {
    # The provider counts a server's slots only once the server exists, so
    # without this check a two-interface flavor would fail halfway through
    # the first apply.
    precondition {
      condition     = contains(local.fitting_flavors, var.flavor)
      error_message = "Flavor ${var.flavor} cannot take the management, service and public interfaces: it must take at least 3 network interfaces. ${upper(var.kind)} flavors that do: ${join(", ", local.fitting_flavors)}."
    }
  }
}

# The management interface is the server's primary one, created with it.
data "eni_network_interface" "management" {
  id = eni_server.this.primary_network_interface_id
}

resource "eni_network_interface" "this" {
  for_each = local.extension_device_index

  subnet_id          = eni_subnet.this[each.key].id
  name               = "${var.name}-${each.key}"
  description        = "The ${each.key} interface of ${var.name}"
  security_group_ids = [eni_security_group.this[each.key].id]
}

resource "eni_network_interface_attachment" "this" {
  for_each = local.extension_device_index

  network_interface_id = eni_network_interface.this[each.key].id
  server_id            = eni_server.this.id
  device_index         = each.value
}

resource "eni_eip" "public" {
  count = var.public_eip ? 1 : 0

  bandwidth_mbps       = var.eip_bandwidth_mbps
  network_interface_id = eni_network_interface.this["public"].id
}

# Routing: each subnet has a route table of its own. Only the public one has
# a way out, a default route to the VPC's internet gateway; the service and
# management subnets reach nothing beyond the VPC (their tables hold only the
# local route, which every table has).
resource "eni_route_table" "this" {
  for_each = toset(local.roles)

  vpc_id      = eni_vpc.this.id
  name        = "${var.name}-${each.key}"
  description = "Routes of the ${each.key} subnet"
}

resource "eni_route" "public_default" {
  route_table_id   = eni_route_table.this["public"].id
  destination_cidr = "0.0.0.0/0"
  next_hop_type    = "internet"
  description      = "The public subnet's way out"
}

resource "eni_route_table_association" "this" {
  for_each = toset(local.roles)

  subnet_id      = eni_subnet.this[each.key].id
  route_table_id = eni_route_table.this[each.key].id
}

# Access control: each subnet has a network ACL of its own, checked before
# the security groups. ACLs are stateless, so each admits the replies of the
# connections it lets in (to client ports 1024-65535) on its way out.
locals {
  ephemeral_ports = { min = 1024, max = 65535 }

  acl_ingress = {
    public = concat(
      [for port in var.public_ports : { protocol = "tcp", min = port, max = port, cidr = "0.0.0.0/0" }],
      [{ protocol = "any", min = 0, max = 65535, cidr = var.vpc_cidr }],
    )
    service    = [for pair in setproduct(var.service_ports, local.ingress.service.cidrs) : { protocol = "tcp", min = pair[0], max = pair[0], cidr = pair[1] }]
    management = [for cidr in var.management_cidrs : { protocol = "tcp", min = 22, max = 22, cidr = cidr }]
  }

  acl_egress = {
    public     = [{ protocol = "any", min = 0, max = 65535, cidr = "0.0.0.0/0" }]
    service    = [for cidr in local.ingress.service.cidrs : { protocol = "tcp", min = local.ephemeral_ports.min, max = local.ephemeral_ports.max, cidr = cidr }]
    management = [for cidr in var.management_cidrs : { protocol = "tcp", min = local.ephemeral_ports.min, max = local.ephemeral_ports.max, cidr = cidr }]
  }
}

resource "eni_network_acl" "this" {
  for_each = toset(local.roles)

  vpc_id      = eni_vpc.this.id
  name        = "${var.name}-${each.key}"
  description = "Traffic admitted into and out of the ${each.key} subnet"

  ingress = [for r in local.acl_ingress[each.key] : {
    action         = "allow"
    protocol       = r.protocol
    port_range_min = r.min
    port_range_max = r.max
    remote_cidr    = r.cidr
  }]

  egress = [for r in local.acl_egress[each.key] : {
    action         = "allow"
    protocol       = r.protocol
    port_range_min = r.min
    port_range_max = r.max
    remote_cidr    = r.cidr
  }]
}

resource "eni_network_acl_association" "this" {
  for_each = toset(local.roles)

  subnet_id      = eni_subnet.this[each.key].id
  network_acl_id = eni_network_acl.this[each.key].id
}
