package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewMaxPrivateIPsFunction returns provider::eni::max_private_ips.
func NewMaxPrivateIPsFunction() function.Function {
	return flavorFigureFunction{
		name:    "max_private_ips",
		summary: "The private IPv4 addresses one network interface may hold on a flavor",
		description: "Returns how many private IPv4 addresses each network interface of a server of the " +
			"flavor may hold: its primary address, secondary addresses and bound virtual IPs together.",
		figure: func(f engine.Flavor) int { return f.MaxPrivateIPsPerInterface },
	}
}
