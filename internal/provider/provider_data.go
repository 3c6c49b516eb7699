package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
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

// dataSourceBase is embedded by every data source that reads the engine.
type dataSourceBase struct {
	providerData
}

func (d *dataSourceBase) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}
