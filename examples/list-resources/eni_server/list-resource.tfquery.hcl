# The servers whose primary network interface is in one subnet, with their
# full state (include_resource) for generating configuration.
list "eni_server" "web" {
  provider         = eni
  include_resource = true

  config {
    subnet_id = "subnet-0123456789abcdef"
  }
}
