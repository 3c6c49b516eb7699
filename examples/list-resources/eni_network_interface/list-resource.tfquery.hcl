# The detached extension network interfaces of one VPC, for example to find
# the ones nothing uses any more.
list "eni_network_interface" "available" {
  provider = eni

  config {
    vpc_id = "vpc-0123456789abcdef"
    status = "available"
  }
}
