package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// serverType is the eni_server resource.
var serverType = &resourceType{name: "server", what: "server", idPrefix: engine.PrefixServer, schema: serverSchema}

type serverResource struct{ resourceBase }

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
	SourceDestCheck           types.Bool   `tfsdk:"source_dest_check"`
	resourceTags
}

// NewServerResource is the constructor registered with the provider.
func NewServerResource() resource.Resource { return newResource(&serverResource{}, serverType) }

func serverSchema(context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
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
				PlanModifiers: []planmodifier.Int64{newMaxNetworkInterfacesOfFlavor()},
			},
			"source_dest_check": sourceDestCheckAttribute("server's primary network interface"),
			"tags":              tagsAttribute("server"),
			"tags_all":          tagsAllAttribute(),
		},
	}
}

// ValidateConfig checks that the flavor is of the server's kind.
func (r *serverResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config serverModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &config)...)
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

// planChecks applies the engine's rules at plan time: for a new server its
// subnet's zone, the requested address and the security groups; for a
// change, the resize against the NICs attached and the new groups.
func (r *serverResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil || req.Plan.Raw.IsNull() {
		return
	}
	var plan serverModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
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
			r.regionConflicts.addPlanRefusal(&resp.Diagnostics, serverType.errorPath(err), "Cannot create server", err)
		}
		return
	}
	var state serverModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
	if serverType.replaced(req.Plan.Raw, req.State.Raw) {
		return // replacement: the create half of the plan is checked on its own
	}
	if !plan.Flavor.IsUnknown() && !plan.Flavor.Equal(state.Flavor) {
		// Rules 6 and 15 against the NICs the plan leaves on the server;
		// the ledger records the resize for the attachments planned after.
		if err := r.engine.CheckPlannedResize(ctx, state.ID.ValueString(), plan.Flavor.ValueString(), r.ledger); err != nil {
			r.regionConflicts.addPlanRefusal(&resp.Diagnostics, path.Root("flavor"), "Cannot update server", err, orderAdvice(err, plannedResize))
		}
	}
	checkGroupChange(ctx, r.engine, r.regionConflicts, state.SubnetID, state.SecurityGroupIDs, plan.SecurityGroupIDs, "Cannot update server", &resp.Diagnostics)
	if !plan.SourceDestCheck.IsUnknown() && !plan.SourceDestCheck.Equal(state.SourceDestCheck) {
		// Rule 19 against the routes the plan leaves; the ledger records the
		// check for the routes and virtual IPs planned after.
		err := r.engine.CheckPlannedSourceDestCheck(ctx, state.PrimaryNetworkInterfaceID.ValueString(), plan.SourceDestCheck.ValueBool(), r.ledger)
		if err != nil {
			r.regionConflicts.addPlanRefusal(&resp.Diagnostics, path.Root("source_dest_check"), "Cannot update server", err)
		}
	}
}

func (r *serverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan serverModel, _ *diag.Diagnostics) (serverModel, error) {
		in, _ := serverInputOf(ctx, plan) // at apply, all it judges is known
		d, err := r.engine.CreateServer(ctx, in)
		logDone(ctx, err, "created server", map[string]any{
			"id": d.ID, "flavor": d.Flavor, "subnet_id": d.SubnetID, "primary_network_interface_id": d.PrimaryNetworkInterfaceID, "private_ip": d.PrivateIP,
		})
		return serverModelOf(d), err
	})
}

func (r *serverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetServer, func(d engine.ServerDetails, _ serverModel) serverModel { return serverModelOf(d) })
}

func (r *serverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state serverModel, diags *diag.Diagnostics) (serverModel, error) {
		u := engine.ServerUpdate{Tags: engineTags(plan.TagsAll)}
		if !plan.Name.Equal(state.Name) {
			name := plan.Name.ValueString()
			u.Name = &name
		}
		if !plan.Flavor.Equal(state.Flavor) {
			flavor := plan.Flavor.ValueString()
			u.Flavor = &flavor
		}
		if !plan.SecurityGroupIDs.IsUnknown() && !plan.SecurityGroupIDs.Equal(state.SecurityGroupIDs) {
			u.SecurityGroupIDs = stringsOf(ctx, plan.SecurityGroupIDs, diags)
		}
		if !plan.SourceDestCheck.Equal(state.SourceDestCheck) {
			u.SourceDestCheck = plan.SourceDestCheck.ValueBoolPointer()
		}
		if diags.HasError() {
			return plan, nil
		}
		d, err := r.engine.UpdateServer(ctx, state.ID.ValueString(), u)
		logDone(ctx, err, "updated server", map[string]any{"id": d.ID, "flavor": d.Flavor, "max_network_interfaces": d.MaxNetworkInterfaces})
		return serverModelOf(d), err
	})
}

func (r *serverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state serverModel, _ *diag.Diagnostics) error {
		id := state.ID.ValueString()
		if d, err := r.engine.GetServer(ctx, id); err == nil && len(d.NetworkInterfaceIDs) > 1 {
			tflog.Info(ctx, "deleting the server detaches its extension network interfaces, which become available", map[string]any{
				"id": id, "network_interface_ids": d.NetworkInterfaceIDs[1:],
			})
		}
		err := r.engine.DeleteServer(ctx, id)
		logDone(ctx, err, "deleted server", map[string]any{"id": id})
		return err
	})
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
		SourceDestCheck:           types.BoolValue(d.SourceDestCheck),
		resourceTags:              storedTags(d.Tags),
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
		SourceDestCheck:  plan.SourceDestCheck.ValueBoolPointer(),
		Tags:             engineTags(plan.TagsAll),
	}, true
}
