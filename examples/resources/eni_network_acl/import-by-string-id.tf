import {
  to = eni_network_acl.example
  id = "acl-0123456789abcdef"
}
