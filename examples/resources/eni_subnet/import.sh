# A subnet is imported by its ID.
terraform import eni_subnet.example subnet-0123456789abcdef
