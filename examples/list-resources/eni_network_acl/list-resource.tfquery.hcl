# The network ACLs of one VPC.
list "eni_network_acl" "edge" {
  provider = eni

  config {
    vpc_id = "vpc-0123456789abcdef"
  }
}
