import {
  to = eni_network_interface.example
  identity = {
    id = "eni-0123456789abcdef"
  }
}
