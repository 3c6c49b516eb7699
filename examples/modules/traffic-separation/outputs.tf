output "vpc_id" {
  description = "The ID of the VPC."
  value       = eni_vpc.this.id
}

output "subnet_ids" {
  description = "The subnets' IDs, by role: `service`, `public` and `management`."
  value       = { for role, s in eni_subnet.this : role => s.id }
}

output "security_group_ids" {
  description = "The security groups' IDs, by role."
  value       = { for role, g in eni_security_group.this : role => g.id }
}

output "server_id" {
  description = "The ID of the server."
  value       = eni_server.this.id
}

output "network_interfaces" {
  description = "The server's three network interfaces, by role, with their IDs, device indexes, subnets, private IPs and MAC addresses. The management interface is the server's primary one."
  value = merge(
    {
      management = {
        id           = data.eni_network_interface.management.id
        device_index = data.eni_network_interface.management.device_index
        subnet_id    = data.eni_network_interface.management.subnet_id
        private_ip   = data.eni_network_interface.management.private_ip
        mac_address  = data.eni_network_interface.management.mac_address
      }
    },
    {
      for role, n in eni_network_interface.this : role => {
        id           = n.id
        device_index = eni_network_interface_attachment.this[role].device_index
        subnet_id    = n.subnet_id
        private_ip   = n.private_ip
        mac_address  = n.mac_address
      }
    },
  )
}

output "public_ip" {
  description = "The EIP of the public interface, or null when `public_eip` is false."
  value       = one(eni_eip.public[*].public_ip)
}

output "route_table_ids" {
  description = "The route tables' IDs, by role. Only the public one routes out (`0.0.0.0/0` to the internet)."
  value       = { for role, t in eni_route_table.this : role => t.id }
}

output "network_acl_ids" {
  description = "The network ACLs' IDs, by role."
  value       = { for role, a in eni_network_acl.this : role => a.id }
}
