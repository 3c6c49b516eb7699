import {
  to = eni_route_table_association.example
  identity = {
    id = "rtbassoc-0123456789abcdef"
  }
}
