package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
)

var _ function.Function = maxPrivateIPsFunction{}

// NewMaxPrivateIPsFunction returns provider::eni::max_private_ips.
func NewMaxPrivateIPsFunction() function.Function {
	return maxPrivateIPsFunction{}
}

type maxPrivateIPsFunction struct{}

func (maxPrivateIPsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "max_private_ips"
}

func (maxPrivateIPsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The private IPv4 addresses one network interface may hold on a flavor",
		MarkdownDescription: "Returns how many private IPv4 addresses each network interface of a server of the " +
			"flavor may hold: its primary address, secondary addresses and bound virtual IPs together. It reads " +
			"the built-in catalog, so it works in a `variable` validation block with no store. An unknown flavor " +
			"is an error on the `flavor` argument. Provider functions need Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "flavor",
				MarkdownDescription: "A flavor name from the catalog, such as `c7.large.2`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (maxPrivateIPsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	if resp.Error = req.Arguments.Get(ctx, &name); resp.Error != nil {
		return
	}
	f, ferr := flavorArgument(name)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(f.MaxPrivateIPsPerInterface))
}
