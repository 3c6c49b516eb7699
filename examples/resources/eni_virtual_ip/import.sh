# A virtual IP is imported by its ID.
terraform import eni_virtual_ip.example vip-0123456789abcdef
