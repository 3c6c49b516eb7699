variable "vpc_id" {
  type = string
}

# Every web server of a VPC: servers holding role = "web", whatever other
# tags they hold (the provider's default_tags included).
data "eni_servers" "web" {
  vpc_id = var.vpc_id
  tags = {
    role = "web"
  }
}

output "web_server_ids" {
  value = data.eni_servers.web.ids
}
