import {
  to = eni_subnet.example
  id = "subnet-0123456789abcdef"
}
