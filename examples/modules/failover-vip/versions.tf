terraform {
  required_version = ">= 1.5.0"

  required_providers {
    eni = {
      source = "eni/eni"
    }
  }
}
