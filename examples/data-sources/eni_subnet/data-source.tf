variable "subnet_id" {
  type = string
}

data "eni_subnet" "example" {
  id = var.subnet_id
}

output "available_ip_count" {
  value = data.eni_subnet.example.available_ip_count
}
