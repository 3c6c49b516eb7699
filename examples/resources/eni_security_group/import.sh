# A security group is imported by its ID.
terraform import eni_security_group.example sg-0123456789abcdef
