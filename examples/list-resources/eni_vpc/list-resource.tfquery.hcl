# Every VPC of the store.
list "eni_vpc" "all" {
  provider = eni
}
