package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// When Terraform replaces an object it plans the new one a second time,
// with no prior state but with the private data of the first plan. The
// first plan of every NIC, server, subnet and virtual IP leaves its
// object's ID there, so that the plan of a replacement can note in the
// ledger that the plan destroys the object it replaces before it creates
// the new one: the engine's checks then find free what the old one held
// (an address of the old NIC, server or virtual IP, the old subnet's CIDR).

// replacesKey is the private-state key of the ID a planned create replaces.
const replacesKey = "replaces"

// markReplaceable records, in the plan of an existing object, its ID for
// the plan of its replacement, should this plan turn out to be one.
func markReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, id string, diags *diag.Diagnostics) {
	if private == nil || id == "" {
		return
	}
	b, _ := json.Marshal(id)
	diags.Append(private.SetKey(ctx, replacesKey, b)...)
}

// clearReplaceable drops the mark, where there is one, from the private
// state of an object updated in place, which replaces nothing. The update
// of every resource calls it (update), so the private state of a resource
// whose plan marks nothing is left untouched.
func clearReplaceable(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	if held, d := private.GetKey(ctx, replacesKey); len(held) == 0 {
		diags.Append(d...)
		return
	}
	diags.Append(private.SetKey(ctx, replacesKey, nil)...)
}

// replacedID is the ID of the object a planned create replaces; "" when it
// replaces none.
func replacedID(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics) string {
	if private == nil {
		return ""
	}
	b, d := private.GetKey(ctx, replacesKey)
	diags.Append(d...)
	var id string
	if len(b) > 0 && json.Unmarshal(b, &id) != nil {
		return ""
	}
	return id
}

// planReplaced notes in the ledger that the plan destroys the object a
// planned create replaces, which Terraform destroys first, so the checks of
// the create find what it held free (its addresses, its range, its room on
// a NIC); it returns that object's ID, "" when the create replaces none.
func planReplaced(ctx context.Context, ledger *engine.PlanLedger, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics) string {
	id := replacedID(ctx, private, diags)
	if id != "" && ledger != nil {
		ledger.PlanDestroy(id)
	}
	return id
}
