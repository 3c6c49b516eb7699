# A VPC is imported by its ID.
terraform import eni_vpc.example vpc-0123456789abcdef
