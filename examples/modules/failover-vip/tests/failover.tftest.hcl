# Runs against the provider that scripts/test-modules.sh serves through
# dev_overrides, on a fresh store named by ENI_STORE.

run "setup" {
  module {
    source = "./tests/setup"
  }
}

run "starts_on_a" {
  variables {
    name      = "vip"
    subnet_id = run.setup.subnet_id
  }

  assert {
    condition     = output.holder.role == "a" && output.holder.network_interface_id == eni_server.node["a"].primary_network_interface_id
    error_message = "The virtual IP should start on server a's network interface."
  }

  assert {
    condition     = startswith(output.virtual_ip_id, "vip-") && startswith(output.ip_address, "10.50.1.")
    error_message = "The virtual IP should have an ID and an address of the subnet."
  }

  assert {
    condition     = output.ip_address != output.servers.a.private_ip && output.ip_address != output.servers.b.private_ip
    error_message = "The virtual IP should be an address of its own, not a server's."
  }
}

run "fails_over_to_b" {
  variables {
    name      = "vip"
    subnet_id = run.setup.subnet_id
    active    = "b"
    expected  = run.starts_on_a
  }

  assert {
    condition     = output.holder.network_interface_id == eni_server.node["b"].primary_network_interface_id && output.holder.server_id != var.expected.holder.server_id
    error_message = "The virtual IP should now be on server b's network interface."
  }

  assert {
    condition     = output.virtual_ip_id == var.expected.virtual_ip_id && output.ip_address == var.expected.ip_address
    error_message = "Failing over should move the virtual IP, keeping its address, not replace it."
  }

  assert {
    condition     = output.servers.a == var.expected.servers.a && output.servers.b == var.expected.servers.b
    error_message = "Failing over should leave both servers and their own addresses as they were."
  }
}

run "fails_back_to_a" {
  variables {
    name      = "vip"
    subnet_id = run.setup.subnet_id
    active    = "a"
    expected  = run.fails_over_to_b
  }

  assert {
    condition     = output.holder.network_interface_id == eni_server.node["a"].primary_network_interface_id
    error_message = "The virtual IP should be back on server a's network interface."
  }

  assert {
    condition     = output.virtual_ip_id == var.expected.virtual_ip_id && output.ip_address == var.expected.ip_address
    error_message = "Failing back should keep the same virtual IP and address."
  }
}

# The engine agrees: after two moves, the address is held by server a's
# interface again.
run "engine_view" {
  module {
    source = "./tests/lookup"
  }

  variables {
    subnet_id  = run.setup.subnet_id
    ip_address = run.fails_back_to_a.ip_address
    expected   = run.fails_back_to_a
  }

  assert {
    condition     = output.virtual_ip_id == var.expected.virtual_ip_id && output.network_interface_id == var.expected.servers.a.primary_network_interface_id
    error_message = "The engine should have the virtual IP on server a's network interface."
  }

  assert {
    condition     = output.server_id == var.expected.servers.a.id
    error_message = "The interface holding the virtual IP should be server a's."
  }
}
