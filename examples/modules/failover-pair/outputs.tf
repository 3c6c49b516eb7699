output "network_interface_id" {
  description = "The ID of the floating network interface."
  value       = eni_network_interface.floating.id
}

output "private_ip" {
  description = "The floating interface's private IP. It is the same whichever server carries the interface."
  value       = eni_network_interface.floating.private_ip
}

output "mac_address" {
  description = "The floating interface's MAC address. It is the same whichever server carries the interface."
  value       = eni_network_interface.floating.mac_address
}

output "public_ip" {
  description = "The public IP of the EIP bound to the floating interface. It follows the interface."
  value       = eni_eip.floating.public_ip
}

output "eip_id" {
  description = "The ID of the EIP bound to the floating interface."
  value       = eni_eip.floating.id
}

output "host" {
  description = "The server that carries the floating interface: its role (`primary` or `standby`), ID and name, and the interface's device index on it."
  value = {
    role         = var.active
    server_id    = eni_network_interface_attachment.floating.server_id
    server_name  = eni_server.node[var.active].name
    device_index = eni_network_interface_attachment.floating.device_index
  }
}

output "servers" {
  description = "Both servers by role, with their IDs, flavors and the private IPs of their primary network interfaces."
  value = {
    for role, s in eni_server.node : role => {
      id         = s.id
      name       = s.name
      flavor     = s.flavor
      private_ip = s.private_ip
    }
  }
}
