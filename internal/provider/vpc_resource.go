package provider

import (
	"context"
	"fmt"

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

var (
	_ resource.ResourceWithConfigure   = &vpcResource{}
	_ resource.ResourceWithImportState = &vpcResource{}
	_ resource.ResourceWithIdentity    = &vpcResource{}
	_ resource.ResourceWithModifyPlan  = &vpcResource{}
)

type vpcResource struct {
	engine      *engine.Engine
	ledger      *engine.PlanLedger
	defaultTags tagDefaults
	// conflicts is how plan reports what the region holds.
	conflicts regionConflicts
}

type vpcResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	CIDR        types.String `tfsdk:"cidr"`
	IPv6Enabled types.Bool   `tfsdk:"ipv6_enabled"`
	IPv6CIDR    types.String `tfsdk:"ipv6_cidr"`
	Description types.String `tfsdk:"description"`
	Tags        types.Map    `tfsdk:"tags"`
	TagsAll     types.Map    `tfsdk:"tags_all"`
}

// NewVPCResource is the constructor registered with the provider.
func NewVPCResource() resource.Resource { return &vpcResource{} }

func (r *vpcResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpc"
}

func (r *vpcResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("VPC")
}

func (r *vpcResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
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
			"tags":        tagsAttribute("VPC"),
			"tags_all":    tagsAllAttribute(),
		},
	}
}

func (r *vpcResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := providerDataOf(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.engine, r.ledger, r.conflicts = pd.engine, pd.ledger, pd.regionConflicts
	}
	r.defaultTags = defaultTagsOf(req.ProviderData)
}

// ModifyPlan plans tags_all, refuses at plan turning IPv6 off while a subnet still has it,
// and notes a change of IPv6 in the ledger, so the subnets and network
// interfaces planned after the VPC are judged as the plan leaves it.
func (r *vpcResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.defaultTags, req, resp)
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
			r.conflicts.addPlanRefusal(&resp.Diagnostics, path.Root("ipv6_enabled"), "Cannot turn IPv6 off on VPC", err,
				"Set ipv6_enabled = false on those subnets first, in an apply of its own: a VPC is updated before its subnets.")
			return
		}
	}
	r.ledger.PlanIPv6(state.ID.ValueString(), *on)
}

func (r *vpcResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan vpcResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, err := r.engine.CreateVPC(ctx, engine.VPCInput{Name: plan.Name.ValueString(), CIDR: plan.CIDR.ValueString(), Description: plan.Description.ValueString(),
		IPv6Enabled: plan.IPv6Enabled.ValueBool(),
		Tags:        engineTags(plan.TagsAll)})
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot create VPC", err)
		return
	}
	tflog.Debug(ctx, "created VPC", map[string]any{"id": v.ID, "cidr": v.CIDR})
	m := vpcModelOf(v)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *vpcResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state vpcResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, ok := readFromEngine(ctx, resp, "VPC", r.engine.GetVPC, state.ID)
	if !ok {
		return
	}
	m := vpcModelOf(v)
	m.Tags = r.defaultTags.ownTags(state.Tags, state.TagsAll, v.Tags)
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
}

func (r *vpcResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state vpcResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, description := plan.Name.ValueString(), plan.Description.ValueString()
	v, err := r.engine.UpdateVPC(ctx, state.ID.ValueString(), engine.VPCUpdate{Name: &name, Description: &description,
		IPv6Enabled: ipv6Change(plan.IPv6Enabled, state.IPv6Enabled), Tags: engineTags(plan.TagsAll)})
	if err != nil {
		addEngineError(&resp.Diagnostics, argumentPath(err, vpcArguments, path.Empty()), "Cannot update VPC", err)
		return
	}
	m := vpcModelOf(v)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *vpcResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state vpcResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.engine.DeleteVPC(ctx, state.ID.ValueString()); err != nil && !engine.IsNotFound(err) {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot delete VPC", err)
	}
}

func (r *vpcResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, engine.PrefixVPC, req, resp)
}

func vpcModelOf(v engine.VPC) vpcResourceModel {
	return vpcResourceModel{
		ID:          types.StringValue(v.ID),
		Name:        types.StringValue(v.Name),
		CIDR:        types.StringValue(v.CIDR),
		IPv6Enabled: types.BoolValue(v.IPv6Enabled()),
		IPv6CIDR:    ipv6CIDRValue(v.IPv6CIDR),
		Description: types.StringValue(v.Description),
		Tags:        tagsValue(v.Tags),
		TagsAll:     tagsValue(v.Tags),
	}
}

// vpcArguments are the arguments an engine refusal about a VPC may name.
var vpcArguments = []string{"name", "cidr", "description", "ipv6_enabled"}
