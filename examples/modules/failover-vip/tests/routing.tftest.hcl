# The pair as a firewall or NAT pair: traffic of the clients' route table is
# routed through the virtual IP, and reaches whichever server holds it.

run "setup" {
  module {
    source = "./tests/setup"
  }
}

run "routes_through_a" {
  variables {
    name           = "nat"
    subnet_id      = run.setup.subnet_id
    route_table_id = run.setup.route_table_id
    route_cidrs    = ["0.0.0.0/0"]
  }

  assert {
    condition     = eni_route.through_vip["0.0.0.0/0"].next_hop_type == "virtual_ip" && eni_route.through_vip["0.0.0.0/0"].next_hop_id == output.virtual_ip_id
    error_message = "The default route of the clients' table should go through the virtual IP."
  }

  assert {
    condition     = !eni_server.node["a"].source_dest_check && !eni_server.node["b"].source_dest_check
    error_message = "Both servers should forward traffic (source/destination check off) once traffic is routed through them."
  }
}

run "engine_routes_to_a" {
  module {
    source = "./tests/route"
  }

  variables {
    route_table_id   = run.setup.route_table_id
    destination_cidr = "0.0.0.0/0"
    expected         = run.routes_through_a
  }

  assert {
    condition     = output.next_hop_type == "virtual_ip" && output.virtual_ip_id == var.expected.virtual_ip_id && output.server_id == var.expected.servers.a.id
    error_message = "The engine should route 0.0.0.0/0 through the virtual IP to server a."
  }
}

# The engine's answer for a client's connection to the internet: through
# the virtual IP to server a, which forwards it and sends it out through its
# EIP.
run "client_reaches_the_internet_through_a" {
  module {
    source = "./tests/probe"
  }

  variables {
    servers                     = run.routes_through_a.servers
    client_network_interface_id = run.setup.client_network_interface_id
    expected                    = run.routes_through_a
  }

  assert {
    condition     = output.reachable
    error_message = "The client should reach the internet through the pair:\n${output.path}"
  }

  assert {
    condition     = try(output.hops[index(output.hops, "virtual_ip ${var.expected.virtual_ip_id}") + 1], null) == "network_interface ${var.expected.servers.a.primary_network_interface_id}"
    error_message = "The client's traffic should pass the virtual IP, then server a's network interface:\n${output.path}"
  }

  assert {
    condition     = contains(output.hops, "eip ${output.eip_ids.a}") && !contains(output.hops, "network_interface ${var.expected.servers.b.primary_network_interface_id}")
    error_message = "Server a, not b, should send the traffic out, through its EIP:\n${output.path}"
  }
}

# A standby that drops traffic not addressed to itself would black-hole
# everything routed through the virtual IP: refused at plan.
run "refuses_a_standby_with_the_check_on" {
  command = plan

  variables {
    name              = "nat"
    subnet_id         = run.setup.subnet_id
    route_table_id    = run.setup.route_table_id
    route_cidrs       = ["0.0.0.0/0"]
    active            = "b"
    source_dest_check = { a = false, b = true }
    # The virtual IP is still on a: b's check turning on is no refusal of
    # its own, the move of the virtual IP onto it is.
  }

  expect_failures = [eni_virtual_ip.this]
}

run "refuses_routes_without_a_table" {
  command = plan

  variables {
    name        = "nat"
    subnet_id   = run.setup.subnet_id
    route_cidrs = ["0.0.0.0/0"]
  }

  expect_failures = [eni_virtual_ip.this]
}

run "fails_over_to_b" {
  variables {
    name           = "nat"
    subnet_id      = run.setup.subnet_id
    route_table_id = run.setup.route_table_id
    route_cidrs    = ["0.0.0.0/0"]
    active         = "b"
    expected       = run.routes_through_a
  }

  assert {
    condition     = output.route_ids == var.expected.route_ids && output.virtual_ip_id == var.expected.virtual_ip_id
    error_message = "Failing over should move the virtual IP and leave the route as it was."
  }
}

run "engine_routes_to_b" {
  module {
    source = "./tests/route"
  }

  variables {
    route_table_id   = run.setup.route_table_id
    destination_cidr = "0.0.0.0/0"
    expected         = run.fails_over_to_b
  }

  assert {
    condition     = output.virtual_ip_id == var.expected.virtual_ip_id && output.server_id == var.expected.servers.b.id
    error_message = "After the failover the same route should reach server b, with no route update."
  }
}

# The same connection after the failover: the route and the EIPs are as they
# were, and the traffic now passes server b.
run "client_reaches_the_internet_through_b" {
  module {
    source = "./tests/probe"
  }

  variables {
    servers                     = run.fails_over_to_b.servers
    client_network_interface_id = run.setup.client_network_interface_id
    expected                    = run.fails_over_to_b
  }

  assert {
    condition     = output.reachable
    error_message = "The client should still reach the internet after the failover:\n${output.path}"
  }

  assert {
    condition     = try(output.hops[index(output.hops, "virtual_ip ${var.expected.virtual_ip_id}") + 1], null) == "network_interface ${var.expected.servers.b.primary_network_interface_id}"
    error_message = "After the failover the client's traffic should pass the virtual IP, then server b's network interface:\n${output.path}"
  }

  assert {
    condition     = contains(output.hops, "eip ${output.eip_ids.b}") && !contains(output.hops, "network_interface ${var.expected.servers.a.primary_network_interface_id}")
    error_message = "Server b, not a, should send the traffic out, through its EIP:\n${output.path}"
  }
}
