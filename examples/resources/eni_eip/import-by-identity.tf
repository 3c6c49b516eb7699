import {
  to = eni_eip.example
  identity = {
    id = "eip-0123456789abcdef"
  }
}
