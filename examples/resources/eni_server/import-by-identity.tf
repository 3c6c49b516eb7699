import {
  to = eni_server.example
  identity = {
    id = "srv-0123456789abcdef"
  }
}
