package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

const defaultVirtualIPTimeout = 5 * time.Minute

// virtualIPType is the eni_virtual_ip resource: a refusal naming no
// argument is about the interface it binds to.
var virtualIPType = &resourceType{name: "virtual_ip", what: "virtual IP", idPrefix: engine.PrefixVirtualIP, schema: virtualIPSchema,
	fallback: "network_interface_id"}

type virtualIPResource struct{ resourceBase }

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
	resourceTags
}

// NewVirtualIPResource is the constructor registered with the provider.
func NewVirtualIPResource() resource.Resource {
	return newResource(&virtualIPResource{}, virtualIPType)
}

func virtualIPSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A virtual IP: a private IPv4 address of a subnet that belongs to no network interface for good, bound to at most one " +
			"interface of its subnet at a time. Changing `network_interface_id` moves the address to the other interface in one engine " +
			"transaction: it ends on the new interface, or stays where it was. This is IP-level failover; moving a whole interface with " +
			"`eni_network_interface_attachment` is the NIC-level kind (see the failover guide).",
		Attributes: map[string]schema.Attribute{
			"id":        idAttribute("virtual IP"),
			"subnet_id": requiredIDAttribute("The subnet the address belongs to. Changing it replaces the virtual IP."),
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

// planChecks checks at plan time what creating, binding or moving the
// virtual IP would meet: the requested address (rule 8), the interface in
// the subnet (rule 5) and with room for one more private IP (rule 15),
// counting the other changes of the plan through the ledger.
func (r *virtualIPResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	var state *virtualIPModel
	if !req.State.Raw.IsNull() {
		state = &virtualIPModel{}
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy: the interface has room for another address
		if state != nil {
			r.ledger.PlanDestroy(state.ID.ValueString())
		}
		return
	}
	var plan virtualIPModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.SubnetID.IsUnknown() {
		return // a subnet this plan creates: the engine judges it all at apply
	}
	if state != nil {
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if virtualIPType.replaced(req.Plan.Raw, req.State.Raw) {
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
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, virtualIPType.errorPath(err), virtualIPSummary(state, plan, err), err)
	}
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
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan virtualIPModel, diags *diag.Diagnostics) (virtualIPModel, error) {
		ctx, cancel := virtualIPContext(ctx, plan.Timeouts.Create, plan, diags)
		defer cancel()
		if diags.HasError() {
			return plan, nil
		}
		v, err := r.engine.CreateVirtualIP(ctx, virtualIPInputOf(plan))
		if err != nil {
			return plan, refused(err, virtualIPSummary(nil, plan, err))
		}
		r.ledger.AppliedVirtualIPCreate(v)
		tflog.Debug(ctx, "created virtual IP", map[string]any{"id": v.ID, "ip_address": v.IPAddress, "network_interface_id": v.NetworkInterfaceID})
		return virtualIPModelOf(v, plan.Timeouts), nil
	})
}

func (r *virtualIPResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetVirtualIP, func(v engine.VirtualIP, prior virtualIPModel) virtualIPModel {
		return virtualIPModelOf(v, prior.Timeouts)
	})
}

func (r *virtualIPResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state virtualIPModel, diags *diag.Diagnostics) (virtualIPModel, error) {
		ctx, cancel := virtualIPContext(ctx, plan.Timeouts.Update, plan, diags)
		defer cancel()
		if diags.HasError() {
			return plan, nil
		}
		nic := plan.NetworkInterfaceID.ValueString()
		v, err := r.engine.UpdateVirtualIP(ctx, state.ID.ValueString(), engine.VirtualIPUpdate{NetworkInterfaceID: &nic, Tags: engineTags(plan.TagsAll)})
		logDone(ctx, err, "updated virtual IP", map[string]any{"id": v.ID, "from_network_interface_id": state.NetworkInterfaceID.ValueString(),
			"to_network_interface_id": v.NetworkInterfaceID})
		return virtualIPModelOf(v, plan.Timeouts), refused(err, virtualIPSummary(&state, plan, err))
	})
}

func (r *virtualIPResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state virtualIPModel, diags *diag.Diagnostics) error {
		ctx, cancel := virtualIPContext(ctx, state.Timeouts.Delete, state, diags)
		defer cancel()
		if diags.HasError() {
			return nil
		}
		err := r.engine.DeleteVirtualIP(ctx, state.ID.ValueString())
		logDone(ctx, err, "deleted virtual IP", map[string]any{"id": state.ID.ValueString()})
		return err
	})
}

// virtualIPContext bounds ctx by the timeout the configuration sets for the
// operation (timeout is one of m.Timeouts' Create, Update or Delete) and
// names the virtual IP's subnet and interface in its log lines. The caller
// defers cancel, and stops when diags has an error.
func virtualIPContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	m virtualIPModel, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return timedContext(ctx, timeout, defaultVirtualIPTimeout, diags, "subnet_id", m.SubnetID.ValueString(), "network_interface_id", m.NetworkInterfaceID.ValueString())
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
	return virtualIPModel{virtualIPAttributes: virtualIPAttributesOf(v), Timeouts: t, resourceTags: storedTags(v.Tags)}
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
