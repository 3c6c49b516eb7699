package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// NewNetworkInterfaceDataSource is the constructor registered with the provider.
func NewNetworkInterfaceDataSource() datasource.DataSource {
	return newEngineDataSource("network_interface", "Cannot read network interface", networkInterfaceDataSourceSchema, readNetworkInterfaceDataSource,
		lookupByIDOrAddress("private_ip")...)
}

func networkInterfaceDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one network interface, primary or extension, either by `id` or by `subnet_id` and `private_ip` " +
			"(its primary address or any secondary one).",
		Attributes: map[string]schema.Attribute{
			"id":        lookupIDAttribute("The network interface's ID. Set either this or `subnet_id` and `private_ip`."),
			"subnet_id": lookupIDAttribute("The subnet to look the address up in, with `private_ip`; or, when looking up by `id`, the network interface's subnet."),
			"private_ip": lookupAddressAttribute("The private IPv4 address to look up in `subnet_id`, the network interface's primary address or one of its `secondary_private_ips`; " +
				"or, when looking up by `id`, the network interface's primary address."),
			"name":                       computedStringAttribute("The network interface's name."),
			"description":                computedStringAttribute("The network interface's description."),
			"security_group_ids":         computedStringSetAttribute("The IDs of the network interface's security groups."),
			"secondary_private_ips":      computedStringSetAttribute("The network interface's secondary private IPv4 addresses."),
			"secondary_private_ip_count": computedWholeNumberAttribute("How many secondary private IPv4 addresses the network interface has."),
			"source_dest_check":          computedBoolAttribute("Whether the network interface drops traffic neither from nor to its own addresses."),
			"ipv6_addresses":             computedStringSetAttribute("The network interface's IPv6 addresses."),
			"ipv6_address_count":         computedWholeNumberAttribute("How many IPv6 addresses the network interface has."),
			"vpc_id":                     computedStringAttribute("The VPC of the subnet."),
			"availability_zone":          computedStringAttribute("The availability zone of the subnet."),
			"mac_address":                computedStringAttribute("The MAC address."),
			"status":                     computedStringAttribute("`" + engine.StatusAvailable + "` while detached, `" + engine.StatusInUse + "` while attached to a server."),
			"server_id":                  computedStringAttribute("The server the network interface is attached to; null while it is available."),
			"device_index":               computedInt64Attribute("The device index on its server (0 for a primary network interface); null while it is available."),
			"tags":                       tagsDataSourceAttribute("network interface"),
			"tags_all":                   tagsAllDataSourceAttribute(),
		},
	}
}

func readNetworkInterfaceDataSource(ctx context.Context, e *engine.Engine, cfg networkInterfaceModel) (networkInterfaceModel, path.Path, error) {
	var (
		n   engine.NetworkInterface
		err error
	)
	at := path.Root("id")
	if !cfg.ID.IsNull() {
		n, err = e.GetNetworkInterface(ctx, cfg.ID.ValueString())
	} else {
		at = path.Root("private_ip")
		n, err = e.FindNetworkInterfaceByIP(ctx, cfg.SubnetID.ValueString(), cfg.PrivateIP.ValueString())
		if isSubnetNotFound(err) {
			at = path.Root("subnet_id")
		}
	}
	logDone(ctx, err, "read network interface", map[string]any{"id": n.ID, "status": n.Status()})
	return networkInterfaceModelOf(n), at, err
}
