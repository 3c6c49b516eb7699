# Takes every free slot of a server with extension network interfaces of its
# own, as another team's configuration might.
terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

variable "server_id" {
  type = string
}

variable "subnet_id" {
  type = string
}

data "eni_server" "target" {
  id = var.server_id
}

resource "eni_network_interface" "filler" {
  count = data.eni_server.target.free_network_interface_slots

  subnet_id = var.subnet_id
  name      = "filler-${count.index}"
}

resource "eni_network_interface_attachment" "filler" {
  count = length(eni_network_interface.filler)

  network_interface_id = eni_network_interface.filler[count.index].id
  server_id            = var.server_id
}

output "filled" {
  value = length(eni_network_interface_attachment.filler)
}
