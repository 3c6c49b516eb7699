package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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

// networkInterfaceType is the eni_network_interface resource.
var networkInterfaceType = &resourceType{name: "network_interface", what: "network interface", idPrefix: engine.PrefixNetworkInterface, schema: networkInterfaceSchema}

type networkInterfaceResource struct{ resourceBase }

// networkInterfaceModel is shared by the eni_network_interface resource and
// data source, which expose the same attributes.
type networkInterfaceModel struct {
	ID               types.String `tfsdk:"id"`
	SubnetID         types.String `tfsdk:"subnet_id"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	PrivateIP        types.String `tfsdk:"private_ip"`
	SecurityGroupIDs types.Set    `tfsdk:"security_group_ids"`
	// The secondary and IPv6 addresses are each asked for by a set or a
	// count (network_interface_addresses.go).
	SecondaryPrivateIPs     types.Set    `tfsdk:"secondary_private_ips"`
	SecondaryPrivateIPCount wholeNumber  `tfsdk:"secondary_private_ip_count"`
	SourceDestCheck         types.Bool   `tfsdk:"source_dest_check"`
	IPv6Addresses           types.Set    `tfsdk:"ipv6_addresses"`
	IPv6AddressCount        wholeNumber  `tfsdk:"ipv6_address_count"`
	VPCID                   types.String `tfsdk:"vpc_id"`
	AvailabilityZone        types.String `tfsdk:"availability_zone"`
	MACAddress              types.String `tfsdk:"mac_address"`
	Status                  types.String `tfsdk:"status"`
	ServerID                types.String `tfsdk:"server_id"`
	DeviceIndex             types.Int64  `tfsdk:"device_index"`
	resourceTags
}

// NewNetworkInterfaceResource is the constructor registered with the provider.
func NewNetworkInterfaceResource() resource.Resource {
	return newResource(&networkInterfaceResource{}, networkInterfaceType)
}

func networkInterfaceSchema(context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	secondaryIPs, secondaryIPCount := addressPairAttributes("secondary_private_ips", "secondary_private_ip_count", false)
	ipv6Addresses, ipv6AddressCount := addressPairAttributes("ipv6_addresses", "ipv6_address_count", true)
	return schema.Schema{
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
			"security_group_ids":         securityGroupIDsAttribute("network interface"),
			"secondary_private_ips":      secondaryIPs,
			"secondary_private_ip_count": secondaryIPCount,
			"source_dest_check":          sourceDestCheckAttribute("network interface"),
			"ipv6_addresses":             ipv6Addresses,
			"ipv6_address_count":         ipv6AddressCount,
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
			"tags":     tagsAttribute("network interface"),
			"tags_all": tagsAllAttribute(),
		},
	}
}

// ValidateConfig refuses both halves of an address pair set together, and
// the primary IP among the secondary ones.
func (r *networkInterfaceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config networkInterfaceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	frameworkfix.CheckConflictingPair(&resp.Diagnostics, config.SecondaryPrivateIPs, config.SecondaryPrivateIPCount, "secondary_private_ips", "secondary_private_ip_count")
	frameworkfix.CheckConflictingPair(&resp.Diagnostics, config.IPv6Addresses, config.IPv6AddressCount, "ipv6_addresses", "ipv6_address_count")
	checkSecondaryIPsConfig(ctx, &resp.Diagnostics, config.PrivateIP, config.SecondaryPrivateIPs)
}

// planChecks applies the engine's rules for the subnet, the requested address
// and the security groups at plan time, so a bad value fails the plan on its
// attribute instead of the apply.
func (r *networkInterfaceResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	if req.Plan.Raw.IsNull() {
		r.planDelete(ctx, req, resp)
		return
	}
	var plan networkInterfaceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		in, ok := networkInterfaceInputOf(ctx, plan)
		if !ok {
			return // something is known only after apply; the engine checks again then
		}
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
		err := r.engine.CheckPlannedNetworkInterface(ctx, engine.PlannedNetworkInterface{NetworkInterfaceInput: in}, r.ledger)
		if err != nil {
			r.regionConflicts.addPlanRefusal(&resp.Diagnostics, networkInterfacePlanErrorPath(err, plan), "Cannot create network interface", err)
		}
		return
	}
	var state networkInterfaceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
	if networkInterfaceType.replaced(req.Plan.Raw, req.State.Raw) {
		return // replacement: the create half of the plan is checked on its own
	}
	checkGroupChange(ctx, r.engine, r.regionConflicts, state.SubnetID, state.SecurityGroupIDs, plan.SecurityGroupIDs, "Cannot update network interface", &resp.Diagnostics)
	r.checkAddressChanges(ctx, plan, state, &resp.Diagnostics)
}

// checkAddressChanges applies at plan the rules a change of secondary or
// IPv6 addresses or of the source/destination check meets (rule 8 on each
// named address, IPv6 in the subnet, rule 15 on the server the plan leaves
// the NIC on, rule 19 on a check turned on under a route) and records the
// secondary IPs and the check in the ledger for the attachments, resizes,
// routes and virtual IPs planned after.
func (r *networkInterfaceResource) checkAddressChanges(ctx context.Context, plan, state networkInterfaceModel, diags *diag.Diagnostics) {
	secondary, ok := addressChangeOf(ctx, plan.SecondaryPrivateIPs, state.SecondaryPrivateIPs, plan.SecondaryPrivateIPCount, state.SecondaryPrivateIPCount)
	ipv6, ok6 := addressChangeOf(ctx, plan.IPv6Addresses, state.IPv6Addresses, plan.IPv6AddressCount, state.IPv6AddressCount)
	var check *bool
	if !plan.SourceDestCheck.IsUnknown() && !plan.SourceDestCheck.Equal(state.SourceDestCheck) {
		check = plan.SourceDestCheck.ValueBoolPointer()
	}
	if !ok || !ok6 {
		if check != nil { // the addresses are judged at apply; the routes planned after still see the check
			r.ledger.PlanSourceDestCheck(state.ID.ValueString(), *check)
		}
		return
	}
	if secondary == nil && ipv6 == nil && check == nil {
		return // unchanged
	}
	p := engine.PlannedNetworkInterface{ID: state.ID.ValueString(), NetworkInterfaceInput: engine.NetworkInterfaceInput{
		SubnetID:            state.SubnetID.ValueString(),
		PrivateIP:           state.PrivateIP.ValueString(),
		SecondaryPrivateIPs: keptUnlessChanged(ctx, secondary, state.SecondaryPrivateIPs),
		IPv6Addresses:       keptUnlessChanged(ctx, ipv6, state.IPv6Addresses),
		SourceDestCheck:     check,
	}}
	if err := r.engine.CheckPlannedNetworkInterface(ctx, p, r.ledger); err != nil {
		r.regionConflicts.addPlanRefusal(diags, networkInterfacePlanErrorPath(err, plan), "Cannot update network interface", err)
	}
}

// keptUnlessChanged is the request of a change, or one keeping exactly the
// addresses held when there is none.
func keptUnlessChanged(ctx context.Context, change *engine.AddressRequest, held types.Set) engine.AddressRequest {
	if change != nil {
		return *change
	}
	addrs, _ := knownStrings(ctx, held)
	return engine.AddressRequest{Addresses: nonNilStrings(addrs)}
}
func (r *networkInterfaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan networkInterfaceModel, _ *diag.Diagnostics) (networkInterfaceModel, error) {
		in, _ := networkInterfaceInputOf(ctx, plan) // at apply, all it judges is known
		n, err := r.engine.CreateNetworkInterface(ctx, in)
		logDone(ctx, err, "created network interface", map[string]any{"id": n.ID, "subnet_id": n.SubnetID, "private_ip": n.PrivateIP, "mac_address": n.MACAddress})
		return networkInterfaceModelOf(n), refusedOn(err, networkInterfacePlanErrorPath(err, plan))
	})
}

func (r *networkInterfaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.getExtension, func(n engine.NetworkInterface, _ networkInterfaceModel) networkInterfaceModel {
		return networkInterfaceModelOf(n)
	})
}

// getExtension gets a NIC this resource may manage: only an import can
// point it at a primary NIC, which is refused.
func (r *networkInterfaceResource) getExtension(ctx context.Context, id string) (engine.NetworkInterface, error) {
	n, err := r.engine.GetNetworkInterface(ctx, id)
	if err == nil && n.Primary {
		err = refused(engine.CheckNotPrimary(n), "Cannot manage a primary network interface", primaryNICAdvice)
	}
	return n, err
}

func (r *networkInterfaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state networkInterfaceModel, diags *diag.Diagnostics) (networkInterfaceModel, error) {
		name, description := plan.Name.ValueString(), plan.Description.ValueString()
		u := engine.NetworkInterfaceUpdate{Name: &name, Description: &description, Tags: engineTags(plan.TagsAll)}
		if !plan.SecurityGroupIDs.IsUnknown() && !plan.SecurityGroupIDs.Equal(state.SecurityGroupIDs) {
			u.SecurityGroupIDs = stringsOf(ctx, plan.SecurityGroupIDs, diags)
		}
		if !plan.SourceDestCheck.Equal(state.SourceDestCheck) {
			check := plan.SourceDestCheck.ValueBool()
			u.SourceDestCheck = &check
		}
		u.SecondaryPrivateIPs, _ = addressChangeOf(ctx, plan.SecondaryPrivateIPs, state.SecondaryPrivateIPs, plan.SecondaryPrivateIPCount, state.SecondaryPrivateIPCount)
		u.IPv6Addresses, _ = addressChangeOf(ctx, plan.IPv6Addresses, state.IPv6Addresses, plan.IPv6AddressCount, state.IPv6AddressCount)
		if diags.HasError() {
			return plan, nil
		}
		n, err := r.engine.UpdateNetworkInterface(ctx, state.ID.ValueString(), u)
		logDone(ctx, err, "updated network interface", map[string]any{"id": n.ID, "security_group_ids": n.SecurityGroupIDs})
		return networkInterfaceModelOf(n), refusedOn(err, networkInterfacePlanErrorPath(err, plan))
	})
}

func (r *networkInterfaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state networkInterfaceModel, diags *diag.Diagnostics) error {
		departures := plannedDepartures(ctx, req.Private, diags)
		err := r.engine.DeleteNetworkInterfaceMovingVirtualIPs(ctx, state.ID.ValueString(), departures)
		logDone(ctx, err, "deleted network interface", map[string]any{"id": state.ID.ValueString()})
		return refused(err, "Cannot delete network interface", unmovedVirtualIPAdvice(err, departures))
	})
}

// ImportState refuses a primary NIC: it belongs to its eni_server.
func (r *networkInterfaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, ok := importByID(ctx, engine.PrefixNetworkInterface, req, resp)
	if !ok || r.engine == nil {
		return
	}
	if n, err := r.engine.GetNetworkInterface(ctx, id); err == nil && n.Primary {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot import network interface", engine.CheckNotPrimary(n), primaryNICAdvice)
	}
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
		// Both of each pair are always read back, whichever the config sets,
		// so that an import or a refresh leaves nothing to plan.
		SecondaryPrivateIPs:     stringSetValue(n.SecondaryPrivateIPs),
		SecondaryPrivateIPCount: wholeNumberOf(types.Int64Value(int64(len(n.SecondaryPrivateIPs)))),
		SourceDestCheck:         types.BoolValue(n.SourceDestCheck),
		IPv6Addresses:           stringSetValue(n.IPv6Addresses),
		IPv6AddressCount:        wholeNumberOf(types.Int64Value(int64(len(n.IPv6Addresses)))),
		VPCID:                   types.StringValue(n.VPCID),
		AvailabilityZone:        types.StringValue(n.AvailabilityZone),
		MACAddress:              types.StringValue(n.MACAddress),
		Status:                  types.StringValue(n.Status()),
		ServerID:                types.StringNull(),
		DeviceIndex:             types.Int64Null(),
		resourceTags:            storedTags(n.Tags),
	}
	if n.ServerID != "" {
		m.ServerID = types.StringValue(n.ServerID)
		m.DeviceIndex = types.Int64Value(int64(n.DeviceIndex))
	}
	return m
}

// networkInterfaceInputOf builds the engine input of a planned NIC, for the
// plan-time check and for Create; ok is false while any value the engine
// would judge is still unknown, which it never is at apply.
func networkInterfaceInputOf(ctx context.Context, plan networkInterfaceModel) (engine.NetworkInterfaceInput, bool) {
	if plan.SubnetID.IsUnknown() {
		return engine.NetworkInterfaceInput{}, false
	}
	groups, ok := knownStrings(ctx, plan.SecurityGroupIDs)
	if !ok && !plan.SecurityGroupIDs.IsUnknown() {
		return engine.NetworkInterfaceInput{}, false // some group IDs are still unknown
	}
	secondary, ok := addressRequestOf(ctx, plan.SecondaryPrivateIPs, plan.SecondaryPrivateIPCount)
	if !ok {
		return engine.NetworkInterfaceInput{}, false
	}
	ipv6, ok := addressRequestOf(ctx, plan.IPv6Addresses, plan.IPv6AddressCount)
	if !ok {
		return engine.NetworkInterfaceInput{}, false
	}
	in := engine.NetworkInterfaceInput{
		SubnetID:            plan.SubnetID.ValueString(),
		Name:                plan.Name.ValueString(),
		Description:         plan.Description.ValueString(),
		PrivateIP:           plan.PrivateIP.ValueString(), // unknown: the engine allocates one at apply
		SecurityGroupIDs:    groups,
		SecondaryPrivateIPs: secondary,
		IPv6Addresses:       ipv6,
		Tags:                engineTags(plan.TagsAll),
	}
	if !plan.SourceDestCheck.IsUnknown() {
		check := plan.SourceDestCheck.ValueBool()
		in.SourceDestCheck = &check
	}
	return in, true
}

// networkInterfaceErrorPath puts an engine refusal on the argument the
// engine names, or on fallback when it names none of this resource's.
func networkInterfaceErrorPath(err error, fallback path.Path) path.Path {
	return argumentPath(err, networkInterfaceType.derive().arguments, fallback)
}

// networkInterfacePlanErrorPath is networkInterfaceErrorPath for a planned
// NIC, on the count rather than the set when the user asked by count (the
// set is then unknown): the engine names the set for some refusals of
// either form.
func networkInterfacePlanErrorPath(err error, plan networkInterfaceModel) path.Path {
	p := networkInterfaceErrorPath(err, path.Empty())
	switch {
	case p.Equal(path.Root("secondary_private_ips")) && plan.SecondaryPrivateIPs.IsUnknown():
		return path.Root("secondary_private_ip_count")
	case p.Equal(path.Root("ipv6_addresses")) && plan.IPv6Addresses.IsUnknown():
		return path.Root("ipv6_address_count")
	}
	return p
}
