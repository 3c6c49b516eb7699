import {
  to = eni_network_acl_association.example
  identity = {
    id = "aclassoc-0123456789abcdef"
  }
}
