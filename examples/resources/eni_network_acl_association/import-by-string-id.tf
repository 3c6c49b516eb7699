import {
  to = eni_network_acl_association.example
  id = "aclassoc-0123456789abcdef"
}
