# The virtual machine flavors that take at least four network interfaces,
# the primary one included.
data "eni_flavors" "four_nics" {
  kind                   = "ecs"
  min_network_interfaces = 4
}

output "smallest_four_nic_flavor" {
  value = data.eni_flavors.four_nics.flavors[0].name
}

output "four_nic_flavors" {
  value = {
    for f in data.eni_flavors.four_nics.flavors : f.name => f.max_network_interfaces
  }
}
