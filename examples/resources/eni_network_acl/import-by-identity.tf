import {
  to = eni_network_acl.example
  identity = {
    id = "acl-0123456789abcdef"
  }
}
