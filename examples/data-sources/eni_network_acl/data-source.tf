variable "network_acl_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

# By ID.
data "eni_network_acl" "by_id" {
  id = var.network_acl_id
}

# The network ACL that filters a subnet (an error when it has none).
data "eni_network_acl" "of_subnet" {
  subnet_id = var.subnet_id
}

output "first_ingress_rule" {
  value = data.eni_network_acl.of_subnet.ingress[0]
}
