package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

type networkACLDataSourceModel struct {
	networkACLModel
	SubnetID  types.String `tfsdk:"subnet_id"`
	SubnetIDs types.List   `tfsdk:"subnet_ids"`
}

// NewNetworkACLDataSource is the constructor registered with the provider.
func NewNetworkACLDataSource() datasource.DataSource {
	return newEngineDataSource("network_acl", "Cannot read network ACL", networkACLDataSourceSchema, readNetworkACLDataSource,
		lookupByIDOrSubnet()...)
}

func networkACLDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Reads one network ACL with its rules in priority order and the subnets associated with it, either by `id` or by `subnet_id`: " +
			"the network ACL that filters that subnet.",
		Attributes: map[string]schema.Attribute{
			"id":          lookupIDAttribute("The network ACL's ID. Set either this or `subnet_id`."),
			"subnet_id":   filterIDAttribute("The subnet whose network ACL to read; a subnet with none is an error. Set either this or `id`."),
			"vpc_id":      computedStringAttribute("The ID of the VPC the network ACL belongs to."),
			"name":        computedStringAttribute("The network ACL's name."),
			"description": computedStringAttribute("The network ACL's description."),
			"ingress":     computedACLRulesAttribute("entering"),
			"egress":      computedACLRulesAttribute("leaving"),
			"subnet_ids":  computedStringListAttribute("The IDs of the subnets associated with the network ACL, sorted."),
			"tags":        tagsDataSourceAttribute("network ACL"),
			"tags_all":    tagsAllDataSourceAttribute(),
		},
	}
}

// computedACLRulesAttribute is the rules of one direction as a data source
// reads them, for the traffic entering or leaving the subnets.
func computedACLRulesAttribute(traffic string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: fmt.Sprintf("The rules for traffic %s the associated subnets, in priority order: the first that matches decides, and what none matches is denied.", traffic),
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"action":         computedStringAttribute("What the rule does with the traffic it matches: " + quotedList(engine.ACLActions) + "."),
				"protocol":       computedStringAttribute("The IP protocol: " + quotedList(engine.RuleProtocols) + "."),
				"port_range_min": computedWholeNumberAttribute("The first port of the range."),
				"port_range_max": computedWholeNumberAttribute("The last port of the range."),
				"remote_cidr":    computedStringAttribute("The IPv4 CIDR block of the other end of the traffic."),
				"description":    computedStringAttribute("The rule's description."),
			},
		},
	}
}

func readNetworkACLDataSource(ctx context.Context, e *engine.Engine, cfg networkACLDataSourceModel) (networkACLDataSourceModel, path.Path, error) {
	at, id := path.Root("id"), cfg.ID.ValueString()
	if cfg.ID.IsNull() {
		at = path.Root("subnet_id")
		s, err := e.GetSubnet(ctx, cfg.SubnetID.ValueString())
		if err == nil && s.NetworkACLID == "" {
			const msg = "Subnet %s has no network ACL, so it filters nothing. An eni_network_acl_association gives it one."
			err = fmt.Errorf(msg, s.ID) //nolint:revive,staticcheck // a sentence for the user, shown whole as the diagnostic's detail
		}
		if err != nil {
			return cfg, at, err
		}
		id = s.NetworkACLID
	}
	a, err := e.GetNetworkACL(ctx, id)
	logDone(ctx, err, "read network ACL", map[string]any{"id": a.ID, "subnets": len(a.SubnetIDs)})
	var diags diag.Diagnostics
	m := networkACLDataSourceModel{
		networkACLModel: networkACLModelOf(ctx, a.NetworkACL, &diags),
		SubnetID:        cfg.SubnetID,
		SubnetIDs:       stringListValue(a.SubnetIDs),
	}
	return m, at, errorOf(err, diags)
}
