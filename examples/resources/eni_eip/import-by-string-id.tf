import {
  to = eni_eip.example
  id = "eip-0123456789abcdef"
}
