package provider

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// A module's check of its flavor, as the functions are meant to be used: in
// a variable validation block, with no resource and no store.
const flavorModuleConfig = `
terraform {
  required_providers {
    eni = {
      source = "hashicorp/eni"
    }
  }
}

variable "flavor" {
  type    = string
  default = "c7.large.2"

  validation {
    condition     = provider::eni::max_network_interfaces(var.flavor) >= 3
    error_message = "The flavor must take at least 3 network interfaces: a primary and two for failover."
  }
}

variable "cidr" {
  type    = string
  default = "10.0.1.0/28"
}

output "max_network_interfaces" {
  value = provider::eni::max_network_interfaces(var.flavor)
}

output "max_private_ips" {
  value = provider::eni::max_private_ips(var.flavor)
}

output "subnet_capacity" {
  value = provider::eni::subnet_capacity(var.cidr)
}
`

// TestAccFunctions runs the three functions through a real CLI (Terraform
// 1.8 and OpenTofu 1.7 brought provider functions). The store named by
// ENI_STORE cannot be opened: the functions must not need one.
func TestAccFunctions(t *testing.T) {
	t.Setenv(StoreEnvVar, filepath.Join(t.TempDir(), "missing", "dir", "engine.db"))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				Config: flavorModuleConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("max_network_interfaces", knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownOutputValue("max_private_ips", knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownOutputValue("subnet_capacity", knownvalue.Int64Exact(13)),
				},
			},
			{
				Config:          flavorModuleConfig,
				ConfigVariables: config.Variables{"flavor": config.StringVariable("s6.large.2")},
				ExpectError:     regexp.MustCompile(`at least 3 network interfaces`),
			},
			{
				Config:          flavorModuleConfig,
				ConfigVariables: config.Variables{"flavor": config.StringVariable("t2.micro")},
				ExpectError:     regexp.MustCompile(`(?s)"flavor".*flavor "t2.micro" does not exist`),
			},
			{
				Config:          flavorModuleConfig,
				ConfigVariables: config.Variables{"cidr": config.StringVariable("10.0.1.7/24")},
				ExpectError:     regexp.MustCompile(`(?s)"cidr".*has host bits set`),
			},
		},
	})
}
