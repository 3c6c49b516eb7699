package provider

import (
	"context"
	"strings"

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
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// routeTableAssociationType is the eni_route_table_association resource: a
// refusal naming no argument is about the route table.
var routeTableAssociationType = &resourceType{name: "route_table_association", what: "route table association",
	idPrefix: engine.PrefixRouteTableAssociation, schema: routeTableAssociationSchema, fallback: "route_table_id"}

type routeTableAssociationResource struct{ resourceBase }

type routeTableAssociationModel struct {
	ID           types.String `tfsdk:"id"`
	SubnetID     types.String `tfsdk:"subnet_id"`
	RouteTableID types.String `tfsdk:"route_table_id"`
}

// NewRouteTableAssociationResource is the constructor registered with the provider.
func NewRouteTableAssociationResource() resource.Resource {
	return newResource(&routeTableAssociationResource{}, routeTableAssociationType)
}

func routeTableAssociationSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Makes a custom route table of a VPC the one in effect in a subnet of the VPC, instead of the VPC's default table. " +
			"A subnet has at most one. Changing `route_table_id` switches the subnet to the other table in one engine transaction: the subnet " +
			"is never without a table. Destroying the association returns the subnet to its VPC's default route table.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The association's ID (`rtbassoc-…`).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"subnet_id": schema.StringAttribute{
				MarkdownDescription: "The subnet. Changing it replaces the association.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"route_table_id": schema.StringAttribute{
				MarkdownDescription: "The route table, of the subnet's VPC. Updatable in place: the subnet switches tables in one step.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// planChecks applies rule 18 at plan: the subnet and the table in one VPC,
// and no second association for the subnet, counting the plan's own.
func (r *routeTableAssociationResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	if req.Plan.Raw.IsNull() { // destroy: the subnet may take another association
		r.ledger.PlanDestroy(frameworkfix.IDOf(req.State.Raw))
		return
	}
	var plan routeTableAssociationModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.SubnetID.IsUnknown() || plan.RouteTableID.IsUnknown() {
		return // a subnet or table this plan creates: the engine judges it at apply
	}
	p := engine.PlannedAssociation{SubnetID: plan.SubnetID.ValueString(), TargetID: plan.RouteTableID.ValueString()}
	summary := "Cannot associate route table"
	if !req.State.Raw.IsNull() {
		var state routeTableAssociationModel
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if resp.Diagnostics.HasError() || routeTableAssociationType.replaced(req.Plan.Raw, req.State.Raw) || plan.RouteTableID.Equal(state.RouteTableID) {
			return // unchanged, or a replacement whose create half is planned on its own
		}
		p.ID, summary = state.ID.ValueString(), "Cannot switch route table"
	} else {
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	}
	if err := r.engine.CheckPlannedRouteTableAssociation(ctx, p, r.ledger); err != nil {
		tflog.Debug(ctx, "route table association refused at plan", map[string]any{"subnet_id": p.SubnetID, "route_table_id": p.TargetID, "error": err.Error()})
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, routeTableAssociationType.errorPath(err), summary, err)
	}
}

func (r *routeTableAssociationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan routeTableAssociationModel, _ *diag.Diagnostics) (routeTableAssociationModel, error) {
		a, err := r.engine.AssociateRouteTable(ctx, plan.SubnetID.ValueString(), plan.RouteTableID.ValueString())
		logDone(ctx, err, "associated route table", map[string]any{"id": a.ID, "subnet_id": a.SubnetID, "route_table_id": a.RouteTableID})
		return routeTableAssociationModelOf(a), refused(err, "Cannot associate route table")
	})
}

func (r *routeTableAssociationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetRouteTableAssociation,
		func(a engine.RouteTableAssociation, _ routeTableAssociationModel) routeTableAssociationModel {
			return routeTableAssociationModelOf(a)
		})
}

func (r *routeTableAssociationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	updated := update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state routeTableAssociationModel, _ *diag.Diagnostics) (routeTableAssociationModel, error) {
		a, err := r.engine.ReplaceRouteTableAssociation(ctx, state.ID.ValueString(), plan.RouteTableID.ValueString())
		logDone(ctx, err, "switched route table", map[string]any{"id": a.ID, "subnet_id": a.SubnetID, "from_route_table_id": state.RouteTableID.ValueString(),
			"to_route_table_id": a.RouteTableID})
		return routeTableAssociationModelOf(a), refused(err, "Cannot switch route table")
	})
	if updated {
		clearReplaceable(ctx, resp.Private, &resp.Diagnostics)
	}
}

func (r *routeTableAssociationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state routeTableAssociationModel, _ *diag.Diagnostics) error {
		err := r.engine.DisassociateRouteTable(ctx, state.ID.ValueString())
		logDone(ctx, err, "disassociated route table", map[string]any{"id": state.ID.ValueString(), "subnet_id": state.SubnetID.ValueString()})
		return err
	})
}

// ImportState takes the association's ID (rtbassoc-…) or its subnet's ID
// (subnet-…), which is what a user knows: a subnet has at most one.
func (r *routeTableAssociationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !strings.HasPrefix(req.ID, engine.PrefixSubnet) || r.engine == nil {
		r.resourceBase.ImportState(ctx, req, resp)
		return
	}
	a, err := r.engine.FindRouteTableAssociation(ctx, req.ID)
	if err != nil {
		addEngineError(&resp.Diagnostics, path.Empty(), "Cannot import route table association", err)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), a.ID)...)
}

func routeTableAssociationModelOf(a engine.RouteTableAssociation) routeTableAssociationModel {
	return routeTableAssociationModel{
		ID:           types.StringValue(a.ID),
		SubnetID:     types.StringValue(a.SubnetID),
		RouteTableID: types.StringValue(a.RouteTableID),
	}
}
