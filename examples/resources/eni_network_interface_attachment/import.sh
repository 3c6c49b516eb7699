# An attachment is imported by the ID of the network interface it attaches.
terraform import eni_network_interface_attachment.example eni-0123456789abcdef
