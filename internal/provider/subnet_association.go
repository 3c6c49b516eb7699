package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// A route table association and a network ACL association are one resource
// over two kinds of target: a subnet associated with one target of its VPC
// (rule 18). Changing subnet_id replaces the association; changing the
// target switches the subnet in place, in one engine transaction, so the
// subnet is never without one. Each resource file declares its model and
// a subnetAssociationKind; the code here serves both.

// subnetAssociationKind is what differs between the association resources:
// the resource's name and ID prefix, the target's attribute and name, the
// descriptions of its schema, and the engine's kind of association.
type subnetAssociationKind struct {
	typ      *resourceType // made from the rest by newSubnetAssociationKind
	name     string        // after the provider's name: "route_table_association"
	idPrefix string        // of the association's IDs
	target   string        // the target's attribute: "route_table_id"
	what     string        // the target in messages: "route table"

	// description, subnet and targetDescription describe the resource,
	// its subnet_id and its target in the schema.
	description, subnet, targetDescription string

	kind engine.AssociationKind
}

// associationFields are the fields of an association's model, whatever its
// target's attribute is called.
type associationFields struct {
	ID       types.String
	SubnetID types.String
	TargetID types.String
}

// associationModel is the model of an association resource: the fields of
// associationFields, in their order, the target's tag its kind's. Each
// converts to and from associationFields.
type associationModel interface {
	routeTableAssociationModel | networkACLAssociationModel
}

// subnetAssociationResource is an association resource of model M.
type subnetAssociationResource[M associationModel] struct {
	resourceBase
	kind *subnetAssociationKind
}

// newSubnetAssociationKind completes k with its resourceType: the
// association is called after its target, and a refusal naming no
// argument is about the target.
func newSubnetAssociationKind(k *subnetAssociationKind) *subnetAssociationKind {
	k.typ = &resourceType{name: k.name, what: k.what + " association", idPrefix: k.idPrefix,
		schema: k.schema, fallback: k.target}
	return k
}

// newSubnetAssociationResource is the constructor of the association
// resource of kind k.
func newSubnetAssociationResource[M associationModel](k *subnetAssociationKind) resource.Resource {
	return newResource(&subnetAssociationResource[M]{kind: k}, k.typ)
}

// schema is the schema of an association: its ID, the subnet, which
// replaces it, and the target, which switches in place.
func (k *subnetAssociationKind) schema(context.Context) schema.Schema {
	id := idAttribute("association")
	id.MarkdownDescription = "The association's ID (`" + k.idPrefix + "…`)."
	return schema.Schema{
		MarkdownDescription: k.description,
		Attributes: map[string]schema.Attribute{
			"id":        id,
			"subnet_id": requiredIDAttribute(k.subnet),
			k.target: schema.StringAttribute{
				MarkdownDescription: k.targetDescription,
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (r *subnetAssociationResource[M]) modelOf(a engine.SubnetAssociation) M {
	return M(associationFields{ID: types.StringValue(a.ID), SubnetID: types.StringValue(a.SubnetID), TargetID: types.StringValue(a.TargetID)})
}

// logFields names an association in log lines.
func (r *subnetAssociationResource[M]) logFields(f associationFields) map[string]any {
	return map[string]any{"id": f.ID.ValueString(), "subnet_id": f.SubnetID.ValueString(), r.kind.target: f.TargetID.ValueString()}
}

// planChecks applies rule 18 at plan: the subnet and the target in one VPC,
// and no second association for the subnet, counting the plan's own. An
// association the plan destroys or replaces counts as gone; a subnet or
// target the plan creates is left to the engine at apply.
func (r *subnetAssociationResource[M]) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	if req.Plan.Raw.IsNull() { // destroy: the subnet may take another association
		r.ledger.PlanDestroy(frameworkfix.IDOf(req.State.Raw))
		return
	}
	var plan M
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned := associationFields(plan)
	p := engine.PlannedAssociation{SubnetID: planned.SubnetID.ValueString(), TargetID: planned.TargetID.ValueString()}
	summary := "Cannot associate " + r.kind.what
	if req.State.Raw.IsNull() {
		// The association this one replaces goes first.
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	} else {
		var state M
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
		held := associationFields(state)
		markReplaceable(ctx, resp.Private, held.ID.ValueString(), &resp.Diagnostics)
		if resp.Diagnostics.HasError() || r.typ.replaced(req.Plan.Raw, req.State.Raw) || planned.TargetID.Equal(held.TargetID) {
			return // unchanged, or a replacement whose create half is planned on its own
		}
		p.ID, summary = held.ID.ValueString(), "Cannot switch "+r.kind.what
	}
	if resp.Diagnostics.HasError() || planned.SubnetID.IsUnknown() || planned.TargetID.IsUnknown() {
		return // a subnet or target this plan creates: the engine judges it at apply
	}
	if err := r.engine.CheckPlannedAssociation(ctx, r.kind.kind, p, r.ledger); err != nil {
		tflog.Debug(ctx, r.typ.what+" refused at plan", map[string]any{"subnet_id": p.SubnetID, r.kind.target: p.TargetID, "error": err.Error()})
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, r.typ.errorPath(err), summary, err)
	}
}

func (r *subnetAssociationResource[M]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan M, _ *diag.Diagnostics) (M, error) {
		planned := associationFields(plan)
		a, err := r.engine.Associate(ctx, r.kind.kind, planned.SubnetID.ValueString(), planned.TargetID.ValueString())
		m := r.modelOf(a)
		logDone(ctx, err, "associated "+r.kind.what, r.logFields(associationFields(m)))
		return m, refused(err, "Cannot associate "+r.kind.what)
	})
}

func (r *subnetAssociationResource[M]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp,
		func(ctx context.Context, id string) (engine.SubnetAssociation, error) {
			return r.engine.GetAssociation(ctx, r.kind.kind, id)
		},
		func(a engine.SubnetAssociation, _ M) M { return r.modelOf(a) })
}

// Update switches the subnet to the planned target.
func (r *subnetAssociationResource[M]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state M, _ *diag.Diagnostics) (M, error) {
		planned, held := associationFields(plan), associationFields(state)
		a, err := r.engine.ReplaceAssociation(ctx, r.kind.kind, held.ID.ValueString(), planned.TargetID.ValueString())
		m := r.modelOf(a)
		fields := r.logFields(associationFields(m))
		fields["from_"+r.kind.target] = held.TargetID.ValueString()
		logDone(ctx, err, "switched "+r.kind.what, fields)
		return m, refused(err, "Cannot switch "+r.kind.what)
	})
}

func (r *subnetAssociationResource[M]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state M, _ *diag.Diagnostics) error {
		held := associationFields(state)
		err := r.engine.Disassociate(ctx, r.kind.kind, held.ID.ValueString())
		logDone(ctx, err, "disassociated "+r.kind.what, r.logFields(held))
		return err
	})
}

// ImportState takes the association's ID or its subnet's ID (subnet-…),
// which is what a user knows: a subnet has at most one association of a
// kind.
func (r *subnetAssociationResource[M]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.HasPrefix(req.ID, engine.PrefixSubnet) || r.engine == nil {
		r.resourceBase.ImportState(ctx, req, resp)
		return
	}
	a, err := r.engine.FindAssociation(ctx, r.kind.kind, req.ID)
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot import "+r.typ.what, err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), a.ID)...)
}
