# Mistakes the module stops at plan, before anything is created.
provider "eni" {
  attachment_subnet_rule = "same_vpc"
}

variables {
  name             = "edge"
  management_cidrs = ["10.50.64.0/24"]
}

# s6.large.2 takes two network interfaces; the server needs three.
run "rejects_a_flavor_without_enough_slots" {
  command = plan

  variables {
    flavor = "s6.large.2"
  }

  expect_failures = [eni_server.this]
}

run "rejects_a_bare_metal_flavor_without_enough_slots" {
  command = plan

  variables {
    kind   = "bms"
    flavor = "physical.s4.large"
  }

  expect_failures = [eni_server.this]
}

run "rejects_shared_subnets" {
  command = plan

  variables {
    subnet_cidrs = {
      service    = "10.50.16.0/20"
      public     = "10.50.16.0/20"
      management = "10.50.48.0/20"
    }
  }

  expect_failures = [var.subnet_cidrs]
}

run "rejects_management_from_nowhere" {
  command = plan

  variables {
    management_cidrs = []
  }

  expect_failures = [var.management_cidrs]
}

run "plans_with_a_larger_flavor" {
  command = plan

  variables {
    flavor = "c7.2xlarge.2"
  }

  assert {
    condition     = eni_server.this.max_network_interfaces == 4
    error_message = "c7.2xlarge.2 should plan a server that takes four network interfaces."
  }
}
