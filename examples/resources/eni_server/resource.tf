resource "eni_vpc" "example" {
  name = "example"
  cidr = "10.0.0.0/16"
}

resource "eni_subnet" "example" {
  vpc_id            = eni_vpc.example.id
  name              = "app"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
}

resource "eni_security_group" "ssh" {
  vpc_id = eni_vpc.example.id
  name   = "ssh"

  rules = [{
    direction      = "ingress"
    protocol       = "tcp"
    port_range_min = 22
    port_range_max = 22
    remote_cidr    = "10.0.0.0/16"
  }]
}

# A virtual machine whose flavor takes up to three network interfaces: the
# primary one created here and two extension interfaces.
resource "eni_server" "example" {
  name               = "app-1"
  flavor             = "c7.large.2"
  availability_zone  = eni_subnet.example.availability_zone
  subnet_id          = eni_subnet.example.id
  private_ip         = "10.0.1.10"
  security_group_ids = [eni_security_group.ssh.id]
}

# A bare-metal server.
resource "eni_server" "metal" {
  name              = "metal-1"
  kind              = "bms"
  flavor            = "physical.c7.4xlarge"
  availability_zone = eni_subnet.example.availability_zone
  subnet_id         = eni_subnet.example.id
}
