package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// When Terraform replaces an object it plans the new one a second time,
// with no prior state but with the private data of the first plan. The
// first plan of every NIC, server and subnet leaves its object's ID there,
// so that the plan of a replacement can tell a conflict with the object it
// replaces, which is destroyed before the new one is created, from a real
// one: an address the old NIC or server holds, a CIDR the old subnet covers.

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

// clearReplaceable drops the mark from the private state of an object
// updated in place, which replaces nothing.
func clearReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, diags *diag.Diagnostics) {
	if private == nil {
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

// checkIgnoringReplaced runs check, the plan-time check of a new NIC or
// server asking for ip, and runs it again without the address when all it
// found wrong is that the object this create replaces holds it.
func checkIgnoringReplaced(ctx context.Context, eng *engine.Engine, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics, subnetID, ip string, check func(ip string) error) error {
	err := check(ip)
	if heldByReplaced(ctx, eng, err, subnetID, ip, replacedID(ctx, private, diags)) {
		return check("")
	}
	return err
}

// heldByReplaced reports whether err only says that ip is taken by the
// object the plan replaces: the NIC itself, or the primary NIC of the
// server, which goes with its server.
func heldByReplaced(ctx context.Context, eng *engine.Engine, err error, subnetID, ip, replaced string) bool {
	if replaced == "" || ip == "" || engine.CodeOf(err) != engine.CodeIPAddressInUse {
		return false
	}
	holder, ferr := eng.FindNetworkInterfaceByIP(ctx, subnetID, ip)
	return ferr == nil && (holder.ID == replaced || holder.Primary && holder.ServerID == replaced)
}
