import {
  to = eni_network_interface.example
  id = "eni-0123456789abcdef"
}
