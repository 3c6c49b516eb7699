# A region shared by a team: every provider process that points at the same
# PostgreSQL database sees the same VPCs, servers and network interfaces.
# Servers here may take network interfaces from any subnet of their VPC.
# (The alias only lets this configuration sit beside the default one.)
provider "eni" {
  alias = "team"

  store                  = "postgres://eni@db.example.internal:5432/eni?sslmode=require"
  attachment_subnet_rule = "same_vpc"
}
