import {
  to = eni_server.example
  id = "srv-0123456789abcdef"
}
