package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

var (
	_ resource.ResourceWithConfigure   = &networkInterfaceResource{}
	_ resource.ResourceWithImportState = &networkInterfaceResource{}
	_ resource.ResourceWithModifyPlan  = &networkInterfaceResource{}
)

type networkInterfaceResource struct {
	engine *engine.Engine
}

// networkInterfaceModel is shared by the eni_network_interface resource and
// data source, which expose the same attributes.
type networkInterfaceModel struct {
	ID               types.String `tfsdk:"id"`
	SubnetID         types.String `tfsdk:"subnet_id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	PrivateIP        types.String `tfsdk:"private_ip"`
	SecurityGroupIDs types.Set    `tfsdk:"security_group_ids"`
	VPCID            types.String `tfsdk:"vpc_id"`
	AvailabilityZone types.String `tfsdk:"availability_zone"`
	MACAddress       types.String `tfsdk:"mac_address"`
	Status           types.String `tfsdk:"status"`
	ServerID         types.String `tfsdk:"server_id"`
	DeviceIndex      types.Int64  `tfsdk:"device_index"`
}

// NewNetworkInterfaceResource is the constructor registered with the provider.
func NewNetworkInterfaceResource() resource.Resource { return &networkInterfaceResource{} }

func (r *networkInterfaceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_network_interface"
}

func (r *networkInterfaceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An extension elastic network interface. It is created `available` in a subnet (its VPC and zone follow) " +
			"with a private IP and a unique MAC address, and keeps them, its security groups and its EIP across attach, detach and moves " +
			"between servers. Attach it with `eni_network_interface_attachment`. A server's primary NIC belongs to its `eni_server` " +
			"and cannot be managed (or imported) here.",
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("network interface"),
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "The subnet the network interface is created in; its VPC and availability zone follow. Changing it replaces the network interface.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name":        nameAttribute("network interface"),
			"description": descriptionAttribute(),
			"private_ip": schema.StringAttribute{
				MarkdownDescription: "The private IPv4 address. It must be inside the subnet and neither its network, gateway nor broadcast " +
					"address, nor held by another network interface; omit it to have the next free address allocated. Changing it replaces the network interface.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{ipv4Validator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"security_group_ids": securityGroupIDsAttribute("network interface"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The VPC of the subnet.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"availability_zone": schema.StringAttribute{
				MarkdownDescription: "The availability zone of the subnet; the network interface attaches only to servers of this zone.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"mac_address": schema.StringAttribute{
				MarkdownDescription: "The MAC address, unique in the region and kept for the network interface's whole life.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			// status, server_id and device_index follow attachments made by
			// eni_network_interface_attachment, so they are refreshed by Read
			// and left unknown whenever this resource itself changes.
			"status": schema.StringAttribute{
				MarkdownDescription: "`" + engine.StatusAvailable + "` while detached, `" + engine.StatusInUse + "` while attached to a server.",
				Computed:            true,
			},
			"server_id": schema.StringAttribute{
				MarkdownDescription: "The server the network interface is attached to; null while it is available.",
				Computed:            true,
			},
			"device_index": schema.Int64Attribute{
				MarkdownDescription: "The device index on the server it is attached to; null while it is available.",
				Computed:            true,
			},
		},
	}
}

func (r *networkInterfaceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.engine = engineFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan applies the engine's rules for the subnet, the requested address
// and the security groups at plan time, so a bad value fails the plan on its
// attribute instead of the apply.
func (r *networkInterfaceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil || req.Plan.Raw.IsNull() {
		return
	}
	var plan networkInterfaceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		in, ok := networkInterfaceInputOf(ctx, plan)
		if !ok {
			return // something is known only after apply; the engine checks again then
		}
		err := r.engine.CheckNetworkInterface(ctx, in)
		if heldByReplaced(ctx, r.engine, err, in.SubnetID, in.PrivateIP, replacedHolder(ctx, req.Private, &resp.Diagnostics)) {
			in.PrivateIP = ""
			err = r.engine.CheckNetworkInterface(ctx, in)
		}
		if err != nil {
			addEngineError(&resp.Diagnostics, networkInterfaceErrorPath(err, path.Empty()), "Cannot create network interface", err)
		}
		return
	}
	var state networkInterfaceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
	if !plan.SubnetID.Equal(state.SubnetID) || !plan.PrivateIP.Equal(state.PrivateIP) {
		return // replacement: the create half of the plan is checked on its own
	}
	checkGroupChange(ctx, r.engine, state.SubnetID, state.SecurityGroupIDs, plan.SecurityGroupIDs, "Cannot update network interface", &resp.Diagnostics)
}

// checkGroupChange applies rule 10 at plan time to new security groups for
// a NIC (or a server's primary NIC) in subnetID.
func checkGroupChange(ctx context.Context, eng *engine.Engine, subnetID types.String, current, planned types.Set, summary string, diags *diag.Diagnostics) {
	groups, ok := knownStrings(ctx, planned)
	if !ok || planned.Equal(current) {
		return
	}
	err := eng.CheckNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnetID.ValueString(), SecurityGroupIDs: groups})
	if err != nil {
		addEngineError(diags, networkInterfaceErrorPath(err, path.Root("security_group_ids")), summary, err)
	}
}

func (r *networkInterfaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan networkInterfaceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := engine.NetworkInterfaceInput{
		SubnetID:         plan.SubnetID.ValueString(),
		Name:             plan.Name.ValueString(),
		Description:      plan.Description.ValueString(),
		PrivateIP:        plan.PrivateIP.ValueString(),
		SecurityGroupIDs: optionalStrings(ctx, plan.SecurityGroupIDs, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	n, err := r.engine.CreateNetworkInterface(ctx, in)
	if err != nil {
		addEngineError(&resp.Diagnostics, networkInterfaceErrorPath(err, path.Empty()), "Cannot create network interface", err)
		return
	}
	tflog.Debug(ctx, "created network interface", map[string]any{"id": n.ID, "subnet_id": n.SubnetID, "private_ip": n.PrivateIP, "mac_address": n.MACAddress})
	resp.Diagnostics.Append(setState(ctx, &resp.State, networkInterfaceModelOf(n))...)
}

func (r *networkInterfaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state networkInterfaceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	n, err := r.engine.GetNetworkInterface(ctx, state.ID.ValueString())
	if removedOutsideTerraform(ctx, err, resp) {
		return
	}
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot read network interface", err)
		return
	}
	if n.Primary {
		// Only an import can point this resource at a primary NIC.
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot manage a primary network interface", engine.CheckNotPrimary(n), primaryNICAdvice)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, networkInterfaceModelOf(n))...)
}

func (r *networkInterfaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state networkInterfaceModel
	resp.Diagnostics.Append(getPlan(ctx, req.Plan, &plan)...)
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name, description := plan.Name.ValueString(), plan.Description.ValueString()
	u := engine.NetworkInterfaceUpdate{Name: &name, Description: &description}
	if !plan.SecurityGroupIDs.IsUnknown() && !plan.SecurityGroupIDs.Equal(state.SecurityGroupIDs) {
		u.SecurityGroupIDs = stringsOf(ctx, plan.SecurityGroupIDs, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	n, err := r.engine.UpdateNetworkInterface(ctx, state.ID.ValueString(), u)
	if err != nil {
		addEngineError(&resp.Diagnostics, networkInterfaceErrorPath(err, path.Empty()), "Cannot update network interface", err)
		return
	}
	tflog.Debug(ctx, "updated network interface", map[string]any{"id": n.ID, "security_group_ids": n.SecurityGroupIDs})
	clearReplaceable(ctx, resp.Private, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, networkInterfaceModelOf(n))...)
}

func (r *networkInterfaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state networkInterfaceModel
	resp.Diagnostics.Append(getState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	err := r.engine.DeleteNetworkInterface(ctx, state.ID.ValueString())
	if err != nil && !engine.IsNotFound(err) {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot delete network interface", err)
		return
	}
	tflog.Debug(ctx, "deleted network interface", map[string]any{"id": state.ID.ValueString()})
}

// ImportState refuses a primary NIC: it belongs to its eni_server.
func (r *networkInterfaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if r.engine != nil {
		n, err := r.engine.GetNetworkInterface(ctx, req.ID)
		if err == nil && n.Primary {
			addEngineError(&resp.Diagnostics, path.Empty(), "Cannot import network interface", engine.CheckNotPrimary(n), primaryNICAdvice)
			return
		}
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// primaryNICAdvice says where a primary NIC is managed in Terraform.
const primaryNICAdvice = "It is managed by its server's eni_server resource (primary_network_interface_id, private_ip and security_group_ids); " +
	"read it with the eni_network_interface data source."

func networkInterfaceModelOf(n engine.NetworkInterface) networkInterfaceModel {
	m := networkInterfaceModel{
		ID:               types.StringValue(n.ID),
		SubnetID:         types.StringValue(n.SubnetID),
		Name:             types.StringValue(n.Name),
		Description:      types.StringValue(n.Description),
		PrivateIP:        types.StringValue(n.PrivateIP),
		SecurityGroupIDs: stringSetValue(n.SecurityGroupIDs),
		VPCID:            types.StringValue(n.VPCID),
		AvailabilityZone: types.StringValue(n.AvailabilityZone),
		MACAddress:       types.StringValue(n.MACAddress),
		Status:           types.StringValue(n.Status()),
		ServerID:         types.StringNull(),
		DeviceIndex:      types.Int64Null(),
	}
	if n.ServerID != "" {
		m.ServerID = types.StringValue(n.ServerID)
		m.DeviceIndex = types.Int64Value(int64(n.DeviceIndex))
	}
	return m
}

// networkInterfaceInputOf builds the engine input of a planned NIC; ok is
// false while any value the engine would judge is still unknown.
func networkInterfaceInputOf(ctx context.Context, plan networkInterfaceModel) (engine.NetworkInterfaceInput, bool) {
	if plan.SubnetID.IsUnknown() {
		return engine.NetworkInterfaceInput{}, false
	}
	groups, ok := knownStrings(ctx, plan.SecurityGroupIDs)
	if !ok && !plan.SecurityGroupIDs.IsUnknown() {
		return engine.NetworkInterfaceInput{}, false // some group IDs are still unknown
	}
	return engine.NetworkInterfaceInput{
		SubnetID:         plan.SubnetID.ValueString(),
		Name:             plan.Name.ValueString(),
		Description:      plan.Description.ValueString(),
		PrivateIP:        plan.PrivateIP.ValueString(), // unknown: allocated at apply, nothing to check
		SecurityGroupIDs: groups,
	}, true
}

// Security groups, shared by eni_network_interface and eni_server (whose
// groups are its primary NIC's).

func securityGroupIDsAttribute(what string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: fmt.Sprintf("The IDs of the security groups of the %s: 0 to %d groups of its own VPC. "+
			"Updatable in place. Omitted, it keeps whatever groups the %s has (none at creation).", what, engine.MaxSecurityGroups, what),
		ElementType: types.StringType,
		Optional:    true,
		Computed:    true,
		Validators: []validator.Set{
			securityGroupCountValidator{},
			setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
		},
		PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
	}
}

// securityGroupCountValidator refuses more groups than a NIC takes with the
// engine's own code, before anything is planned.
type securityGroupCountValidator struct{}

var _ validator.Set = securityGroupCountValidator{}

func (securityGroupCountValidator) Description(context.Context) string {
	return fmt.Sprintf("at most %d security groups", engine.MaxSecurityGroups)
}

func (v securityGroupCountValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (securityGroupCountValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := engine.CheckSecurityGroupCount(len(req.ConfigValue.Elements())); err != nil {
		addEngineError(&resp.Diagnostics, req.Path, "Too many security groups", err)
	}
}

// knownStrings returns the elements of a set whose every element is known;
// ok is false for an unknown set or element. A null set gives nil, true.
func knownStrings(ctx context.Context, set types.Set) ([]string, bool) {
	if set.IsNull() {
		return nil, true
	}
	if set.IsUnknown() {
		return nil, false
	}
	for _, e := range set.Elements() {
		if e.IsUnknown() {
			return nil, false
		}
	}
	var diags diag.Diagnostics
	out := stringsOf(ctx, set, &diags)
	return out, !diags.HasError()
}

// optionalStrings converts a planned set for a create: unknown or null means
// "none asked for".
func optionalStrings(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	if set.IsUnknown() || set.IsNull() {
		return nil
	}
	return stringsOf(ctx, set, diags)
}

// networkInterfaceArguments are the arguments an engine refusal about a NIC
// may name (engine.Error.Field).
var networkInterfaceArguments = []string{"subnet_id", "name", "description", "private_ip", "security_group_ids"}

// networkInterfaceErrorPath puts an engine refusal on the argument the
// engine names, or on fallback when it names none of this resource's.
func networkInterfaceErrorPath(err error, fallback path.Path) path.Path {
	return argumentPath(err, networkInterfaceArguments, fallback)
}

// Replacement bookkeeping. When Terraform replaces a NIC or server it plans
// the new object a second time with no prior state but with the private
// data of the first plan; the marker set here lets that second plan know
// that an address it finds taken is held by the object being replaced, which
// is destroyed before the new one is created.

const replacesKey = "replaces"

func markReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, holderID string, diags *diag.Diagnostics) {
	if private == nil || holderID == "" {
		return
	}
	b, _ := json.Marshal(holderID)
	diags.Append(private.SetKey(ctx, replacesKey, b)...)
}

func clearReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	diags.Append(private.SetKey(ctx, replacesKey, nil)...)
}

func replacedHolder(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics) string {
	if private == nil {
		return ""
	}
	b, d := private.GetKey(ctx, replacesKey)
	diags.Append(d...)
	var id string
	if len(b) > 0 && json.Unmarshal(b, &id) != nil {
		return ""
	}
	return id
}

// heldByReplaced reports whether err only says that ip is taken by the NIC
// the plan replaces.
func heldByReplaced(ctx context.Context, eng *engine.Engine, err error, subnetID, ip, replaced string) bool {
	if replaced == "" || ip == "" || engine.CodeOf(err) != engine.CodeIPAddressInUse {
		return false
	}
	holder, ferr := eng.FindNetworkInterfaceByIP(ctx, subnetID, ip)
	return ferr == nil && holder.ID == replaced
}
