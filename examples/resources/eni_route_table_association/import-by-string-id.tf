import {
  to = eni_route_table_association.example
  id = "subnet-0123456789abcdef"
}
