# The subnets of one VPC.
list "eni_subnet" "core" {
  provider = eni

  config {
    vpc_id = "vpc-0123456789abcdef"
  }
}
