# Runs against the provider that scripts/test-modules.sh serves through
# dev_overrides, on a fresh store named by ENI_STORE. The module needs
# interfaces from other subnets of the server's VPC.
provider "eni" {
  attachment_subnet_rule = "same_vpc"
}

variables {
  name             = "edge"
  management_cidrs = ["192.168.10.0/24"]
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

  assert {
    condition     = anytrue([for r in eni_security_group.this["management"].rules : r.port_range_min == 22 && r.remote_cidr == "192.168.10.0/24"]) && !anytrue([for r in eni_security_group.this["public"].rules : r.port_range_min == 22])
    error_message = "SSH should be admitted from the management networks on the management interface only."
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

  assert {
    condition     = [for r in eni_network_acl.this["management"].ingress : [r.action, r.protocol, r.port_range_min, r.port_range_max, r.remote_cidr]] == [["allow", "tcp", 22, 22, "192.168.10.0/24"]]
    error_message = "The management subnet should admit SSH from the management networks and nothing else."
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
