package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var (
	_ resource.ResourceWithConfigure      = &serverResource{}
	_ resource.ResourceWithImportState    = &serverResource{}
	_ resource.ResourceWithIdentity       = &serverResource{}
	_ resource.ResourceWithValidateConfig = &serverResource{}
	_ resource.ResourceWithModifyPlan     = &serverResource{}
)

type serverResource struct {
	engine      *engine.Engine
	ledger      *engine.PlanLedger
	defaultTags tagDefaults
	// conflicts is how plan reports what the region holds.
	conflicts regionConflicts
}

// serverModel is the eni_server resource's, and the part of the server
// data source's model it shares.
type serverModel struct {
	ID                        types.String `tfsdk:"id"`
	Name                      types.String `tfsdk:"name"`
	Kind                      types.String `tfsdk:"kind"`
	Flavor                    types.String `tfsdk:"flavor"`
	AvailabilityZone          types.String `tfsdk:"availability_zone"`
	SubnetID                  types.String `tfsdk:"subnet_id"`
	PrivateIP                 types.String `tfsdk:"private_ip"`
	SecurityGroupIDs          types.Set    `tfsdk:"security_group_ids"`
	VPCID                     types.String `tfsdk:"vpc_id"`
	PrimaryNetworkInterfaceID types.String `tfsdk:"primary_network_interface_id"`
	MaxNetworkInterfaces      types.Int64  `tfsdk:"max_network_interfaces"`
	Tags                      types.Map    `tfsdk:"tags"`
	TagsAll                   types.Map    `tfsdk:"tags_all"`
}

// NewServerResource is the constructor registered with the provider.
func NewServerResource() resource.Resource { return &serverResource{} }

func (r *serverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_server"
}

func (r *serverResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("server")
}

func (r *serverResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ECS virtual machine or BMS bare-metal server. It is created with its primary network interface " +
			"(device index 0) in `subnet_id`, which is deleted with it and cannot be detached. Deleting a server detaches its " +
			"extension network interfaces, which become `available` and keep their IP, MAC, security groups and EIP.",
		Attributes: map[string]schema.Attribute{
			"id":   idAttribute("server"),
			"name": nameAttribute("server"),
			"kind": schema.StringAttribute{
				MarkdownDescription: "The server kind: " + quotedList(engine.Kinds) + " (virtual machine or bare metal). Defaults to `" +
					engine.KindECS + "`. The flavor must be of this kind. Changing it replaces the server.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(engine.KindECS),
				Validators:    []validator.String{stringvalidator.OneOf(engine.Kinds...)},
				PlanModifiers: replace,
			},
			"flavor": schema.StringAttribute{
				MarkdownDescription: "The server size, one of " + quotedList(engine.FlavorNames()) + "; it fixes the most network interfaces " +
					"the server takes, primary included (see the `eni_flavors` data source). Updatable in place: a change resizes the server, " +
					"which is refused while more network interfaces are attached than the new flavor takes.",
				Required:   true,
				Validators: []validator.String{flavorValidator()},
			},
			"availability_zone": schema.StringAttribute{
				MarkdownDescription: "The availability zone, one of " + quotedList(engine.AvailabilityZones) + "; `subnet_id` must be in it. " +
					"Changing it replaces the server.",
				Required:      true,
				Validators:    []validator.String{zoneValidator()},
				PlanModifiers: replace,
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "The subnet of the primary network interface, in the server's availability zone; the server's VPC follows. " +
					"Changing it replaces the server.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replace,
			},
			"private_ip": schema.StringAttribute{
				MarkdownDescription: "The primary network interface's private IPv4 address. It must be inside the subnet and neither its network, " +
					"gateway nor broadcast address, nor held by another network interface; omit it to have the next free address allocated. " +
					"Changing it replaces the server.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{ipv4Validator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"security_group_ids": securityGroupIDsAttribute("server's primary network interface"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The VPC of the subnet.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"primary_network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the primary network interface, created and deleted with the server.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"max_network_interfaces": schema.Int64Attribute{
				MarkdownDescription: "The most network interfaces the flavor takes, primary included. Known at plan time from the catalog, " +
					"so a resize shows its new value in the plan.",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{maxNetworkInterfacesOfFlavor{}},
			},
			"tags":     tagsAttribute("server"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

func (r *serverResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := providerDataOf(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.engine, r.ledger, r.conflicts = pd.engine, pd.ledger, pd.regionConflicts
	}
	r.defaultTags = defaultTagsOf(req.ProviderData)
}

// ValidateConfig checks that the flavor is of the server's kind.
func (r *serverResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config serverModel
	resp.Diagnostics.Append(getConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() || config.Flavor.IsNull() || config.Flavor.IsUnknown() || config.Kind.IsUnknown() {
		return
	}
	k := engine.KindECS
	if !config.Kind.IsNull() {
		k = config.Kind.ValueString()
	}
	if !slices.Contains(engine.Kinds, k) {
		return // the kind's own validator says so
	}
	_, err := engine.ValidateFlavor(config.Flavor.ValueString(), k)
	if err != nil && !isUnknownFlavor(err) { // an unknown flavor is the flavor validator's
		addEngineError(&resp.Diagnostics, path.Root("flavor"), "Invalid server flavor", err)
	}
}

// ModifyPlan applies the engine's rules at plan time: for a new server its
// subnet's zone, the requested address and the security groups; for a
// change, the resize against the NICs attached and the new groups.
func (r *serverResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planTagsAll(ctx, r.defaultTags, req, resp)
	if r.engine == nil || req.Plan.Raw.IsNull() {
		return
	}
	var plan serverModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		in, ok := serverInputOf(ctx, plan)
		if !ok {
			return // something is known only after apply; the engine checks again then
		}
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
		err := r.engine.CheckPlannedServer(ctx, in, r.ledger)
		if err != nil {
			r.conflicts.addPlanRefusal(&resp.Diagnostics, serverErrorPath(err), "Cannot create server", err)
		}
		return
	}
	var state serverModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
	if !plan.Kind.Equal(state.Kind) || !plan.AvailabilityZone.Equal(state.AvailabilityZone) ||
		!plan.SubnetID.Equal(state.SubnetID) || !plan.PrivateIP.Equal(state.PrivateIP) {
		return // replacement: the create half of the plan is checked on its own
	}
	if !plan.Flavor.IsUnknown() && !plan.Flavor.Equal(state.Flavor) {
		// Rules 6 and 15 against the NICs the plan leaves on the server;
		// the ledger records the resize for the attachments planned after.
		if err := r.engine.CheckPlannedResize(ctx, state.ID.ValueString(), plan.Flavor.ValueString(), r.ledger); err != nil {
			r.conflicts.addPlanRefusal(&resp.Diagnostics, path.Root("flavor"), "Cannot update server", err, orderAdvice(err, plannedResize))
		}
	}
	checkGroupChange(ctx, r.engine, r.conflicts, state.SubnetID, state.SecurityGroupIDs, plan.SecurityGroupIDs, "Cannot update server", &resp.Diagnostics)
}

func (r *serverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan serverModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, _ := serverInputOf(ctx, plan) // at apply, all it judges is known
	d, err := r.engine.CreateServer(ctx, in)
	if err != nil {
		addEngineError(&resp.Diagnostics, serverErrorPath(err), "Cannot create server", err)
		return
	}
	tflog.Debug(ctx, "created server", map[string]any{
		"id": d.ID, "flavor": d.Flavor, "subnet_id": d.SubnetID, "primary_network_interface_id": d.PrimaryNetworkInterfaceID, "private_ip": d.PrivateIP,
	})
	m := serverModelOf(d)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *serverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state serverModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	d, ok := readFromEngine(ctx, resp, "server", r.engine.GetServer, state.ID)
	if !ok {
		return
	}
	m := serverModelOf(d)
	m.Tags = r.defaultTags.ownTags(state.Tags, state.TagsAll, d.Tags)
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
}

func (r *serverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state serverModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var u engine.ServerUpdate
	if !plan.Name.Equal(state.Name) {
		name := plan.Name.ValueString()
		u.Name = &name
	}
	if !plan.Flavor.Equal(state.Flavor) {
		flavor := plan.Flavor.ValueString()
		u.Flavor = &flavor
	}
	if !plan.SecurityGroupIDs.IsUnknown() && !plan.SecurityGroupIDs.Equal(state.SecurityGroupIDs) {
		u.SecurityGroupIDs = stringsOf(ctx, plan.SecurityGroupIDs, &resp.Diagnostics)
	}
	u.Tags = engineTags(plan.TagsAll)
	if resp.Diagnostics.HasError() {
		return
	}
	d, err := r.engine.UpdateServer(ctx, state.ID.ValueString(), u)
	if err != nil {
		addEngineError(&resp.Diagnostics, serverErrorPath(err), "Cannot update server", err)
		return
	}
	tflog.Debug(ctx, "updated server", map[string]any{"id": d.ID, "flavor": d.Flavor, "max_network_interfaces": d.MaxNetworkInterfaces})
	clearReplaceable(ctx, resp.Private, &resp.Diagnostics)
	m := serverModelOf(d)
	m.Tags = plan.Tags
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	setIdentityFromState(ctx, resp.State, resp.Identity)
}

func (r *serverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state serverModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if d, err := r.engine.GetServer(ctx, id); err == nil && len(d.NetworkInterfaceIDs) > 1 {
		tflog.Info(ctx, "deleting the server detaches its extension network interfaces, which become available", map[string]any{
			"id": id, "network_interface_ids": d.NetworkInterfaceIDs[1:],
		})
	}
	if err := r.engine.DeleteServer(ctx, id); err != nil && !engine.IsNotFound(err) {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot delete server", err)
		return
	}
	tflog.Debug(ctx, "deleted server", map[string]any{"id": id})
}

func (r *serverResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByID(ctx, engine.PrefixServer, req, resp)
}

func serverModelOf(d engine.ServerDetails) serverModel {
	return serverModel{
		ID:                        types.StringValue(d.ID),
		Name:                      types.StringValue(d.Name),
		Kind:                      types.StringValue(d.Kind),
		Flavor:                    types.StringValue(d.Flavor),
		AvailabilityZone:          types.StringValue(d.AvailabilityZone),
		SubnetID:                  types.StringValue(d.SubnetID),
		PrivateIP:                 types.StringValue(d.PrivateIP),
		SecurityGroupIDs:          stringSetValue(d.SecurityGroupIDs),
		VPCID:                     types.StringValue(d.VPCID),
		PrimaryNetworkInterfaceID: types.StringValue(d.PrimaryNetworkInterfaceID),
		MaxNetworkInterfaces:      types.Int64Value(int64(d.MaxNetworkInterfaces)),
		Tags:                      tagsValue(d.Tags),
		TagsAll:                   tagsValue(d.Tags),
	}
}

// serverInputOf builds the engine input of a planned server, for the
// plan-time check and for Create; ok is false while any value the engine
// would judge is still unknown, which it never is at apply.
func serverInputOf(ctx context.Context, plan serverModel) (engine.ServerInput, bool) {
	if plan.Kind.IsUnknown() || plan.Flavor.IsUnknown() || plan.AvailabilityZone.IsUnknown() || plan.SubnetID.IsUnknown() {
		return engine.ServerInput{}, false
	}
	name := plan.Name.ValueString()
	if plan.Name.IsUnknown() {
		name = "pending" // the name's own validator judges it once known; the other rules need not wait
	}
	groups, ok := knownStrings(ctx, plan.SecurityGroupIDs)
	if !ok && !plan.SecurityGroupIDs.IsUnknown() {
		return engine.ServerInput{}, false // some group IDs are still unknown
	}
	return engine.ServerInput{
		Name:             name,
		Kind:             plan.Kind.ValueString(),
		Flavor:           plan.Flavor.ValueString(),
		AvailabilityZone: plan.AvailabilityZone.ValueString(),
		SubnetID:         plan.SubnetID.ValueString(),
		PrivateIP:        plan.PrivateIP.ValueString(), // unknown: the engine allocates one at apply
		SecurityGroupIDs: groups,
		Tags:             engineTags(plan.TagsAll),
	}, true
}

// serverArguments are the arguments an engine refusal about a server may
// name (engine.Error.Field); those of its primary NIC are among them.
var serverArguments = []string{"name", "kind", "flavor", "availability_zone", "subnet_id", "private_ip", "security_group_ids"}

// serverErrorPath puts an engine refusal on the argument the engine names.
func serverErrorPath(err error) path.Path {
	return argumentPath(err, serverArguments, path.Empty())
}

// maxNetworkInterfacesOfFlavor plans max_network_interfaces from the
// catalog entry of the planned flavor, so a resize shows the new limit.
type maxNetworkInterfacesOfFlavor struct{}

var _ planmodifier.Int64 = maxNetworkInterfacesOfFlavor{}

func (maxNetworkInterfacesOfFlavor) Description(context.Context) string {
	return "Set at plan time from the flavor's catalog entry."
}

func (m maxNetworkInterfacesOfFlavor) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (maxNetworkInterfacesOfFlavor) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var flavor types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("flavor"), &flavor)...)
	if flavor.IsNull() || flavor.IsUnknown() {
		return
	}
	if f, ok := engine.LookupFlavor(flavor.ValueString()); ok {
		resp.PlanValue = types.Int64Value(int64(f.MaxNetworkInterfaces))
	}
}
