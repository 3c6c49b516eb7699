import {
  to = eni_security_group.example
  id = "sg-0123456789abcdef"
}
