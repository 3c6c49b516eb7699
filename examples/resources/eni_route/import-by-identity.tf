import {
  to = eni_route.example
  identity = {
    route_table_id   = "rtb-0123456789abcdef"
    destination_cidr = "192.168.0.0/16"
  }
}
