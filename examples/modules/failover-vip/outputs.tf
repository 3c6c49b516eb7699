output "virtual_ip_id" {
  description = "The ID of the virtual IP. It is the same whichever server holds the address."
  value       = eni_virtual_ip.this.id
}

output "ip_address" {
  description = "The virtual IP's address. It is the same whichever server holds it."
  value       = eni_virtual_ip.this.ip_address
}

output "holder" {
  description = "The server that holds the virtual IP: its role (`a` or `b`), ID and name, and the network interface the address is bound to."
  value = {
    role                 = var.active
    server_id            = eni_server.node[var.active].id
    server_name          = eni_server.node[var.active].name
    network_interface_id = eni_virtual_ip.this.network_interface_id
  }
}

output "servers" {
  description = "Both servers by role, with their IDs, primary network interfaces and those interfaces' own private IPs, which never move."
  value = {
    for role, s in eni_server.node : role => {
      id                           = s.id
      name                         = s.name
      primary_network_interface_id = s.primary_network_interface_id
      private_ip                   = s.private_ip
    }
  }
}

output "route_ids" {
  description = "The routes through the virtual IP, by destination CIDR."
  value       = { for cidr, r in eni_route.through_vip : cidr => r.id }
}
