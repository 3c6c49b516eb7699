import {
  to = eni_vpc.example
  identity = {
    id = "vpc-0123456789abcdef"
  }
}
