// Command benchfloor is the plugin floor of the benchmark: a provider built
// with the same framework and served the same way as terraform-provider-eni
// (internal/pluginserver), whose one resource, floor_noop, does no work at
// all. What a CLI spends on it is the protocol's cost per resource, which no
// real provider can beat.
//
// It is built by the benchmark into a temporary directory and never shipped.
package main

import (
	"context"
	"log"
	"strconv"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/pluginserver"
)

// Address is where the benchmark's dev_overrides point.
const Address = "registry.terraform.io/bench/floor"

func main() {
	err := pluginserver.Serve(Address, func() provider.Provider { return &floorProvider{} }, false)
	if err != nil {
		log.Fatal(err.Error())
	}
}

type floorProvider struct{}

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (p *floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return &noop{} }}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// noop keeps what it is given and invents an ID; it has no store.
type noop struct{}

type noopModel struct {
	ID    types.String `tfsdk:"id"`
	Input types.String `tfsdk:"input"`
}

var lastID atomic.Int64

func (r *noop) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_noop"
}

func (r *noop) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
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

func (r *noop) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	m.ID = types.StringValue("noop-" + strconv.FormatInt(lastID.Add(1), 10))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read leaves the state as it came: the framework hands it back unchanged.
func (r *noop) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *noop) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m noopModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *noop) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
