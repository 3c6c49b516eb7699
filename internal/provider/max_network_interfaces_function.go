package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewMaxNetworkInterfacesFunction returns provider::eni::max_network_interfaces.
func NewMaxNetworkInterfacesFunction() function.Function {
	return flavorFigureFunction{
		name:    "max_network_interfaces",
		summary: "The number of network interfaces a flavor takes",
		description: "Returns how many network interfaces a server of the flavor can hold, its primary " +
			"network interface included (rule 6).",
		figure: func(f engine.Flavor) int { return f.MaxNetworkInterfaces },
	}
}
