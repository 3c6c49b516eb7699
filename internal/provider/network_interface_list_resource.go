package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// networkInterfaceListConfig holds the filters of a NIC listing.
type networkInterfaceListConfig struct {
	VPCID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
	Status   types.String `tfsdk:"status"`
	Tags     types.Map    `tfsdk:"tags"`
}

// NewNetworkInterfaceListResource is the constructor registered with the provider.
func NewNetworkInterfaceListResource() list.ListResource {
	return newEngineList("network_interface", "network interfaces", networkInterfaceListResourceSchema, findNetworkInterfaces)
}

func networkInterfaceListResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the extension network interfaces of the store, by VPC, subnet, status or tags. " +
			"Servers' primary network interfaces are not listed: they belong to their `eni_server`.",
		Attributes: map[string]schema.Attribute{
			"vpc_id":    listFilterAttribute("Only the network interfaces in this VPC."),
			"subnet_id": listFilterAttribute("Only the network interfaces in this subnet."),
			"status": schema.StringAttribute{
				MarkdownDescription: "Only the network interfaces with this status: `" + engine.StatusAvailable + "` (detached) or `" + engine.StatusInUse + "` (attached).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(networkInterfaceStatuses...)},
			},
			"tags": tagsListFilterAttribute("network interfaces"),
		},
	}
}

// findNetworkInterfaces finds extension NICs only: a primary NIC belongs to
// its eni_server and cannot be imported as an eni_network_interface.
func findNetworkInterfaces(ctx context.Context, pd *providerData, cfg networkInterfaceListConfig) ([]listedObject, error) {
	nics, err := pd.engine.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{
		VPCID: cfg.VPCID.ValueString(), SubnetID: cfg.SubnetID.ValueString(), Status: cfg.Status.ValueString(), Tags: tagsFilter(cfg.Tags),
	})
	extensions := slices.DeleteFunc(nics, func(n engine.NetworkInterface) bool { return n.Primary })
	return listedObjects(pd, extensions, func(n engine.NetworkInterface) (string, string) { return n.ID, n.Name },
		func(_ context.Context, n engine.NetworkInterface) (networkInterfaceModel, error) {
			return networkInterfaceModelOf(n), nil
		}), err
}
