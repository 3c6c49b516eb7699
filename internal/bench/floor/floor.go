// Package floor is the plugin floor of the benchmarks: a framework provider,
// "floor", whose resources do no work at all, so that what a CLI (or a
// protocol benchmark) spends on them is the protocol's and the framework's
// cost alone.
//
//   - floor_noop has one argument and an ID: the cost of a resource as
//     such, which no provider can beat.
//   - Twins (floor_<name> for each eni_<name> given to New) have another
//     provider's schemas, validators and plan modifiers included, and keep
//     whatever they are given: the cost of those schemas with no engine
//     behind them, which separates what the schemas cost from what the
//     provider's own work costs.
package floor

import (
	"context"
	"math/big"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TypeName is the provider's type name, the prefix of its resources.
const TypeName = "floor"

// New returns the floor provider with twins of the given resources.
func New(twinsOf ...func() resource.Resource) provider.Provider {
	return &floorProvider{twinsOf: twinsOf}
}

type floorProvider struct {
	twinsOf []func() resource.Resource
}

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
}

func (p *floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	out := []func() resource.Resource{func() resource.Resource { return noop{} }}
	for _, of := range p.twinsOf {
		out = append(out, func() resource.Resource { return twin{of: of()} })
	}
	return out
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// lastID numbers the IDs and other computed strings the floor invents.
var lastID atomic.Int64

func inventedString() string { return "floor-" + strconv.FormatInt(lastID.Add(1), 10) }

// noop keeps its input and invents an ID; it has no store.
type noop struct{}

type noopModel struct {
	ID    types.String `tfsdk:"id"`
	Input types.String `tfsdk:"input"`
}

func (noop) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_noop"
}

func (noop) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"input": schema.StringAttribute{Required: true},
		},
	}
}

func (noop) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = types.StringValue(inventedString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read leaves the state as it came: the framework hands it back unchanged.
func (noop) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (noop) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (noop) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// twin has the schema of another resource (named floor_ instead of its own
// provider's prefix) and none of its behaviour: it stores the plan, with
// values invented for what the plan left unknown.
type twin struct{ of resource.Resource }

func (r twin) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.of.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "eni"}, resp)
	resp.TypeName = TypeName + strings.TrimPrefix(resp.TypeName, "eni")
}

func (r twin) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.of.Schema(ctx, req, resp)
}

func (twin) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	storePlan(req.Plan, &resp.State, &resp.Diagnostics)
}

func (twin) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (twin) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	storePlan(req.Plan, &resp.State, &resp.Diagnostics)
}

func (twin) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// storePlan makes the plan the new state, inventing what it left unknown.
func storePlan(plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var top map[string]tftypes.Value
	if err := plan.Raw.As(&top); err != nil {
		diags.AddError("floor twin", err.Error())
		return
	}
	known, err := tftypes.Transform(plan.Raw, func(p *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		return inventUnknown(p, v, top)
	})
	if err != nil {
		diags.AddError("floor twin", err.Error())
		return
	}
	state.Raw = known
}

// countOf is the known count a set of addresses goes with, by the eni
// naming of address pairs (secondary_private_ips and
// secondary_private_ip_count), or -1: a twin holds as many addresses as its
// count asks for, so the next plan finds the pair in agreement as it does
// with the eni provider.
func countOf(p *tftypes.AttributePath, top map[string]tftypes.Value) int {
	steps := p.Steps()
	if len(steps) != 1 {
		return -1
	}
	name, ok := steps[0].(tftypes.AttributeName)
	if !ok {
		return -1
	}
	count, ok := top[strings.TrimSuffix(string(name), "s")+"_count"]
	if !ok || !count.IsKnown() || count.IsNull() || !count.Type().Is(tftypes.Number) {
		return -1
	}
	var n big.Float
	if err := count.As(&n); err != nil {
		return -1
	}
	k, _ := n.Int64()
	return int(k)
}

// inventUnknown replaces an unknown value with a known one of its type: a
// fresh string, zero, false, an empty collection, or a set of as many fresh
// strings as its count (see countOf).
func inventUnknown(p *tftypes.AttributePath, v tftypes.Value, top map[string]tftypes.Value) (tftypes.Value, error) {
	if v.IsKnown() {
		return v, nil
	}
	t := v.Type()
	if k := countOf(p, top); k >= 0 && t.Is(tftypes.Set{ElementType: tftypes.String}) {
		elems := make([]tftypes.Value, k)
		for i := range elems {
			elems[i] = tftypes.NewValue(tftypes.String, inventedString())
		}
		return tftypes.NewValue(t, elems), nil
	}
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, inventedString()), nil
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, 0), nil
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false), nil
	case t.Is(tftypes.Set{}), t.Is(tftypes.List{}):
		return tftypes.NewValue(t, []tftypes.Value{}), nil
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{}), nil
	default:
		return tftypes.NewValue(t, nil), nil
	}
}
