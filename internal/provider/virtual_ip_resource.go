package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
)

var (
	_ resource.ResourceWithConfigure   = &virtualIPResource{}
	_ resource.ResourceWithImportState = &virtualIPResource{}
	_ resource.ResourceWithIdentity    = &virtualIPResource{}
	_ resource.ResourceWithModifyPlan  = &virtualIPResource{}
)

const defaultVirtualIPTimeout = 5 * time.Minute

type virtualIPResource struct {
	engine      *engine.Engine
	ledger      *engine.PlanLedger
	defaultTags tagDefaults
	// conflicts is how plan reports what the region holds.
	conflicts regionConflicts
}

// virtualIPAttributes are the attributes the eni_virtual_ip resource and
// data source share.
type virtualIPAttributes struct {
	ID                 types.String `tfsdk:"id"`
	SubnetID           types.String `tfsdk:"subnet_id"`
	IPAddress          types.String `tfsdk:"ip_address"`
	NetworkInterfaceID types.String `tfsdk:"network_interface_id"`
}

type virtualIPModel struct {
	virtualIPAttributes
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Tags     types.Map      `tfsdk:"tags"`
	TagsAll  types.Map      `tfsdk:"tags_all"`
}

// NewVirtualIPResource is the constructor registered with the provider.
func NewVirtualIPResource() resource.Resource { return &virtualIPResource{} }

func (r *virtualIPResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_virtual_ip"
}

func (r *virtualIPResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("virtual IP")
}

func (r *virtualIPResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A virtual IP: a private IPv4 address of a subnet that belongs to no network interface for good, bound to at most one " +
			"interface of its subnet at a time. Changing `network_interface_id` moves the address to the other interface in one engine " +
			"transaction: it ends on the new interface, or stays where it was. This is IP-level failover; moving a whole interface with " +
			"`eni_network_interface_attachment` is the NIC-level kind (see the failover guide).",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("virtual IP"),
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "The subnet the address belongs to. Changing it replaces the virtual IP.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"ip_address": schema.StringAttribute{
				MarkdownDescription: "The address. It must be inside the subnet and neither its network, gateway nor broadcast address, nor held " +
					"by a network interface or another virtual IP; omit it to have the next free address allocated. Changing it replaces the virtual IP.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{ipv4Validator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The network interface the address is bound to; omit it to keep the address unbound. The interface must be in " +
					"`subnet_id`, and the address counts toward its flavor's private IPs per interface (`max_private_ips_per_interface` of " +
					"`eni_flavors`). Updatable in place: set it to bind, change it to move the address, remove it to unbind. A network " +
					"interface with a virtual IP bound is deleted only after the virtual IP is unbound or destroyed.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"timeouts": positiveTimeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
			"tags":     tagsAttribute("virtual IP"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

func (r *virtualIPResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := providerDataOf(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.engine, r.ledger, r.conflicts = pd.engine, pd.ledger, pd.regionConflicts
	}
	r.defaultTags = defaultTagsOf(req.ProviderData)
}

// ModifyPlan checks at plan time what creating, binding or moving the
// virtual IP would meet: the requested address (rule 8), the interface in
// the subnet (rule 5) and with room for one more private IP (rule 15),
// counting the other changes of the plan through the ledger.
func (r *virtualIPResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.defaultTags, req, resp)
	if r.engine == nil {
		return
	}
	var state *virtualIPModel
	if !req.State.Raw.IsNull() {
		state = &virtualIPModel{}
		resp.Diagnostics.Append(getState(ctx, req.State, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy: the interface has room for another address
		if state != nil {
			r.ledger.PlanDestroy(state.ID.ValueString())
		}
		return
	}
	var plan virtualIPModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.SubnetID.IsUnknown() {
		return // a subnet this plan creates: the engine judges it all at apply
	}
	if state != nil {
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if virtualIPReplaced(plan, *state) {
			return // a replacement's new object is planned next, on its own
		}
		if plan.NetworkInterfaceID.Equal(state.NetworkInterfaceID) {
			// Kept where it is: a NIC's destroy plan may be waiting to know.
			r.ledger.PlanVirtualIPKept(state.ID.ValueString(), state.NetworkInterfaceID.ValueString())
			return
		}
	} else {
		// The virtual IP this one replaces is destroyed first: its address
		// is free and its interface has room again, whatever forced the
		// replacement.
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	}
	p := plannedVirtualIPOf(plan, state)
	ctx = tflog.SetField(ctx, "network_interface_id", p.NetworkInterfaceID)
	if err := r.engine.CheckPlannedVirtualIP(ctx, p, r.ledger); err != nil {
		tflog.Debug(ctx, "virtual IP refused at plan", map[string]any{"error": err.Error()})
		r.conflicts.addPlanRefusal(&resp.Diagnostics, virtualIPErrorPath(err), virtualIPSummary(state, plan, err), err)
	}
}

// virtualIPReplaced reports whether a plan replaces the virtual IP in state.
func virtualIPReplaced(plan, state virtualIPModel) bool {
	return !plan.SubnetID.Equal(state.SubnetID) || !plan.IPAddress.IsUnknown() && !plan.IPAddress.Equal(state.IPAddress)
}

// plannedVirtualIPOf describes a planned virtual IP for the ledger. An
// interface the plan creates is not known yet: the engine binds to it at
// apply, and the plan counts the address as leaving its old interface.
func plannedVirtualIPOf(plan virtualIPModel, state *virtualIPModel) engine.PlannedVirtualIP {
	p := engine.PlannedVirtualIP{VirtualIPInput: virtualIPInputOf(plan)}
	if state != nil {
		p.ID = state.ID.ValueString()
	}
	return p
}

func (r *virtualIPResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan virtualIPModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := virtualIPContext(ctx, plan.Timeouts.Create, plan, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	v, err := r.engine.CreateVirtualIP(ctx, virtualIPInputOf(plan))
	if err != nil {
		addEngineError(&resp.Diagnostics, virtualIPErrorPath(err), virtualIPSummary(nil, plan, err), err)
		return
	}
	r.ledger.AppliedVirtualIPCreate(v)
	tflog.Debug(ctx, "created virtual IP", map[string]any{"id": v.ID, "ip_address": v.IPAddress, "network_interface_id": v.NetworkInterfaceID})
	m := virtualIPModelOf(v, plan.Timeouts)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *virtualIPResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state virtualIPModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	v, ok := readFromEngine(ctx, resp, "virtual IP", r.engine.GetVirtualIP, state.ID)
	if !ok {
		return
	}
	m := virtualIPModelOf(v, state.Timeouts)
	m.Tags = r.defaultTags.ownTags(state.Tags, state.TagsAll, v.Tags)
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
}

func (r *virtualIPResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state virtualIPModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := virtualIPContext(ctx, plan.Timeouts.Update, plan, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	nic := plan.NetworkInterfaceID.ValueString()
	v, err := r.engine.UpdateVirtualIP(ctx, state.ID.ValueString(), engine.VirtualIPUpdate{NetworkInterfaceID: &nic, Tags: engineTags(plan.TagsAll)})
	if err != nil {
		addEngineError(&resp.Diagnostics, virtualIPErrorPath(err), virtualIPSummary(&state, plan, err), err)
		return
	}
	tflog.Debug(ctx, "updated virtual IP", map[string]any{"id": v.ID, "from_network_interface_id": state.NetworkInterfaceID.ValueString(),
		"to_network_interface_id": v.NetworkInterfaceID})
	clearReplaceable(ctx, resp.Private, &resp.Diagnostics)
	m := virtualIPModelOf(v, plan.Timeouts)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *virtualIPResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state virtualIPModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := virtualIPContext(ctx, state.Timeouts.Delete, state, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.engine.DeleteVirtualIP(ctx, state.ID.ValueString()); err != nil && !engine.IsNotFound(err) {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot delete virtual IP", err)
		return
	}
	tflog.Debug(ctx, "deleted virtual IP", map[string]any{"id": state.ID.ValueString()})
}

func (r *virtualIPResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, engine.PrefixVirtualIP, req, resp)
}

// virtualIPContext bounds ctx by the timeout the configuration sets for the
// operation (timeout is one of m.Timeouts' Create, Update or Delete) and
// names the virtual IP's subnet and interface in its log lines. The caller
// defers cancel, and stops when diags has an error.
func virtualIPContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	m virtualIPModel, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, tdiags := timeout(ctx, defaultVirtualIPTimeout)
	diags.Append(tdiags...)
	ctx = tflog.SetField(ctx, "subnet_id", m.SubnetID.ValueString())
	ctx = tflog.SetField(ctx, "network_interface_id", m.NetworkInterfaceID.ValueString())
	return context.WithTimeout(ctx, d)
}

// virtualIPInputOf is the engine input of a planned virtual IP; an unknown
// address or interface reads as "" (allocated, unbound).
func virtualIPInputOf(m virtualIPModel) engine.VirtualIPInput {
	return engine.VirtualIPInput{
		SubnetID:           m.SubnetID.ValueString(),
		IPAddress:          m.IPAddress.ValueString(),
		NetworkInterfaceID: m.NetworkInterfaceID.ValueString(),
		Tags:               engineTags(m.TagsAll),
	}
}

func virtualIPAttributesOf(v engine.VirtualIP) virtualIPAttributes {
	a := virtualIPAttributes{
		ID:                 types.StringValue(v.ID),
		SubnetID:           types.StringValue(v.SubnetID),
		IPAddress:          types.StringValue(v.IPAddress),
		NetworkInterfaceID: types.StringNull(),
	}
	if v.NetworkInterfaceID != "" {
		a.NetworkInterfaceID = types.StringValue(v.NetworkInterfaceID)
	}
	return a
}

func virtualIPModelOf(v engine.VirtualIP, t timeouts.Value) virtualIPModel {
	return virtualIPModel{virtualIPAttributes: virtualIPAttributesOf(v), Timeouts: t, Tags: tagsValue(v.Tags), TagsAll: tagsValue(v.Tags)}
}

// virtualIPSummary names the operation a refusal stopped: creating the
// address, or binding, moving or unbinding it (the interface is at fault).
func virtualIPSummary(state *virtualIPModel, plan virtualIPModel, err error) string {
	if engine.FieldOf(err) != engine.FieldNetworkInterfaceID {
		if state == nil {
			return "Cannot create virtual IP"
		}
		return "Cannot update virtual IP"
	}
	switch {
	case state == nil || state.NetworkInterfaceID.IsNull():
		return "Cannot bind virtual IP"
	case plan.NetworkInterfaceID.IsNull():
		return "Cannot unbind virtual IP"
	default:
		return "Cannot move virtual IP"
	}
}

// virtualIPErrorPath puts a refusal on the argument at fault.
func virtualIPErrorPath(err error) path.Path {
	return argumentPath(err, []string{"subnet_id", "ip_address", "network_interface_id"}, path.Root("network_interface_id"))
}
