package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

const defaultAttachmentTimeout = 5 * time.Minute

// networkInterfaceAttachmentType is the eni_network_interface_attachment
// resource: a refusal naming no argument is about the server.
var networkInterfaceAttachmentType = &resourceType{name: "network_interface_attachment", what: "network interface attachment",
	idPrefix: engine.PrefixNetworkInterface, schema: networkInterfaceAttachmentSchema, fallback: "server_id"}

type networkInterfaceAttachmentResource struct{ resourceBase }

type networkInterfaceAttachmentModel struct {
	ID                 types.String   `tfsdk:"id"`
	NetworkInterfaceID types.String   `tfsdk:"network_interface_id"`
	ServerID           types.String   `tfsdk:"server_id"`
	DeviceIndex        wholeNumber    `tfsdk:"device_index"`
	AttachmentID       types.String   `tfsdk:"attachment_id"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// NewNetworkInterfaceAttachmentResource is the constructor registered with the provider.
func NewNetworkInterfaceAttachmentResource() resource.Resource {
	return newResource(&networkInterfaceAttachmentResource{}, networkInterfaceAttachmentType)
}

// IdentitySchema names the interface: the attachment's ID is its ID.
func (r *networkInterfaceAttachmentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("attached network interface")
}

func networkInterfaceAttachmentSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Attaches an extension network interface to a server. Changing `server_id` moves the interface to the other " +
			"server in one engine transaction: it ends attached to the new server, or stays where it was. The interface keeps its " +
			"private IP, MAC address, security groups and EIP.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The attachment's ID, equal to the network interface's ID: an interface has at most one attachment.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"network_interface_id": schema.StringAttribute{
				MarkdownDescription: "The extension network interface to attach. A server's primary network interface cannot be attached elsewhere. Changing it replaces the attachment.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"server_id": schema.StringAttribute{
				MarkdownDescription: "The server to attach to. It must be in the interface's availability zone and VPC (and subnet, under `attachment_subnet_rule = \"same_subnet\"`) " +
					"and have a free slot under its flavor's limit. Updatable in place: changing it moves the interface.",
				Required: true,
			},
			"device_index": schema.Int64Attribute{
				MarkdownDescription: "The device index on the server, from 1 to the flavor's maximum NICs minus one (0 is the primary interface's). " +
					"Omit it to take the lowest free index. Updatable in place.",
				CustomType:    wholeNumberType{},
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.Between(1, int64(engine.MaxDeviceIndex()))},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown(), newKeepUnlessServerChanges()},
			},
			"attachment_id": schema.StringAttribute{
				MarkdownDescription: "The ID of this particular attachment (`eni-attach-…`); a new one is issued on every attach and move.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), newKeepUnlessServerChanges()},
			},
			"timeouts": positiveTimeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// planChecks checks at plan time every rule the attach or move would meet,
// counting the other attachments of the same plan, so a mistake stops the
// plan instead of failing halfway through an apply.
func (r *networkInterfaceAttachmentResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	var state *networkInterfaceAttachmentModel
	if !req.State.Raw.IsNull() {
		state = &networkInterfaceAttachmentModel{}
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy: the NIC's slot is free for later changes
		if state != nil {
			r.ledger.PlanDeparture(state.ServerID.ValueString(), state.NetworkInterfaceID.ValueString())
		}
		return
	}
	var plan networkInterfaceAttachmentModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.ServerID.IsUnknown() {
		return // a server this plan creates has room for what its flavor allows
	}
	p, changed := plannedAttachmentOf(plan, state, r.ledger)
	if !changed {
		return
	}
	ctx = tflog.SetField(ctx, "network_interface_id", p.NetworkInterfaceID)
	ctx = tflog.SetField(ctx, "server_id", p.ServerID)
	if err := r.engine.CheckPlannedAttachment(ctx, p, r.ledger); err != nil {
		tflog.Debug(ctx, "attachment refused at plan", map[string]any{"network_interface_id": p.NetworkInterfaceID, "server_id": p.ServerID, "error": err.Error()})
		summary := "Cannot attach network interface"
		if p.From != "" {
			summary = "Cannot move network interface"
		}
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, networkInterfaceAttachmentType.errorPath(err), summary, err, orderAdvice(err, plannedAttachment))
	}
}

// plannedAttachmentOf describes the change a plan makes, or reports that it
// makes none that the engine has to judge. A replaced attachment frees its
// old slot in the ledger.
func plannedAttachmentOf(plan networkInterfaceAttachmentModel, state *networkInterfaceAttachmentModel, ledger *engine.PlanLedger) (engine.PlannedAttachment, bool) {
	p := engine.PlannedAttachment{AttachInput: attachInputOf(plan), Creates: state == nil}
	if plan.NetworkInterfaceID.IsUnknown() {
		p.NetworkInterfaceID = "" // created by this plan
	}
	if state == nil {
		return p, true
	}
	if !state.NetworkInterfaceID.Equal(plan.NetworkInterfaceID) {
		ledger.PlanDeparture(state.ServerID.ValueString(), state.NetworkInterfaceID.ValueString())
		return p, true
	}
	p.From = state.ServerID.ValueString()
	sameIndex := plan.DeviceIndex.IsUnknown() || plan.DeviceIndex.Equal(state.DeviceIndex)
	return p, !(state.ServerID.Equal(plan.ServerID) && sameIndex)
}

func (r *networkInterfaceAttachmentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan networkInterfaceAttachmentModel, diags *diag.Diagnostics) (networkInterfaceAttachmentModel, error) {
		ctx, cancel := attachmentContext(ctx, plan.Timeouts.Create, plan, diags)
		defer cancel()
		if diags.HasError() {
			return plan, nil
		}
		n, err := r.engine.AttachNetworkInterface(ctx, attachInputOf(plan))
		logDone(ctx, err, "attached network interface", map[string]any{"network_interface_id": n.ID, "server_id": n.ServerID, "device_index": n.DeviceIndex})
		return attachmentModelOf(n, plan.Timeouts), refused(err, "Cannot attach network interface")
	})
}

func (r *networkInterfaceAttachmentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.getAttached, func(n engine.NetworkInterface, prior networkInterfaceAttachmentModel) networkInterfaceAttachmentModel {
		return attachmentModelOf(n, prior.Timeouts)
	})
}

// getAttached gets the attached NIC this resource manages: one detached
// outside Terraform is gone, and a primary NIC's attachment is refused.
func (r *networkInterfaceAttachmentResource) getAttached(ctx context.Context, id string) (engine.NetworkInterface, error) {
	n, err := r.engine.GetNetworkInterface(ctx, id)
	switch {
	case err != nil:
		return n, err
	case n.ServerID == "":
		return n, fmt.Errorf("network interface %s detached outside Terraform: %w", n.ID, errGone)
	case n.Primary:
		return n, refused(engine.CheckNotPrimary(n), "Cannot manage a primary network interface's attachment", primaryNICAdvice)
	}
	return n, nil
}

func (r *networkInterfaceAttachmentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state networkInterfaceAttachmentModel, diags *diag.Diagnostics) (networkInterfaceAttachmentModel, error) {
		ctx, cancel := attachmentContext(ctx, plan.Timeouts.Update, plan, diags)
		defer cancel()
		if diags.HasError() {
			return plan, nil
		}
		n, err := r.engine.MoveNetworkInterface(ctx, attachInputOf(plan))
		logDone(ctx, err, "moved network interface", map[string]any{"network_interface_id": n.ID, "from_server_id": state.ServerID.ValueString(),
			"to_server_id": n.ServerID, "device_index": n.DeviceIndex})
		return attachmentModelOf(n, plan.Timeouts), refused(err, "Cannot move network interface")
	})
}

func (r *networkInterfaceAttachmentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state networkInterfaceAttachmentModel, diags *diag.Diagnostics) error {
		ctx, cancel := attachmentContext(ctx, state.Timeouts.Delete, state, diags)
		defer cancel()
		if diags.HasError() {
			return nil
		}
		_, err := r.engine.DetachNetworkInterface(ctx, state.ID.ValueString())
		if isAlreadyDetached(err) {
			return nil // detached already
		}
		return refused(err, "Cannot detach network interface")
	})
}

func (r *networkInterfaceAttachmentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if id, ok := importByID(ctx, engine.PrefixNetworkInterface, req, resp); ok {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("network_interface_id"), id)...)
	}
}

// attachmentContext bounds ctx by the timeout the configuration sets for
// the operation (timeout is one of m.Timeouts' Create, Update or Delete)
// and names the attachment's interface and server in its log lines. The
// caller defers cancel, and stops when diags has an error.
func attachmentContext(ctx context.Context, timeout func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	m networkInterfaceAttachmentModel, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	return timedContext(ctx, timeout, defaultAttachmentTimeout, diags, "network_interface_id", m.NetworkInterfaceID.ValueString(), "server_id", m.ServerID.ValueString())
}

func attachInputOf(m networkInterfaceAttachmentModel) engine.AttachInput {
	in := engine.AttachInput{NetworkInterfaceID: m.NetworkInterfaceID.ValueString(), ServerID: m.ServerID.ValueString()}
	if !m.DeviceIndex.IsNull() && !m.DeviceIndex.IsUnknown() {
		i := int(m.DeviceIndex.ValueInt64())
		in.DeviceIndex = &i
	}
	return in
}

func attachmentModelOf(n engine.NetworkInterface, t timeouts.Value) networkInterfaceAttachmentModel {
	return networkInterfaceAttachmentModel{
		ID:                 types.StringValue(n.ID),
		NetworkInterfaceID: types.StringValue(n.ID),
		ServerID:           types.StringValue(n.ServerID),
		DeviceIndex:        wholeNumberOf(types.Int64Value(int64(n.DeviceIndex))),
		AttachmentID:       types.StringValue(n.AttachmentID),
		Timeouts:           t,
	}
}
