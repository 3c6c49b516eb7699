# Mistakes the module stops at plan, before anything is created or moved.

run "setup" {
  module {
    source = "./tests/setup"
  }
}

run "rejects_an_unknown_role" {
  command = plan

  variables {
    name      = "pair"
    subnet_id = run.setup.subnet_id
    active    = "secondary"
  }

  expect_failures = [var.active]
}

# s6.small.1 takes one network interface, the server's own: the standby could
# never take the floating interface over. The provider cannot count the slots
# of a server that does not exist yet, so the module checks the flavor itself.
run "rejects_a_standby_flavor_without_a_free_slot" {
  command = plan

  variables {
    name           = "pair"
    subnet_id      = run.setup.subnet_id
    standby_flavor = "s6.small.1"
  }

  expect_failures = [eni_server.node]
}

run "pair" {
  variables {
    name      = "pair"
    subnet_id = run.setup.subnet_id
  }
}

# Another configuration takes the standby's free slots.
run "fill_standby" {
  module {
    source = "./tests/fill"
  }

  variables {
    server_id = run.pair.servers.standby.id
    subnet_id = run.setup.subnet_id
  }

  assert {
    condition     = output.filled == 2
    error_message = "A c7.large.2 standby should have had two free slots."
  }
}

run "rejects_failing_over_to_a_full_standby" {
  command = plan

  variables {
    name      = "pair"
    subnet_id = run.setup.subnet_id
    active    = "standby"
  }

  expect_failures = [eni_network_interface_attachment.floating]
}

# The refused failover left the interface where it was.
run "still_on_primary" {
  command = plan

  variables {
    name      = "pair"
    subnet_id = run.setup.subnet_id
    primary   = run.pair.servers.primary.id
  }

  assert {
    condition     = eni_network_interface_attachment.floating.server_id == var.primary && output.host.role == "primary"
    error_message = "The floating interface should still be on the primary server."
  }
}
