package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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

// engineDataSource is a data source that reads the engine: its schema, the
// checks across its arguments, and read, which finds what the config cfg
// asks for and returns the state; a failure goes on the argument at, under
// summary. M is its model, of config and state alike.
type engineDataSource[M any] struct {
	dataSourceBase
	schema     func() schema.Schema
	validators []datasource.ConfigValidator
	summary    string
	read       func(ctx context.Context, e *engine.Engine, cfg M) (state M, at path.Path, err error)
}

var (
	_ datasource.DataSourceWithConfigure        = &engineDataSource[struct{}]{}
	_ datasource.DataSourceWithConfigValidators = &engineDataSource[struct{}]{}
)

// newEngineDataSource is the data source eni_<name> reading what read finds,
// once validators pass the config; a failure is reported under summary.
func newEngineDataSource[M any](name, summary string, schema func() schema.Schema,
	read func(context.Context, *engine.Engine, M) (M, path.Path, error), validators ...datasource.ConfigValidator) *engineDataSource[M] {
	return &engineDataSource[M]{dataSourceBase: dataSourceBase{name: name}, schema: schema, summary: summary, read: read,
		validators: validators}
}

func (d *engineDataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema()
}

func (d *engineDataSource[M]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.validators
}

func (d *engineDataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg M
	resp.Diagnostics.Append(frameworkfix.CopyFromConfig(ctx, req.Config, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, at, err := d.read(ctx, d.engine, cfg)
	if err != nil {
		addEngineError(&resp.Diagnostics, at, d.summary, err)
		return
	}
	resp.Diagnostics.Append(frameworkfix.CopyToState(ctx, &resp.State, state)...)
}

// errorOf is err, else the first error of diags as one, so that a read
// returns what went wrong building its state the way it returns the
// engine's refusals.
func errorOf(err error, diags diag.Diagnostics) error {
	if err != nil || !diags.HasError() {
		return err
	}
	first := diags.Errors()[0]
	return errors.New(first.Summary() + ": " + first.Detail())
}

// idsOf is the IDs of objects, as a list attribute.
func idsOf[T any](objects []T, id func(T) string) types.List {
	ids := make([]string, len(objects))
	for i, o := range objects {
		ids[i] = id(o)
	}
	return stringListValue(ids)
}
