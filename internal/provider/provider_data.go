package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// providerData is what Configure hands to resources, data sources and list
// resources: the engine, the ledger of the plan this provider instance is
// serving, the provider block's default_tags, and how plan reports what
// the region holds. Each of them embeds it, through resourceBase,
// dataSourceBase or configuredList, and fills it with configure.
type providerData struct {
	engine          *engine.Engine
	ledger          *engine.PlanLedger
	defaultTags     tagDefaults
	regionConflicts regionConflicts
}

// configure keeps what the provider's Configure handed over; nothing
// before it ran (during validation), when engine stays nil.
func (d *providerData) configure(data any, diags *diag.Diagnostics) {
	if data == nil {
		return
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", data))
		return
	}
	*d = *pd
}

// dataSourceBase is embedded by every data source: it names it and keeps
// what the provider's Configure handed over.
type dataSourceBase struct {
	providerData
	name string // after the provider's name: "subnet" is eni_subnet
}

func (d *dataSourceBase) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.name
}

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

// readData is a data source's Read: find reads what the config asks for and
// returns the state; a failure goes on the argument at, under summary.
func readData[M any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, summary string,
	find func(ctx context.Context, cfg M) (state M, at path.Path, err error)) {
	var cfg M
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, at, err := find(ctx, cfg)
	if err != nil {
		addEngineError(&resp.Diagnostics, at, summary, err)
		return
	}
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, state)...)
}

// idsOf is the IDs of objects, as a list attribute.
func idsOf[T any](objects []T, id func(T) string) types.List {
	ids := make([]string, len(objects))
	for i, o := range objects {
		ids[i] = id(o)
	}
	return stringListValue(ids)
}
