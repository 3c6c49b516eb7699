resource "eni_vpc" "example" {
  name        = "example"
  cidr        = "10.0.0.0/16"
  description = "Application network"
}
