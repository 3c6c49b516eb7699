package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var _ function.Function = subnetCapacityFunction{}

// NewSubnetCapacityFunction returns provider::eni::subnet_capacity.
func NewSubnetCapacityFunction() function.Function {
	return subnetCapacityFunction{}
}

type subnetCapacityFunction struct{}

func (subnetCapacityFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "subnet_capacity"
}

func (subnetCapacityFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "The addresses a subnet of a CIDR can hand out",
		MarkdownDescription: "Returns how many addresses an `eni_subnet` of the CIDR can hand out: its host " +
			"addresses less the gateway (the network and broadcast addresses are never handed out). The CIDR " +
			"must be one a subnet may have: private IPv4, /16 to /28, no host bits set; otherwise the " +
			"`cidr` argument is in error. No store is opened. Provider functions need Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "cidr",
				MarkdownDescription: "An IPv4 CIDR block such as `10.0.1.0/24`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (subnetCapacityFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var cidr string
	if resp.Error = req.Arguments.Get(ctx, &cidr); resp.Error != nil {
		return
	}
	n, err := engine.SubnetCapacity(engine.FieldCIDR, cidr)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, engineMessage(err))
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(n))
}
