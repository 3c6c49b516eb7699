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

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// vpcType is the eni_vpc resource.
var vpcType = &resourceType{name: "vpc", what: "VPC", idPrefix: engine.PrefixVPC, schema: vpcSchema}

type vpcResource struct{ resourceBase }

type vpcResourceModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	CIDR                types.String `tfsdk:"cidr"`
	IPv6Enabled         types.Bool   `tfsdk:"ipv6_enabled"`
	IPv6CIDR            types.String `tfsdk:"ipv6_cidr"`
	Description         types.String `tfsdk:"description"`
	DefaultRouteTableID types.String `tfsdk:"default_route_table_id"`
	resourceTags
}

// NewVPCResource is the constructor registered with the provider.
func NewVPCResource() resource.Resource { return newResource(&vpcResource{}, vpcType) }

func vpcSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A VPC: a private network that holds subnets and security groups.",
		Attributes: map[string]schema.Attribute{
			"id":   idAttribute("VPC"),
			"name": nameAttribute("VPC"),
			"cidr": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The VPC's IPv4 CIDR block, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, with a prefix from /%d to /%d. Changing it replaces the VPC.",
					engine.MinPrefixLength, engine.MaxPrefixLength),
				Required:      true,
				Validators:    []validator.String{privateCIDRValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"ipv6_enabled": ipv6EnabledAttribute("Whether the VPC has an IPv6 range (`ipv6_cidr`), which its subnets with `ipv6_enabled` take their /64s from. " +
				"Defaults to `false`. Turning it on or off is done in place; off is refused (at plan) while a subnet of the VPC still has IPv6."),
			"ipv6_cidr": ipv6CIDRAttribute("The VPC's IPv6 range: a /56 of the unique local range fd00::/8, drawn at random and held by no other VPC. " +
				"Null while `ipv6_enabled` is false; a range turned off and on again is a new one."),
			"description": descriptionAttribute(),
			"default_route_table_id": schema.StringAttribute{
				MarkdownDescription: "The VPC's default route table, made with it: the one in effect in every subnet of the VPC that no " +
					"`eni_route_table_association` names. `eni_route` resources may add routes to it; it goes only with the VPC.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"tags":     tagsAttribute("VPC"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

// planChecks refuses at plan turning IPv6 off while a subnet still has it,
// and notes a change of IPv6 in the ledger, so the subnets and network
// interfaces planned after the VPC are judged as the plan leaves it.
func (r *vpcResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil || req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return // a new VPC's ID, which its subnets would refer to, is unknown
	}
	var plan, state vpcResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	on := ipv6Change(plan.IPv6Enabled, state.IPv6Enabled)
	if resp.Diagnostics.HasError() || on == nil {
		return
	}
	if !*on {
		if err := r.engine.CheckVPCIPv6Off(ctx, state.ID.ValueString()); err != nil {
			r.regionConflicts.addPlanRefusal(&resp.Diagnostics, path.Root("ipv6_enabled"), "Cannot turn IPv6 off on VPC", err,
				"Set ipv6_enabled = false on those subnets first, in an apply of its own: a VPC is updated before its subnets.")
			return
		}
	}
	r.ledger.PlanIPv6(state.ID.ValueString(), *on)
}

func (r *vpcResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan vpcResourceModel, _ *diag.Diagnostics) (vpcResourceModel, error) {
		v, err := r.engine.CreateVPC(ctx, engine.VPCInput{Name: plan.Name.ValueString(), CIDR: plan.CIDR.ValueString(), Description: plan.Description.ValueString(),
			IPv6Enabled: plan.IPv6Enabled.ValueBool(), Tags: engineTags(plan.TagsAll)})
		logDone(ctx, err, "created VPC", map[string]any{"id": v.ID, "cidr": v.CIDR})
		return vpcModelOf(v), err
	})
}

func (r *vpcResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetVPC, func(v engine.VPC, _ vpcResourceModel) vpcResourceModel { return vpcModelOf(v) })
}

func (r *vpcResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state vpcResourceModel, _ *diag.Diagnostics) (vpcResourceModel, error) {
		name, description := plan.Name.ValueString(), plan.Description.ValueString()
		v, err := r.engine.UpdateVPC(ctx, state.ID.ValueString(), engine.VPCUpdate{Name: &name, Description: &description,
			IPv6Enabled: ipv6Change(plan.IPv6Enabled, state.IPv6Enabled), Tags: engineTags(plan.TagsAll)})
		return vpcModelOf(v), err
	})
}

func (r *vpcResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteVPC)
}

func vpcModelOf(v engine.VPC) vpcResourceModel {
	return vpcResourceModel{
		ID:                  types.StringValue(v.ID),
		Name:                types.StringValue(v.Name),
		CIDR:                types.StringValue(v.CIDR),
		IPv6Enabled:         types.BoolValue(v.IPv6Enabled()),
		IPv6CIDR:            ipv6CIDRValue(v.IPv6CIDR),
		Description:         types.StringValue(v.Description),
		DefaultRouteTableID: types.StringValue(v.DefaultRouteTableID),
		resourceTags:        storedTags(v.Tags),
	}
}
