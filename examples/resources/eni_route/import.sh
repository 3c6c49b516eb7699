# A route is imported by its route table's ID and its destination, joined by a colon.
terraform import eni_route.example rtb-0123456789abcdef:192.168.0.0/16
