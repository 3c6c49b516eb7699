# An association is imported by its ID, or by its subnet's ID (a subnet has at most one).
terraform import eni_network_acl_association.example aclassoc-0123456789abcdef
terraform import eni_network_acl_association.example subnet-0123456789abcdef
