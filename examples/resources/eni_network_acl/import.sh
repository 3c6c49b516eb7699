# A network ACL is imported by its ID.
terraform import eni_network_acl.example acl-0123456789abcdef
