# Runs against the provider that scripts/test-modules.sh serves through
# dev_overrides, on a fresh store named by ENI_STORE. The module needs
# interfaces from other subnets of the server's VPC.
provider "eni" {
  attachment_subnet_rule = "same_vpc"
}

# The administrators reach the management interface from a bastion inside
# the VPC, in a range no subnet of the module uses; tests/probe creates it.
# A range outside the VPC is the internet, which the management interface,
# with no EIP and no route out, never answers.
variables {
  name             = "edge"
  management_cidrs = ["10.50.64.0/24"]
}

run "three_networks" {
  assert {
    condition     = length(distinct(values(output.subnet_ids))) == 3 && alltrue([for s in eni_subnet.this : s.vpc_id == eni_vpc.this.id])
    error_message = "The three subnets should be distinct subnets of one VPC."
  }

  assert {
    condition     = [for r in ["management", "service", "public"] : output.network_interfaces[r].device_index] == [0, 1, 2]
    error_message = "The management, service and public interfaces should sit at device indexes 0, 1 and 2."
  }

  assert {
    condition     = alltrue([for r in ["management", "service", "public"] : output.network_interfaces[r].subnet_id == output.subnet_ids[r]])
    error_message = "Each interface should be in the subnet of its role."
  }

  assert {
    condition     = alltrue([for r in ["service", "public"] : eni_network_interface_attachment.this[r].server_id == eni_server.this.id])
    error_message = "The service and public interfaces should be attached to the server."
  }

  assert {
    condition     = output.public_ip != null && eni_eip.public[0].network_interface_id == output.network_interfaces.public.id
    error_message = "The public interface should carry the EIP."
  }
}

run "routes_and_acls" {
  assert {
    condition     = alltrue([for r in ["service", "public", "management"] : eni_route_table_association.this[r].route_table_id == eni_route_table.this[r].id && eni_route_table_association.this[r].subnet_id == eni_subnet.this[r].id])
    error_message = "Each subnet should use the route table of its role."
  }

  assert {
    condition     = eni_route.public_default.route_table_id == output.route_table_ids.public && eni_route.public_default.destination_cidr == "0.0.0.0/0" && eni_route.public_default.next_hop_type == "internet"
    error_message = "The public subnet, and it alone, should route 0.0.0.0/0 to the internet."
  }

  assert {
    condition     = alltrue([for r in ["service", "public", "management"] : eni_network_acl_association.this[r].network_acl_id == output.network_acl_ids[r]])
    error_message = "Each subnet should have the network ACL of its role."
  }
}

# What the engine says about the server, independently of the module's state.
run "engine_view" {
  module {
    source = "./tests/inspect"
  }

  variables {
    server_id  = run.routes_and_acls.server_id
    subnet_ids = run.routes_and_acls.subnet_ids
    expected   = run.routes_and_acls
  }

  assert {
    condition     = output.network_interface_ids == tolist([for r in ["management", "service", "public"] : var.expected.network_interfaces[r].id])
    error_message = "The server should hold the management, service and public interfaces, in that order."
  }

  assert {
    condition     = output.subnets == [for r in ["management", "service", "public"] : var.expected.subnet_ids[r]]
    error_message = "Each interface should be in the subnet of its role."
  }

  assert {
    condition     = output.security_groups == [for r in ["management", "service", "public"] : toset([var.expected.security_group_ids[r]])]
    error_message = "Each interface should have exactly the security group of its role."
  }

  assert {
    condition     = output.vpcs == tolist([var.expected.vpc_id])
    error_message = "All three interfaces should be in the module's VPC."
  }

  assert {
    condition     = output.free_network_interface_slots == 0
    error_message = "A c7.large.2 server with three interfaces should have no free slot left."
  }

  assert {
    condition     = output.routes_out.public == [{ destination_cidr = "0.0.0.0/0", next_hop_type = "internet" }]
    error_message = "The public subnet's table in effect should route 0.0.0.0/0 to the internet."
  }

  assert {
    condition     = output.routes_out.service == [] && output.routes_out.management == []
    error_message = "The service and management subnets should have no route beyond the VPC's local one."
  }

  assert {
    condition     = alltrue([for r, id in var.expected.route_table_ids : output.table_in_effect[r] == id])
    error_message = "Each subnet's table in effect should be the module's table of its role."
  }
}

# What reaches the server, and what stops the rest, as the engine answers it
# from the region: the tests prove the isolation instead of reading rule text.
# Every blocked path names the component that stops it, and its ID.
run "isolation" {
  module {
    source = "./tests/probe"
  }

  variables {
    vpc_id             = run.routes_and_acls.vpc_id
    bastion_cidr       = "10.50.64.0/24"
    network_interfaces = run.routes_and_acls.network_interfaces
    public_ports       = [80, 443]
    service_port       = 8443
    expected           = run.routes_and_acls
  }

  assert {
    condition     = alltrue([for p in [80, 443] : output.reachability["internet_to_public_${p}"].reachable])
    error_message = "The internet should reach the public interface on its public ports:\n${output.reachability.internet_to_public_80.path}\n${output.reachability.internet_to_public_443.path}"
  }

  assert {
    condition     = output.reachability.internet_to_public_22.blocked_by == { component = "network_acl", id = var.expected.network_acl_ids.public, direction = "ingress" }
    error_message = "SSH from the internet to the public interface should stop at the public subnet's network ACL:\n${output.reachability.internet_to_public_22.path}"
  }

  # Inside the VPC the public subnet's ACL lets everything in; the public
  # security group still admits only the public ports.
  assert {
    condition     = output.reachability.bastion_to_public_22.blocked_by == { component = "security_group", id = var.expected.security_group_ids.public, direction = "ingress" }
    error_message = "SSH from the bastion to the public interface should stop at the public security group:\n${output.reachability.bastion_to_public_22.path}"
  }

  assert {
    condition     = output.reachability.bastion_to_management_22.reachable
    error_message = "SSH from the management range should reach the management interface:\n${output.reachability.bastion_to_management_22.path}"
  }

  assert {
    condition     = output.reachability.bastion_to_management_svc.blocked_by == { component = "network_acl", id = var.expected.network_acl_ids.management, direction = "ingress" }
    error_message = "The management subnet's ACL should admit nothing but SSH from the management range:\n${output.reachability.bastion_to_management_svc.path}"
  }

  assert {
    condition     = output.reachability.internet_to_management_22.blocked_by == { component = "eip", id = var.expected.network_interfaces.management.id, direction = "ingress" }
    error_message = "The internet should not reach the management interface, which has no EIP:\n${output.reachability.internet_to_management_22.path}"
  }

  # The service subnet lets out only replies to its clients.
  assert {
    condition     = output.reachability.service_to_management_22.blocked_by == { component = "network_acl", id = var.expected.network_acl_ids.service, direction = "egress" }
    error_message = "The service subnet should not reach the management interface; its ACL should stop it on the way out:\n${output.reachability.service_to_management_22.path}"
  }

  # The public subnet lets everything out; the management subnet's ACL stops
  # SSH from anywhere but the management range.
  assert {
    condition     = output.reachability.public_to_management_22.blocked_by == { component = "network_acl", id = var.expected.network_acl_ids.management, direction = "ingress" }
    error_message = "The public subnet should not reach the management interface; the management ACL should stop it:\n${output.reachability.public_to_management_22.path}"
  }

  assert {
    condition     = output.reachability.bastion_to_service_svc.reachable
    error_message = "The service port should be reachable from inside the VPC:\n${output.reachability.bastion_to_service_svc.path}"
  }

  assert {
    condition     = output.reachability.internet_to_service_svc.blocked_by == { component = "eip", id = var.expected.network_interfaces.service.id, direction = "ingress" }
    error_message = "The internet should not reach the service interface, which has no EIP:\n${output.reachability.internet_to_service_svc.path}"
  }
}

# An EIP bound by mistake to the management or service interface opens
# nothing: their subnets' route tables have no way out for the reply.
run "isolation_with_stray_eips" {
  module {
    source = "./tests/probe"
  }

  variables {
    vpc_id             = run.routes_and_acls.vpc_id
    bastion_cidr       = "10.50.64.0/24"
    network_interfaces = run.routes_and_acls.network_interfaces
    public_ports       = [80, 443]
    service_port       = 8443
    stray_eips         = ["management", "service"]
    expected           = run.routes_and_acls
  }

  assert {
    condition     = output.reachability.internet_to_management_22.blocked_by == { component = "route_table", id = var.expected.route_table_ids.management, direction = "reply_egress" }
    error_message = "With an EIP, SSH from the internet to the management interface should stop at the management route table, which has no route out:\n${output.reachability.internet_to_management_22.path}"
  }

  assert {
    condition     = output.reachability.internet_to_service_svc.blocked_by == { component = "route_table", id = var.expected.route_table_ids.service, direction = "reply_egress" }
    error_message = "With an EIP, the internet should still not reach the service interface, whose route table has no route out:\n${output.reachability.internet_to_service_svc.path}"
  }

  assert {
    condition     = output.reachability.bastion_to_management_22.reachable && alltrue([for p in [80, 443] : output.reachability["internet_to_public_${p}"].reachable])
    error_message = "The stray EIPs should change nothing else."
  }
}
