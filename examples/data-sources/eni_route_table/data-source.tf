variable "subnet_id" {
  type = string
}

variable "vpc_default_route_table_id" {
  type = string
}

# The route table in effect in a subnet: the one it is associated with, or
# else its VPC's default one.
data "eni_route_table" "of_subnet" {
  subnet_id = var.subnet_id
}

# By ID.
data "eni_route_table" "default" {
  id = var.vpc_default_route_table_id
}

# Where the subnet's traffic to the internet goes, if anywhere.
output "default_route" {
  value = [for r in data.eni_route_table.of_subnet.routes : r if r.destination_cidr == "0.0.0.0/0"]
}
