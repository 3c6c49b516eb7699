package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// providerData is what Configure hands to resources, data sources and list
// resources: the engine, the ledger of the plan this provider instance is
// serving, the provider block's default_tags, and how plan reports what
// the region holds.
type providerData struct {
	engine          *engine.Engine
	ledger          *engine.PlanLedger
	defaultTags     tagDefaults
	regionConflicts regionConflicts
}

// providerDataOf extracts what Configure handed over; nil before Configure.
func providerDataOf(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil // not configured yet, e.g. during validation
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", data))
		return nil
	}
	return pd
}

// engineFromProviderData extracts the engine handed over by Configure.
func engineFromProviderData(data any, diags *diag.Diagnostics) *engine.Engine {
	if pd := providerDataOf(data, diags); pd != nil {
		return pd.engine
	}
	return nil
}
