package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// networkACLAssociationType is the eni_network_acl_association resource:
// a refusal naming no argument is about the ACL it associates.
var networkACLAssociationType = &resourceType{name: "network_acl_association", what: "network ACL association",
	idPrefix: engine.PrefixNetworkACLAssociation, schema: networkACLAssociationSchema, fallback: "network_acl_id"}

// networkACLAssociationSummary is how a refused association or switch is
// summed up, at plan and at apply.
const networkACLAssociationSummary = "Cannot associate network ACL"

type networkACLAssociationResource struct{ resourceBase }

// NewNetworkACLAssociationResource is the constructor registered with the provider.
func NewNetworkACLAssociationResource() resource.Resource {
	return newResource(&networkACLAssociationResource{}, networkACLAssociationType)
}

type networkACLAssociationModel struct {
	ID           types.String `tfsdk:"id"`
	SubnetID     types.String `tfsdk:"subnet_id"`
	NetworkACLID types.String `tfsdk:"network_acl_id"`
}

func networkACLAssociationSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Associates a subnet with a network ACL of its VPC, which then filters the traffic entering and leaving the subnet. " +
			"A subnet has at most one network ACL; a subnet with none filters nothing. A network ACL with associated subnets cannot be deleted.",
		Attributes: map[string]schema.Attribute{
			"id":        idAttribute("association"),
			"subnet_id": requiredIDAttribute("The subnet to filter. Changing it replaces the association."),
			"network_acl_id": schema.StringAttribute{
				MarkdownDescription: "The network ACL, of the subnet's VPC. Updatable in place: changing it switches the subnet to the other ACL in one step, " +
					"so the subnet is never left unfiltered.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// planChecks checks at plan time what associating the subnet, or switching
// it to another ACL, would meet (rule 18), counting an association the plan
// destroys as gone.
func (r *networkACLAssociationResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	var state *networkACLAssociationModel
	if !req.State.Raw.IsNull() {
		state = &networkACLAssociationModel{}
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, state)...)
	}
	if req.Plan.Raw.IsNull() { // destroy: the subnet may take another association
		if state != nil {
			r.ledger.PlanDestroy(state.ID.ValueString())
		}
		return
	}
	var plan networkACLAssociationModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	p := engine.PlannedAssociation{SubnetID: plan.SubnetID.ValueString(), TargetID: plan.NetworkACLID.ValueString()}
	if state != nil {
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if networkACLAssociationType.replaced(req.Plan.Raw, req.State.Raw) {
			return // a replacement's new association is planned next, on its own
		}
		if plan.NetworkACLID.Equal(state.NetworkACLID) {
			return
		}
		p.ID = state.ID.ValueString()
	} else {
		// The association this one replaces goes first.
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	}
	if plan.SubnetID.IsUnknown() || plan.NetworkACLID.IsUnknown() {
		return // an object this plan creates: the engine judges it at apply
	}
	if err := r.engine.CheckPlannedNetworkACLAssociation(ctx, p, r.ledger); err != nil {
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, networkACLAssociationType.errorPath(err), networkACLAssociationSummary, err)
	}
}

func (r *networkACLAssociationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan networkACLAssociationModel, _ *diag.Diagnostics) (networkACLAssociationModel, error) {
		a, err := r.engine.AssociateNetworkACL(ctx, plan.SubnetID.ValueString(), plan.NetworkACLID.ValueString())
		logDone(ctx, err, "associated network ACL", map[string]any{"id": a.ID, "subnet_id": a.SubnetID, "network_acl_id": a.NetworkACLID})
		return networkACLAssociationModelOf(a), refused(err, networkACLAssociationSummary)
	})
}

func (r *networkACLAssociationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetNetworkACLAssociation,
		func(a engine.NetworkACLAssociation, _ networkACLAssociationModel) networkACLAssociationModel {
			return networkACLAssociationModelOf(a)
		})
}

func (r *networkACLAssociationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state networkACLAssociationModel, _ *diag.Diagnostics) (networkACLAssociationModel, error) {
		a, err := r.engine.ReplaceNetworkACLAssociation(ctx, state.ID.ValueString(), plan.NetworkACLID.ValueString())
		logDone(ctx, err, "switched network ACL", map[string]any{"id": a.ID, "subnet_id": a.SubnetID, "network_acl_id": a.NetworkACLID})
		return networkACLAssociationModelOf(a), refused(err, networkACLAssociationSummary)
	})
}

func (r *networkACLAssociationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state networkACLAssociationModel, _ *diag.Diagnostics) error {
		err := r.engine.DisassociateNetworkACL(ctx, state.ID.ValueString())
		logDone(ctx, err, "disassociated network ACL", map[string]any{"id": state.ID.ValueString()})
		return err
	})
}

func networkACLAssociationModelOf(a engine.NetworkACLAssociation) networkACLAssociationModel {
	return networkACLAssociationModel{
		ID:           types.StringValue(a.ID),
		SubnetID:     types.StringValue(a.SubnetID),
		NetworkACLID: types.StringValue(a.NetworkACLID),
	}
}
