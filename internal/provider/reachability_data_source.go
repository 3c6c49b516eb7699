package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

type reachabilityDataSourceModel struct {
	SourceNetworkInterfaceID      types.String `tfsdk:"source_network_interface_id"`
	SourceIP                      types.String `tfsdk:"source_ip"`
	DestinationNetworkInterfaceID types.String `tfsdk:"destination_network_interface_id"`
	DestinationIP                 types.String `tfsdk:"destination_ip"`
	Protocol                      types.String `tfsdk:"protocol"`
	Port                          types.Int64  `tfsdk:"port"`
	Reachable                     types.Bool   `tfsdk:"reachable"`
	Hops                          types.List   `tfsdk:"hops"`
	Path                          types.List   `tfsdk:"path"`
	BlockedBy                     types.Object `tfsdk:"blocked_by"`
}

// hopModel is one hop of a path.
type hopModel struct {
	Component types.String `tfsdk:"component"`
	ID        types.String `tfsdk:"id"`
	Direction types.String `tfsdk:"direction"`
	Verdict   types.String `tfsdk:"verdict"`
	Detail    types.String `tfsdk:"detail"`
}

// hopType is the object type of a hop, in hops and as blocked_by.
var hopType = frameworkfix.ObjectTypeOf[hopModel](context.Background())

// NewReachabilityDataSource is the constructor registered with the provider.
func NewReachabilityDataSource() datasource.DataSource {
	return newEngineDataSource("reachability", "Cannot answer reachability query", reachabilityDataSourceSchema, readReachabilityDataSource,
		reachabilityQueryValidator{})
}

var hopComponents = []string{engine.ComponentSecurityGroup, engine.ComponentNetworkACL, engine.ComponentRouteTable,
	engine.ComponentNetworkInterface, engine.ComponentVirtualIP, engine.ComponentEIP, engine.ComponentInternetGateway}

func hopAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"component": computedStringAttribute("What decided: one of " + quotedList(hopComponents) + "."),
		"id": computedStringAttribute("The ID of the object that decided: a security group (several, comma-separated, when none of a NIC's groups matches), " +
			"network ACL, route table, network interface, virtual IP or EIP; the VPC for its internet gateway; the address for one no interface holds; " +
			"the network interface for one without an EIP."),
		"direction": computedStringAttribute("`egress` or `ingress` for the request leaving or entering; `reply_egress` and `reply_ingress` for the reply, " +
			"which network ACLs, being stateless, check too."),
		"verdict": computedStringAttribute("`allow` or `deny`."),
		"detail":  computedStringAttribute("The rule or route that decided, in words."),
	}
}

func reachabilityDataSourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Answers *can this traffic get there?* from what the region holds now, in one read: whether a connection can be opened " +
			"from a source to a destination (the request gets there and the reply gets back), the hops of its path in order, and the first hop that stops it. " +
			"Security groups are stateful; network ACLs are stateless, so the reply (from the port to the source's ports " +
			"1024-65535) is checked against the destination subnet's ACL egress and the source subnet's ACL ingress. " +
			"Traffic between two network interfaces of one subnet crosses no ACL nor route. Routes are followed longest prefix first, through " +
			"network interfaces and virtual IPs that forward (entered through their subnet's ACL, attached, source/destination check off, " +
			"their security groups letting the traffic in and out), at most 8 of them. " +
			"The internet is reached and reaches an interface only through an EIP, and the reply from an interface to the internet needs a route " +
			"covering the source to `internet`. A data source reads the region as it is: a path through objects the same plan creates is answered after the apply.",
		Attributes: map[string]schema.Attribute{
			"source_network_interface_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The network interface the traffic leaves from. Set either this or `source_ip`."},
			"source_ip": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The address the traffic comes from: one a network interface or bound virtual IP holds, or an address outside every VPC, which means the internet. " +
					"Set either this or `source_network_interface_id`."},
			"destination_network_interface_id": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The network interface the traffic goes to. Set either this or `destination_ip`."},
			"destination_ip": schema.StringAttribute{Optional: true,
				MarkdownDescription: "The address the traffic goes to: a network interface's, a virtual IP's (the interface it is bound to), or one outside every VPC (the internet). " +
					"Set either this or `destination_network_interface_id`."},
			"protocol": schema.StringAttribute{Required: true,
				MarkdownDescription: "One of " + quotedList(engine.ReachabilityProtocols) + "."},
			"port": schema.Int64Attribute{Optional: true,
				MarkdownDescription: "The destination port, 1-65535: required for `tcp` and `udp`, not given for `icmp`."},
			"reachable": computedBoolAttribute("Whether a connection can be opened: the request gets there and the reply gets back."),
			"hops": schema.ListNestedAttribute{
				MarkdownDescription: "The path in order, up to and including the hop that stopped it.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: hopAttributes()},
			},
			"path": schema.ListAttribute{
				MarkdownDescription: "`hops` as lines of text, one per hop: component, ID, direction and verdict, then the detail " +
					"(`network_acl acl-0a1b2c3d ingress deny: no rule admits tcp 22 from 203.0.113.7`). For `terraform console` and for " +
					"the `error_message` of a check or test assertion, e.g. `join(\"\\n\", data.eni_reachability.ssh.path)`.",
				Computed:    true,
				ElementType: types.StringType,
			},
			"blocked_by": schema.SingleNestedAttribute{
				MarkdownDescription: "The first hop that stopped the traffic, the last of `hops`; null when `reachable`.",
				Computed:            true,
				Attributes:          hopAttributes(),
			},
		},
	}
}

func reachabilityQueryOf(m reachabilityDataSourceModel) engine.ReachabilityQuery {
	q := engine.ReachabilityQuery{
		SourceNetworkInterfaceID:      m.SourceNetworkInterfaceID.ValueString(),
		SourceIP:                      m.SourceIP.ValueString(),
		DestinationNetworkInterfaceID: m.DestinationNetworkInterfaceID.ValueString(),
		DestinationIP:                 m.DestinationIP.ValueString(),
		Protocol:                      m.Protocol.ValueString(),
	}
	if !m.Port.IsNull() {
		port := int(max(min(m.Port.ValueInt64(), 1<<31-1), -1<<31))
		q.Port = &port
	}
	return q
}

// reachabilityArguments are the inputs a refused query may be about.
var reachabilityArguments = []string{"source_network_interface_id", "source_ip", "destination_network_interface_id", "destination_ip", "protocol", "port"}

// queryErrorPath is the argument a refused query is about.
func queryErrorPath(err error) path.Path {
	return argumentPath(err, reachabilityArguments, path.Empty())
}

func readReachabilityDataSource(ctx context.Context, e *engine.Engine, cfg reachabilityDataSourceModel) (reachabilityDataSourceModel, path.Path, error) {
	res, err := e.Reachability(ctx, reachabilityQueryOf(cfg))
	logDone(ctx, err, "reachability", map[string]any{"reachable": res.Reachable, "hops": len(res.Hops)})
	if err != nil {
		return cfg, queryErrorPath(err), err
	}
	var diags diag.Diagnostics
	hops := make([]hopModel, len(res.Hops))
	lines := make([]string, len(res.Hops))
	for i, h := range res.Hops {
		hops[i] = hopModelOf(h)
		lines[i] = h.String()
	}
	m := cfg
	m.Reachable = types.BoolValue(res.Reachable)
	m.Hops, diags = types.ListValueFrom(ctx, hopType, hops)
	var d diag.Diagnostics
	m.Path, d = types.ListValueFrom(ctx, types.StringType, lines)
	diags.Append(d...)
	m.BlockedBy = types.ObjectNull(hopType.AttrTypes)
	if res.BlockedBy != nil {
		m.BlockedBy, d = types.ObjectValueFrom(ctx, hopType.AttrTypes, hopModelOf(*res.BlockedBy))
		diags.Append(d...)
	}
	return m, path.Empty(), errorOf(nil, diags)
}

func hopModelOf(h engine.Hop) hopModel {
	return hopModel{
		Component: types.StringValue(h.Component),
		ID:        types.StringValue(h.ID),
		Direction: types.StringValue(h.Direction),
		Verdict:   types.StringValue(h.Verdict),
		Detail:    types.StringValue(h.Detail),
	}
}

// reachabilityQueryValidator refuses at validate, on its argument and with
// the engine's code, a query that names both or neither of a source or
// destination pair, a malformed address, or a protocol and port that do
// not go together; the parts still unknown wait for the read.
type reachabilityQueryValidator struct{}

func (reachabilityQueryValidator) Description(context.Context) string {
	return "exactly one of each source and destination pair, and a port only for tcp and udp, within 1-65535"
}

func (v reachabilityQueryValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (reachabilityQueryValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var m reachabilityDataSourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	q := reachabilityQueryOf(m)
	checks := []struct {
		known []bool
		check func() error
	}{
		{[]bool{!m.SourceNetworkInterfaceID.IsUnknown(), !m.SourceIP.IsUnknown()},
			func() error { return engine.CheckReachabilitySource(q.SourceNetworkInterfaceID, q.SourceIP) }},
		{[]bool{!m.DestinationNetworkInterfaceID.IsUnknown(), !m.DestinationIP.IsUnknown()},
			func() error {
				return engine.CheckReachabilityDestination(q.DestinationNetworkInterfaceID, q.DestinationIP)
			}},
		{[]bool{!m.Protocol.IsUnknown(), !m.Port.IsUnknown()},
			func() error { return engine.CheckReachabilityTraffic(q.Protocol, q.Port) }},
	}
	for _, c := range checks {
		if c.known[0] && c.known[1] {
			if err := c.check(); err != nil {
				addEngineError(&resp.Diagnostics, queryErrorPath(err), "Invalid reachability query", err)
			}
		}
	}
}
