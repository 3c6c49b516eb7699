# Runs against the provider that scripts/test-modules.sh serves through
# dev_overrides, on a fresh store named by ENI_STORE.

run "setup" {
  module {
    source = "./tests/setup"
  }
}

run "starts_on_primary" {
  variables {
    name               = "pair"
    subnet_id          = run.setup.subnet_id
    security_group_ids = [run.setup.security_group_id]
  }

  assert {
    condition     = output.host.role == "primary" && output.host.server_id == eni_server.node["primary"].id
    error_message = "The floating interface should start on the primary server."
  }

  assert {
    condition     = output.host.device_index == 1
    error_message = "The floating interface should take the first extension slot."
  }

  assert {
    condition     = eni_eip.floating.network_interface_id == eni_network_interface.floating.id && output.public_ip != ""
    error_message = "The EIP should be bound to the floating interface."
  }
}

run "fails_over_to_standby" {
  variables {
    name               = "pair"
    subnet_id          = run.setup.subnet_id
    security_group_ids = [run.setup.security_group_id]
    active             = "standby"
    expected           = run.starts_on_primary
  }

  assert {
    condition     = output.host.server_id == eni_server.node["standby"].id && output.host.server_id != var.expected.host.server_id
    error_message = "The floating interface should now be on the standby server."
  }

  assert {
    condition     = output.network_interface_id == var.expected.network_interface_id
    error_message = "Failing over should move the interface, not replace it."
  }

  assert {
    condition     = output.private_ip == var.expected.private_ip && output.mac_address == var.expected.mac_address
    error_message = "The floating interface should keep its private IP and MAC address across the move."
  }

  assert {
    condition     = output.public_ip == var.expected.public_ip && output.eip_id == var.expected.eip_id
    error_message = "The EIP should follow the floating interface to the standby server."
  }

  assert {
    condition     = output.servers.primary.id == var.expected.servers.primary.id && output.servers.standby.id == var.expected.servers.standby.id
    error_message = "Failing over should leave both servers in place."
  }
}

# The engine agrees: the floating address is held by the same interface, now
# on the standby server.
run "engine_view" {
  module {
    source = "./tests/lookup"
  }

  variables {
    subnet_id  = run.setup.subnet_id
    private_ip = run.fails_over_to_standby.private_ip
    expected   = run.fails_over_to_standby
  }

  assert {
    condition     = output.network_interface_id == var.expected.network_interface_id && output.mac_address == var.expected.mac_address
    error_message = "The floating address should still belong to the floating interface."
  }

  assert {
    condition     = output.server_id == var.expected.servers.standby.id
    error_message = "The engine should have the floating interface on the standby server."
  }
}
