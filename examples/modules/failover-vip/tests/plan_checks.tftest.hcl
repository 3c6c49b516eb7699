# Mistakes the module stops at plan, before anything is created or moved.

run "setup" {
  module {
    source = "./tests/setup"
  }
}

run "rejects_an_unknown_role" {
  command = plan

  variables {
    name      = "vip"
    subnet_id = run.setup.subnet_id
    active    = "c"
  }

  expect_failures = [var.active]
}

run "rejects_a_malformed_address" {
  command = plan

  variables {
    name       = "vip"
    subnet_id  = run.setup.subnet_id
    ip_address = "10.50.1.300"
  }

  expect_failures = [var.ip_address]
}

# A requested address is kept, and the smallest flavor, whose interfaces
# hold two private IPs, has room for the server's own and the virtual IP.
run "requested_address_on_the_smallest_flavor" {
  variables {
    name       = "small"
    subnet_id  = run.setup.subnet_id
    flavor     = "s6.small.1"
    ip_address = "10.50.1.200"
    active     = "b"
  }

  assert {
    condition     = output.ip_address == "10.50.1.200" && output.holder.network_interface_id == eni_server.node["b"].primary_network_interface_id
    error_message = "The virtual IP should be 10.50.1.200, on server b."
  }
}
