import {
  to = eni_route.example
  id = "rtb-0123456789abcdef:192.168.0.0/16"
}
