import {
  to = eni_vpc.example
  id = "vpc-0123456789abcdef"
}
