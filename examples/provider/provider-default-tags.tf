# Every tagged resource of this provider gets these tags in its tags_all,
# under its own tags: a resource's own tag wins over a default of the same
# key. Changing a default updates tags_all in place and never tags.
provider "eni" {
  alias = "tagged"

  default_tags {
    tags = {
      environment = "staging"
      managed-by  = "terraform"
    }
  }
}

resource "eni_vpc" "tagged" {
  provider = eni.tagged

  name = "tagged"
  cidr = "10.20.0.0/16"
  tags = {
    environment = "production" # wins over the default
    team        = "network"
  }
}

# tags_all = { environment = "production", managed-by = "terraform", team = "network" }
output "vpc_tags_all" {
  value = eni_vpc.tagged.tags_all
}
