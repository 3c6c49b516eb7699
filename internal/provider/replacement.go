package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Replacement bookkeeping. When Terraform replaces a NIC or server it plans
// the new object a second time with no prior state but with the private
// data of the first plan; the marker set here lets that second plan know
// that an address it finds taken is held by the object being replaced, which
// is destroyed before the new one is created.

const replacesKey = "replaces"

func markReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, holderID string, diags *diag.Diagnostics) {
	if private == nil || holderID == "" {
		return
	}
	b, _ := json.Marshal(holderID)
	diags.Append(private.SetKey(ctx, replacesKey, b)...)
}

func clearReplaceable(ctx context.Context, private interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, diags *diag.Diagnostics) {
	if private == nil {
		return
	}
	diags.Append(private.SetKey(ctx, replacesKey, nil)...)
}

func replacedHolder(ctx context.Context, private interface {
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

// heldByReplaced reports whether err only says that ip is taken by the NIC
// the plan replaces.
func heldByReplaced(ctx context.Context, eng *engine.Engine, err error, subnetID, ip, replaced string) bool {
	if replaced == "" || ip == "" || engine.CodeOf(err) != engine.CodeIPAddressInUse {
		return false
	}
	holder, ferr := eng.FindNetworkInterfaceByIP(ctx, subnetID, ip)
	return ferr == nil && holder.ID == replaced
}
