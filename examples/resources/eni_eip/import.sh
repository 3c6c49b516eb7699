# An EIP is imported by its ID.
terraform import eni_eip.example eip-0123456789abcdef
