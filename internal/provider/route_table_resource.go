package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// routeTableType is the eni_route_table resource: a custom route table.
var routeTableType = &resourceType{name: "route_table", what: "route table", idPrefix: engine.PrefixRouteTable, schema: routeTableSchema}

type routeTableResource struct{ resourceBase }

type routeTableModel struct {
	ID          types.String `tfsdk:"id"`
	VPCID       types.String `tfsdk:"vpc_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	resourceTags
}

// NewRouteTableResource is the constructor registered with the provider.
func NewRouteTableResource() resource.Resource {
	return newResource(&routeTableResource{}, routeTableType)
}

func routeTableSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: fmt.Sprintf("A custom route table of a VPC. A VPC has at most %d route tables, its default one "+
			"(`default_route_table_id` of `eni_vpc`) included. A subnet uses the table it is associated with by "+
			"`eni_route_table_association`, else its VPC's default one. Routes are `eni_route` resources, never arguments of the table; "+
			"every table also has a local route for its VPC's CIDR, which is implicit. A table that subnets use cannot be deleted.",
			engine.MaxRouteTablesPerVPC),
		Attributes: map[string]schema.Attribute{
			"id": idAttribute("route table"),
			"vpc_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the VPC the route table belongs to. Changing it replaces the route table.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name":        nameAttribute("route table"),
			"description": descriptionAttribute(),
			"tags":        tagsAttribute("route table"),
			"tags_all":    tagsAllAttribute(),
		},
	}
}

// planChecks applies rule 16 at plan: the VPC has room for one more table,
// counting the tables the plan creates there and those it destroys.
func (r *routeTableResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	if req.Plan.Raw.IsNull() { // destroy: its VPC has room for another
		r.checkDeletion(ctx, frameworkfix.IDOf(req.State.Raw), &resp.Diagnostics)
		r.ledger.PlanDestroy(frameworkfix.IDOf(req.State.Raw))
		return
	}
	if !req.State.Raw.IsNull() {
		if routeTableType.replaced(req.Plan.Raw, req.State.Raw) {
			r.checkDeletion(ctx, frameworkfix.IDOf(req.State.Raw), &resp.Diagnostics)
		}
		markReplaceable(ctx, resp.Private, frameworkfix.IDOf(req.State.Raw), &resp.Diagnostics)
		return // an update changes nothing a rule counts; a replacement's create half is planned on its own
	}
	var plan routeTableModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.VPCID.IsUnknown() {
		return // a VPC this plan creates has room for what the rule allows; the engine judges it at apply
	}
	planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	p := engine.PlannedRouteTable{RouteTableInput: engine.RouteTableInput{VPCID: plan.VPCID.ValueString(), Tags: engineTags(plan.TagsAll)}}
	if err := r.engine.CheckPlannedRouteTable(ctx, p, r.ledger); err != nil {
		tflog.Debug(ctx, "route table refused at plan", map[string]any{"vpc_id": p.VPCID, "error": err.Error()})
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, routeTableType.errorPath(err), "Cannot create route table", err)
	}
}

// checkDeletion refuses at plan to delete or replace a VPC's default route
// table (rule 20), which no other change of the plan can allow: the
// configuration must stop managing it instead.
func (r *routeTableResource) checkDeletion(ctx context.Context, id string, diags *diag.Diagnostics) {
	if err := r.engine.CheckPlannedRouteTableDeletion(ctx, id); err != nil {
		tflog.Debug(ctx, "route table deletion refused at plan", map[string]any{"id": id, "error": err.Error()})
		addEngineError(diags, routeTableType.errorPath(err), "Cannot delete route table", err)
	}
}

func (r *routeTableResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan routeTableModel, _ *diag.Diagnostics) (routeTableModel, error) {
		t, err := r.engine.CreatePlannedRouteTable(ctx, engine.RouteTableInput{VPCID: plan.VPCID.ValueString(), Name: plan.Name.ValueString(),
			Description: plan.Description.ValueString(), Tags: engineTags(plan.TagsAll)}, r.ledger)
		logDone(ctx, err, "created route table", map[string]any{"id": t.ID, "vpc_id": t.VPCID})
		return routeTableModelOf(t), err
	})
}

func (r *routeTableResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.engine.GetRouteTable, func(d engine.RouteTableDetails, _ routeTableModel) routeTableModel {
		return routeTableModelOf(d.RouteTable)
	})
}

func (r *routeTableResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state routeTableModel, _ *diag.Diagnostics) (routeTableModel, error) {
		name, description := plan.Name.ValueString(), plan.Description.ValueString()
		t, err := r.engine.UpdateRouteTable(ctx, state.ID.ValueString(), engine.RouteTableUpdate{Name: &name, Description: &description,
			Tags: engineTags(plan.TagsAll)})
		logDone(ctx, err, "updated route table", map[string]any{"id": t.ID, "name": t.Name})
		return routeTableModelOf(t), err
	})
}

func (r *routeTableResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	removeByID(ctx, &r.resourceBase, req, resp, r.engine.DeleteRouteTable)
}

func routeTableModelOf(t engine.RouteTable) routeTableModel {
	return routeTableModel{
		ID:           types.StringValue(t.ID),
		VPCID:        types.StringValue(t.VPCID),
		Name:         types.StringValue(t.Name),
		Description:  types.StringValue(t.Description),
		resourceTags: storedTags(t.Tags),
	}
}
