package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// subnetType is the eni_subnet resource.
var subnetType = &resourceType{name: "subnet", what: "subnet", idPrefix: engine.PrefixSubnet, schema: subnetSchema}

type subnetResource struct{ resourceBase }

// subnetModel is the eni_subnet resource's, and the part of the subnet
// data source's model it shares.
type subnetModel struct {
	ID               types.String `tfsdk:"id"`
	VPCID            types.String `tfsdk:"vpc_id"`
	Name             types.String `tfsdk:"name"`
	CIDR             types.String `tfsdk:"cidr"`
	IPv6Enabled      types.Bool   `tfsdk:"ipv6_enabled"`
	IPv6CIDR         types.String `tfsdk:"ipv6_cidr"`
	AvailabilityZone types.String `tfsdk:"availability_zone"`
	GatewayIP        types.String `tfsdk:"gateway_ip"`
	Description      types.String `tfsdk:"description"`
	RouteTableID     types.String `tfsdk:"route_table_id"`
	NetworkACLID     types.String `tfsdk:"network_acl_id"`
	resourceTags
}

// NewSubnetResource is the constructor registered with the provider.
func NewSubnetResource() resource.Resource { return newResource(&subnetResource{}, subnetType) }

func subnetSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A subnet: a CIDR block of a VPC in one availability zone, from which network interfaces take their private IPs. " +
			"The network, gateway and broadcast addresses are never handed out. The CIDR is checked at plan time against the VPC and the subnets already in it.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("subnet"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the VPC the subnet belongs to. Changing it replaces the subnet.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": nameAttribute("subnet"),
			"cidr": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The subnet's IPv4 CIDR block, with a prefix from /%d to /%d, inside the VPC's CIDR and overlapping no other subnet of the VPC. Changing it replaces the subnet.",
					engine.MinPrefixLength, engine.MaxPrefixLength),
				Required:      true,
				Validators:    []validator.String{privateCIDRValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"ipv6_enabled": ipv6EnabledAttribute("Whether the subnet has an IPv6 range (`ipv6_cidr`), from which its network interfaces take " +
				"`ipv6_addresses`. Needs a VPC with `ipv6_enabled` (refused at plan otherwise). Defaults to `false`. Turning it on or off is done in place; " +
				"off is refused (at plan) while a network interface of the subnet holds an IPv6 address."),
			"ipv6_cidr": ipv6CIDRAttribute("The subnet's IPv6 range: the lowest /64 of its VPC's `ipv6_cidr` no other subnet uses. " +
				"Null while `ipv6_enabled` is false."),
			"availability_zone": schema.StringAttribute{
				MarkdownDescription: "The availability zone of the subnet, one of " + quotedList(engine.AvailabilityZones) +
					". Network interfaces created in the subnet are in this zone. Changing it replaces the subnet.",
				Required:      true,
				Validators:    []validator.String{zoneValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"gateway_ip": schema.StringAttribute{
				MarkdownDescription: "The gateway address: a host address of `cidr`, never assigned to a network interface. " +
					"Defaults to the first host address. Changing it replaces the subnet.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{ipv4Validator()},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"description": descriptionAttribute(),
			// Owned by the associations, which change them without a change
			// of the subnet: unknown only in a plan that updates the subnet,
			// kept otherwise, and brought up to date by refresh, so they
			// never show a diff of their own or contradict an apply.
			"route_table_id": schema.StringAttribute{
				MarkdownDescription: "The route table in effect in the subnet: the one an `eni_route_table_association` names, else its VPC's default route table.",
				Computed:            true,
			},
			"network_acl_id": schema.StringAttribute{
				MarkdownDescription: "The network ACL an `eni_network_acl_association` names for the subnet; null when none filters it.",
				Computed:            true,
			},
			"tags":     tagsAttribute("subnet"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

// planChecks predicts the default gateway and applies the engine's subnet
// rules at plan time: CIDR inside the VPC, no overlap with a sibling,
// gateway inside the CIDR.
func (r *subnetResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy
	}
	var plan, config subnetModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.GatewayIP.IsUnknown() && config.GatewayIP.IsNull() && !plan.CIDR.IsUnknown() {
		if gw, ok := engine.DefaultGateway(plan.CIDR.ValueString()); ok {
			plan.GatewayIP = types.StringValue(gw)
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("gateway_ip"), gw)...)
		}
	}

	if !req.State.Raw.IsNull() {
		var state subnetModel
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if !resp.Diagnostics.HasError() && !subnetType.replaced(req.Plan.Raw, req.State.Raw) {
			r.checkIPv6Change(ctx, plan, state, &resp.Diagnostics)
		}
		return
	}

	planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics) // destroyed first, so its range is free
	if r.engine == nil || plan.CIDR.IsUnknown() || plan.GatewayIP.IsUnknown() || plan.AvailabilityZone.IsUnknown() ||
		plan.Name.IsUnknown() || plan.Description.IsUnknown() {
		return
	}
	if plan.VPCID.IsUnknown() {
		// The VPC comes with this plan: only what needs no stored state can be judged.
		if err := checkGatewayInCIDR(plan.CIDR.ValueString(), plan.GatewayIP.ValueString()); err != nil {
			addEngineError(&resp.Diagnostics, path.Root("gateway_ip"), "Cannot create subnet", err)
		}
		return
	}
	if err := r.engine.CheckPlannedSubnet(ctx, subnetInputOf(plan), r.ledger); err != nil {
		tflog.Debug(ctx, "subnet refused at plan time", map[string]any{"vpc_id": plan.VPCID.ValueString(), "cidr": plan.CIDR.ValueString(), "code": engine.CodeOf(err)})
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, subnetErrorPath(err), "Cannot create subnet", err)
	}
}

// checkIPv6Change applies at plan the rules of turning the subnet's IPv6 on
// (the VPC has IPv6 as the plan leaves it, and a /64 free) or off (no
// network interface holds an IPv6 address), and notes the change in the
// ledger for the network interfaces planned after it. A replacement's
// create half is checked on its own.
func (r *subnetResource) checkIPv6Change(ctx context.Context, plan, state subnetModel, diags *diag.Diagnostics) {
	on := ipv6Change(plan.IPv6Enabled, state.IPv6Enabled)
	if r.engine == nil || on == nil {
		return // unchanged
	}
	var err error
	advice := ""
	if *on {
		err = r.engine.CheckPlannedSubnetIPv6On(ctx, state.VPCID.ValueString(), state.ID.ValueString(), r.ledger)
	} else {
		err = r.engine.CheckSubnetIPv6Off(ctx, state.ID.ValueString())
		advice = "Set ipv6_address_count = 0 on those network interfaces first, in an apply of its own: a subnet is updated before its network interfaces."
	}
	if err != nil {
		r.regionConflicts.addPlanRefusal(diags, path.Root("ipv6_enabled"), "Cannot update subnet", err, advice)
		return
	}
	r.ledger.PlanIPv6(state.ID.ValueString(), *on)
}

func (r *subnetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan subnetModel, _ *diag.Diagnostics) (subnetModel, error) {
		s, err := r.engine.CreateSubnet(ctx, subnetInputOf(plan))
		logDone(ctx, err, "created subnet", map[string]any{"id": s.ID, "vpc_id": s.VPCID, "cidr": s.CIDR, "availability_zone": s.AvailabilityZone})
		return subnetModelOf(s), err
	})
}

func (r *subnetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetSubnet, func(d engine.SubnetDetails, _ subnetModel) subnetModel { return subnetModelOf(d.Subnet) })
}

func (r *subnetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state subnetModel, _ *diag.Diagnostics) (subnetModel, error) {
		name, description := plan.Name.ValueString(), plan.Description.ValueString()
		s, err := r.engine.UpdateSubnet(ctx, state.ID.ValueString(), engine.SubnetUpdate{Name: &name, Description: &description,
			IPv6Enabled: ipv6Change(plan.IPv6Enabled, state.IPv6Enabled), Tags: engineTags(plan.TagsAll)})
		logDone(ctx, err, "updated subnet", map[string]any{"id": s.ID, "name": s.Name})
		return subnetModelOf(s), err
	})
}

func (r *subnetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteSubnet)
}

func subnetInputOf(m subnetModel) engine.SubnetInput {
	return engine.SubnetInput{
		VPCID:            m.VPCID.ValueString(),
		Name:             m.Name.ValueString(),
		CIDR:             m.CIDR.ValueString(),
		AvailabilityZone: m.AvailabilityZone.ValueString(),
		GatewayIP:        m.GatewayIP.ValueString(), // "" when unknown: the engine picks the first host
		Description:      m.Description.ValueString(),
		IPv6Enabled:      m.IPv6Enabled.ValueBool(),
		Tags:             engineTags(m.TagsAll),
	}
}

func subnetModelOf(s engine.Subnet) subnetModel {
	return subnetModel{
		ID:               types.StringValue(s.ID),
		VPCID:            types.StringValue(s.VPCID),
		Name:             types.StringValue(s.Name),
		CIDR:             types.StringValue(s.CIDR),
		IPv6Enabled:      types.BoolValue(s.IPv6Enabled()),
		IPv6CIDR:         ipv6CIDRValue(s.IPv6CIDR),
		AvailabilityZone: types.StringValue(s.AvailabilityZone),
		GatewayIP:        types.StringValue(s.GatewayIP),
		Description:      types.StringValue(s.Description),
		RouteTableID:     types.StringValue(s.RouteTableID),
		NetworkACLID:     optionalString(s.NetworkACLID),
		resourceTags:     storedTags(s.Tags),
	}
}

// checkGatewayInCIDR applies the engine's gateway rule when the VPC is not
// known yet; a CIDR that is itself invalid is the cidr validator's to report.
func checkGatewayInCIDR(cidr, gateway string) error {
	if _, err := engine.ValidatePrivateCIDR(engine.FieldCIDR, cidr); err != nil {
		return nil //nolint:nilerr // the cidr validator reports an invalid CIDR; this check has nothing to add
	}
	return engine.CheckGateway(cidr, gateway)
}

// subnetErrorPath puts an engine refusal about a subnet on its argument.
func subnetErrorPath(err error) path.Path { return subnetType.errorPath(err) }
