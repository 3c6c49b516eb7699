# An association is imported by its ID.
terraform import eni_network_acl_association.example aclassoc-0123456789abcdef
