package provider

import (
	"context"
	"fmt"
	"strings"

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

// routeType is the eni_route resource, named by its table and destination:
// its ID is "rtb-…:10.0.0.0/8". A refusal naming no argument is about the
// next hop.
var routeType = &resourceType{name: "route", what: "route", idPrefix: engine.PrefixRouteTable, schema: routeSchema,
	fallback: "next_hop_id",
	identity: []identityPart{
		{name: "route_table_id", description: "The ID of the route table that holds the route.", example: engine.PrefixRouteTable + "0123456789abcdef"},
		{name: "destination_cidr", description: "The route's destination.", example: "10.0.0.0/8"},
	}}

type routeResource struct{ resourceBase }

type routeModel struct {
	ID              types.String `tfsdk:"id"`
	RouteTableID    types.String `tfsdk:"route_table_id"`
	DestinationCIDR types.String `tfsdk:"destination_cidr"`
	NextHopType     types.String `tfsdk:"next_hop_type"`
	NextHopID       types.String `tfsdk:"next_hop_id"`
	Description     types.String `tfsdk:"description"`
}

// NewRouteResource is the constructor registered with the provider.
func NewRouteResource() resource.Resource { return newResource(&routeResource{}, routeType) }

func routeSchema(context.Context) schema.Schema {
	return schema.Schema{
		MarkdownDescription: fmt.Sprintf("A route of a route table, the default one of a VPC or a custom one: traffic for `destination_cidr` "+
			"goes to its next hop. A table holds at most %d routes besides its local one, one per destination. A route to a network "+
			"interface, or to a virtual IP (whichever interface it is bound to, so the route follows a failover), needs that interface's "+
			"`source_dest_check` off. Changing the next hop is done in place, in one engine transaction.", engine.MaxRoutesPerTable),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The route's ID: its route table's ID and its destination, `rtb-…:10.0.0.0/8`, as its import ID is written.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"route_table_id": schema.StringAttribute{
				MarkdownDescription: "The route table: a custom `eni_route_table`, or a VPC's `default_route_table_id`. Changing it replaces the route.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"destination_cidr": schema.StringAttribute{
				MarkdownDescription: "The destination: an IPv4 CIDR block written with no host bits set (`10.1.0.0/16`, not `10.1.2.3/16`), " +
					"outside the VPC's CIDR, which the local route covers. Changing it replaces the route.",
				Required:      true,
				Validators:    []validator.String{destinationCIDRValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"next_hop_type": schema.StringAttribute{
				MarkdownDescription: "Where the traffic goes: " + quotedList(engine.NextHopTypes) + ". `internet` is the VPC's internet gateway; " +
					"traffic leaving through it needs an EIP on the sending interface. Updatable in place.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(engine.NextHopTypes...)},
			},
			"next_hop_id": schema.StringAttribute{
				MarkdownDescription: "The next hop: a network interface (`eni-…`) of the table's VPC for `network_interface`, a virtual IP " +
					"(`vip-…`) of the VPC for `virtual_ip`; left out for `internet`. Updatable in place.",
				Optional: true,
			},
			"description": descriptionAttribute(),
		},
	}
}

// ValidateConfig refuses a next hop ID that does not fit its type: one
// missing or of another kind for a network interface or virtual IP, one
// given for the internet.
func (r *routeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config routeModel
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &config)...)
	if resp.Diagnostics.HasError() || config.NextHopType.IsUnknown() || config.NextHopID.IsUnknown() {
		return
	}
	if err := engine.ValidateNextHop(config.NextHopType.ValueString(), config.NextHopID.ValueString()); err != nil &&
		engine.FieldOf(err) == engine.FieldNextHopID { // an unknown type is next_hop_type's validator's to report
		addEngineError(&resp.Diagnostics, routeType.errorPath(err), "Invalid next hop", err)
	}
}

// planChecks applies at plan the rules a new route or a new next hop
// meets, counting the plan's other routes, route tables, checks and
// virtual IP bindings in the ledger: its destination outside the VPC
// (rule 17), once in its table and within the table's limit (rules 16 and
// 17), a next hop of the table's VPC (rule 18) that forwards (rule 19).
func (r *routeResource) planChecks(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.engine == nil {
		return
	}
	if req.Plan.Raw.IsNull() { // destroy: its destination is free, and the table has room
		r.ledger.PlanDestroy(frameworkfix.IDOf(req.State.Raw))
		return
	}
	var plan routeModel
	resp.Diagnostics.Append(frameworkfix.CopyFromPlan(ctx, req.Plan, &plan)...)
	if resp.Diagnostics.HasError() || plan.DestinationCIDR.IsUnknown() || plan.NextHopType.IsUnknown() || plan.NextHopID.IsUnknown() {
		return // a next hop this plan creates: the engine judges the route at apply
	}
	p := engine.PlannedRoute{RouteInput: routeInputOf(plan)}
	summary := "Cannot create route"
	if !req.State.Raw.IsNull() {
		var state routeModel
		resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
		markReplaceable(ctx, resp.Private, state.ID.ValueString(), &resp.Diagnostics)
		if resp.Diagnostics.HasError() || routeType.replaced(req.Plan.Raw, req.State.Raw) {
			return // a replacement's create half is planned on its own
		}
		if plan.NextHopType.Equal(state.NextHopType) && plan.NextHopID.Equal(state.NextHopID) {
			return // the next hop stays: its checks are the next hop's own plan's
		}
		p.ID, summary = state.ID.ValueString(), "Cannot change route's next hop"
	} else {
		planReplaced(ctx, r.ledger, req.Private, &resp.Diagnostics)
	}
	if err := r.engine.CheckPlannedRoute(ctx, p, r.ledger); err != nil {
		tflog.Debug(ctx, "route refused at plan", map[string]any{"route_table_id": p.RouteTableID, "destination_cidr": p.DestinationCIDR, "error": err.Error()})
		r.regionConflicts.addPlanRefusal(&resp.Diagnostics, routeType.errorPath(err), summary, err)
	}
}

func (r *routeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	create(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan routeModel, _ *diag.Diagnostics) (routeModel, error) {
		rt, err := r.engine.CreateRoute(ctx, routeInputOf(plan))
		logDone(ctx, err, "created route", map[string]any{"id": rt.ID(), "next_hop_type": rt.NextHopType, "next_hop_id": rt.NextHopID})
		return routeModelOf(rt), err
	})
}

func (r *routeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	read(ctx, &r.resourceBase, req, resp, r.getRoute, func(rt engine.Route, _ routeModel) routeModel { return routeModelOf(rt) })
}

// getRoute reads the route an ID names; an ID that names none is gone.
func (r *routeResource) getRoute(ctx context.Context, id string) (engine.Route, error) {
	table, destination, ok := strings.Cut(id, idSeparator)
	if !ok {
		return engine.Route{}, fmt.Errorf("route ID %q is not of the form route_table_id:destination_cidr: %w", id, errGone)
	}
	return r.engine.GetRoute(ctx, table, destination)
}

func (r *routeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	update(ctx, &r.resourceBase, req, resp, func(ctx context.Context, plan, state routeModel, _ *diag.Diagnostics) (routeModel, error) {
		rt, err := r.engine.UpdateRoute(ctx, routeInputOf(plan))
		logDone(ctx, err, "updated route", map[string]any{"id": rt.ID(), "from_next_hop_id": state.NextHopID.ValueString(), "to_next_hop_id": rt.NextHopID})
		return routeModelOf(rt), refused(err, "Cannot change route's next hop")
	})
}

func (r *routeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	remove(ctx, &r.resourceBase, req, resp, func(ctx context.Context, state routeModel, _ *diag.Diagnostics) error {
		err := r.engine.DeleteRoute(ctx, state.RouteTableID.ValueString(), state.DestinationCIDR.ValueString())
		logDone(ctx, err, "deleted route", map[string]any{"id": state.ID.ValueString()})
		return err
	})
}

// routeInputOf is the engine input of a planned route; an unknown table
// reads as "" (one the plan creates: the plan checks judge the route on
// its face), and a left out next hop ID as "" (none, for the internet).
func routeInputOf(m routeModel) engine.RouteInput {
	return engine.RouteInput{
		RouteTableID:    m.RouteTableID.ValueString(),
		DestinationCIDR: m.DestinationCIDR.ValueString(),
		NextHopType:     m.NextHopType.ValueString(),
		NextHopID:       m.NextHopID.ValueString(),
		Description:     m.Description.ValueString(),
	}
}

func routeModelOf(rt engine.Route) routeModel {
	return routeModel{
		ID:              types.StringValue(rt.ID()),
		RouteTableID:    types.StringValue(rt.RouteTableID),
		DestinationCIDR: types.StringValue(rt.DestinationCIDR),
		NextHopType:     types.StringValue(rt.NextHopType),
		NextHopID:       optionalString(rt.NextHopID),
		Description:     types.StringValue(rt.Description),
	}
}
