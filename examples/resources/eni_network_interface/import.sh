# An extension network interface is imported by its ID. A server's primary
# network interface belongs to its eni_server and cannot be imported here.
terraform import eni_network_interface.example eni-0123456789abcdef
