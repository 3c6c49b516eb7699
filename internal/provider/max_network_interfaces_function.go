package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = maxNetworkInterfacesFunction{}

// NewMaxNetworkInterfacesFunction returns provider::eni::max_network_interfaces.
func NewMaxNetworkInterfacesFunction() function.Function {
	return maxNetworkInterfacesFunction{}
}

type maxNetworkInterfacesFunction struct{}

func (maxNetworkInterfacesFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "max_network_interfaces"
}

func (maxNetworkInterfacesFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The number of network interfaces a flavor takes",
		MarkdownDescription: "Returns how many network interfaces a server of the flavor can hold, its primary " +
			"network interface included (rule 6), from the built-in catalog: no store is opened, so it works " +
			"in a `variable` validation block. An unknown flavor is an error on the `flavor` argument. Provider functions need Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "flavor",
				MarkdownDescription: "A flavor name from the catalog, such as `c7.large.2`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (maxNetworkInterfacesFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	if resp.Error = req.Arguments.Get(ctx, &name); resp.Error != nil {
		return
	}
	f, ferr := flavorArgument(name)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(f.MaxNetworkInterfaces))
}
