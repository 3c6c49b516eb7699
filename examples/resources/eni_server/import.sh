# A server is imported by its ID.
terraform import eni_server.example srv-0123456789abcdef
