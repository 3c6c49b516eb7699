import {
  to = eni_route_table.example
  identity = {
    id = "rtb-0123456789abcdef"
  }
}
