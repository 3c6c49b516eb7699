terraform {
  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}

# With no arguments the provider keeps its state in a SQLite file under
# $XDG_DATA_HOME/eni (or ~/.local/share/eni), unless ENI_STORE names a store.
provider "eni" {}
