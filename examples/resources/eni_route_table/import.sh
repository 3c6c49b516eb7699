# A route table is imported by its ID.
terraform import eni_route_table.example rtb-0123456789abcdef
