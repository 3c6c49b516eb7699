import {
  to = eni_network_interface_attachment.example
  identity = {
    id = "eni-0123456789abcdef"
  }
}
