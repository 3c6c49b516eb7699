package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewVirtualIPDataSource is the constructor registered with the provider.
func NewVirtualIPDataSource() datasource.DataSource {
	return newEngineDataSource("virtual_ip", "Cannot read virtual IP", virtualIPDataSourceSchema, readVirtualIPDataSource,
		lookupByIDOrAddress("ip_address")...)
}

func virtualIPDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one virtual IP, either by `id` or by `subnet_id` and `ip_address`, and the network interface it is bound to.",
		Attributes: map[string]schema.Attribute{
			"id":         lookupIDAttribute("The virtual IP's ID. Set either this or `subnet_id` and `ip_address`."),
			"subnet_id":  lookupIDAttribute("The subnet to look the address up in, with `ip_address`; or, when looking up by `id`, the virtual IP's subnet."),
			"ip_address": lookupAddressAttribute("The address to look up in `subnet_id`; or, when looking up by `id`, the virtual IP's address."),
			"network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The network interface the virtual IP is bound to; null while it is unbound.",
				Computed:            true,
			},
		},
	}
}

func readVirtualIPDataSource(ctx context.Context, e *engine.Engine, cfg virtualIPAttributes) (virtualIPAttributes, path.Path, error) {
	if !cfg.ID.IsNull() {
		v, err := e.GetVirtualIP(ctx, cfg.ID.ValueString())
		logDone(ctx, err, "read virtual IP", map[string]any{"id": v.ID, "network_interface_id": v.NetworkInterfaceID})
		return virtualIPAttributesOf(v), path.Root("id"), err
	}
	v, at, err := findVirtualIPByAddress(ctx, e, cfg.SubnetID.ValueString(), cfg.IPAddress.ValueString())
	if err == nil && v.ID == "" {
		const msg = "No virtual IP holds %s in subnet %s. The eni_network_interface data source finds a network interface by its private IP."
		err = fmt.Errorf(msg, cfg.IPAddress.ValueString(), cfg.SubnetID.ValueString()) //nolint:revive,staticcheck // a sentence for the user, shown whole as the diagnostic's detail
	}
	logDone(ctx, err, "read virtual IP", map[string]any{"id": v.ID, "network_interface_id": v.NetworkInterfaceID})
	return virtualIPAttributesOf(v), at, err
}

// findVirtualIPByAddress finds the virtual IP holding ip in a subnet; none
// is a zero VirtualIP. at is the argument a failure is about.
func findVirtualIPByAddress(ctx context.Context, e *engine.Engine, subnetID, ip string) (engine.VirtualIP, path.Path, error) {
	if _, err := e.GetSubnet(ctx, subnetID); err != nil {
		return engine.VirtualIP{}, path.Root("subnet_id"), err
	}
	list, err := e.ListVirtualIPs(ctx, engine.VirtualIPFilter{SubnetID: subnetID})
	for _, v := range list {
		if v.IPAddress == ip {
			return v, path.Root("ip_address"), nil
		}
	}
	return engine.VirtualIP{}, path.Root("ip_address"), err
}
