import {
  to = eni_route_table.example
  id = "rtb-0123456789abcdef"
}
