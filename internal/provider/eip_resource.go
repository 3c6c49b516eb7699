package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

var (
	_ resource.ResourceWithConfigure   = &eipResource{}
	_ resource.ResourceWithImportState = &eipResource{}
	_ resource.ResourceWithIdentity    = &eipResource{}
	_ resource.ResourceWithModifyPlan  = &eipResource{}
)

type eipResource struct {
	engine      *engine.Engine
	defaultTags tagDefaults
}

type eipResourceModel struct {
	ID                 types.String `tfsdk:"id"`
	BandwidthMbps      wholeNumber  `tfsdk:"bandwidth_mbps"`
	NetworkInterfaceID types.String `tfsdk:"network_interface_id"`
	PublicIP           types.String `tfsdk:"public_ip"`
	Tags               types.Map    `tfsdk:"tags"`
	TagsAll            types.Map    `tfsdk:"tags_all"`
}

// NewEIPResource is the constructor registered with the provider.
func NewEIPResource() resource.Resource { return &eipResource{} }

func (r *eipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_eip"
}

func (r *eipResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("EIP")
}

func (r *eipResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("An elastic IP: a public address from the region's pool (%s), bound to at most one network interface. "+
			"It follows its interface across detach, attach and moves between servers.", engine.PublicPool),
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("EIP"),
			"bandwidth_mbps": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Bandwidth in Mbit/s, from %d to %d. Defaults to %d. Updatable in place.",
					engine.MinBandwidthMbps, engine.MaxBandwidthMbps, engine.DefaultBandwidthMbps),
				CustomType: wholeNumberType{},
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(engine.DefaultBandwidthMbps),
				Validators: []validator.Int64{int64validator.Between(engine.MinBandwidthMbps, engine.MaxBandwidthMbps)},
			},
			"network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The network interface the EIP is bound to. Updatable in place: set it to bind, change it to rebind, remove it to unbind. " +
					"An interface holds at most one EIP.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"public_ip": schema.StringAttribute{
				MarkdownDescription: "The public IPv4 address.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"tags":     tagsAttribute("EIP"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

func (r *eipResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
	r.defaultTags = defaultTagsOf(req.ProviderData)
}

// ModifyPlan plans tags_all.
func (r *eipResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.defaultTags, req, resp)
}

func (r *eipResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan eipResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	eip, err := r.engine.CreateEIP(ctx, eipInputOf(plan))
	if err != nil {
		addEngineError(&resp.Diagnostics, eipErrorPath(err), "Cannot create EIP", err)
		return
	}
	tflog.Debug(ctx, "created EIP", map[string]any{"id": eip.ID, "public_ip": eip.PublicIP, "network_interface_id": eip.NetworkInterfaceID})
	m := eipModelOf(eip)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *eipResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state eipResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	eip, ok := readFromEngine(ctx, resp, "EIP", r.engine.GetEIP, state.ID)
	if !ok {
		return
	}
	m := eipModelOf(eip)
	m.Tags = r.defaultTags.ownTags(state.Tags, state.TagsAll, eip.Tags)
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
}

func (r *eipResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan eipResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	eip, err := r.engine.UpdateEIP(ctx, plan.ID.ValueString(), eipInputOf(plan))
	if err != nil {
		addEngineError(&resp.Diagnostics, eipErrorPath(err), "Cannot update EIP", err)
		return
	}
	m := eipModelOf(eip)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *eipResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state eipResourceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.engine.DeleteEIP(ctx, state.ID.ValueString()); err != nil && !engine.IsNotFound(err) {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot delete EIP", err)
	}
}

func (r *eipResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, engine.PrefixEIP, req, resp)
}

func eipInputOf(m eipResourceModel) engine.EIPInput {
	return engine.EIPInput{BandwidthMbps: int(m.BandwidthMbps.ValueInt64()), NetworkInterfaceID: m.NetworkInterfaceID.ValueString(), Tags: engineTags(m.TagsAll)}
}

func eipModelOf(e engine.EIP) eipResourceModel {
	m := eipResourceModel{
		ID:                 types.StringValue(e.ID),
		BandwidthMbps:      wholeNumberOf(types.Int64Value(int64(e.BandwidthMbps))),
		NetworkInterfaceID: types.StringNull(),
		PublicIP:           types.StringValue(e.PublicIP),
		Tags:               tagsValue(e.Tags),
		TagsAll:            tagsValue(e.Tags),
	}
	if e.NetworkInterfaceID != "" {
		m.NetworkInterfaceID = types.StringValue(e.NetworkInterfaceID)
	}
	return m
}

func eipErrorPath(err error) path.Path {
	return argumentPath(err, []string{"bandwidth_mbps", "network_interface_id"}, path.Root("network_interface_id"))
}
