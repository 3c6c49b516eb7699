import {
  to = eni_virtual_ip.example
  identity = {
    id = "vip-0123456789abcdef"
  }
}
