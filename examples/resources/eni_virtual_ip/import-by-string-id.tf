import {
  to = eni_virtual_ip.example
  id = "vip-0123456789abcdef"
}
