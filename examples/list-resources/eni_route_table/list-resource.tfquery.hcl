# The custom route tables of one VPC (its default table is not listed).
list "eni_route_table" "app" {
  provider = eni

  config {
    vpc_id = "vpc-0123456789abcdef"
  }
}
