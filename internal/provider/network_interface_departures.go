package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/frameworkfix"
)

// Terraform and OpenTofu delete a NIC removed from the configuration before
// they update a virtual IP that was bound to it, even when that update moves
// the virtual IP away: the update waits for the deletion, which rule 11
// refuses while the virtual IP is bound. So the NIC's destroy plan records
// where the plan takes each virtual IP bound to it, and its Delete moves
// them there before deleting, in one engine transaction.

// departuresKey is the private-state key of those planned moves.
const departuresKey = "virtual_ip_departures"

// virtualIPPlanWait bounds how long a NIC's destroy plan waits for the plans
// of the virtual IPs bound to it, which Terraform may make after the NIC's.
// Only a virtual IP no plan of this configuration covers (another
// configuration's, or one made outside) makes it wait that long.
const virtualIPPlanWait = 10 * time.Second

// planDelete records in the destroy plan of the NIC in state where the plan
// takes the virtual IPs bound to it.
func (r *networkInterfaceResource) planDelete(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state networkInterfaceModel
	resp.Diagnostics.Append(frameworkfix.CopyFromState(ctx, req.State, &state)...)
	if resp.Diagnostics.HasError() || state.ID.IsNull() {
		return
	}
	departures, err := r.engine.VirtualIPDepartures(ctx, state.ID.ValueString(), r.ledger, virtualIPPlanWait)
	if err != nil {
		// The deletion is judged at apply, without moves.
		tflog.Warn(ctx, "cannot read the virtual IPs bound to a network interface the plan deletes", map[string]any{"error": err.Error()})
		return
	}
	if len(departures) == 0 {
		return
	}
	tflog.Debug(ctx, "deleting the network interface moves virtual IPs first", map[string]any{"id": state.ID.ValueString(), "moves": departures})
	b, _ := json.Marshal(departures)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, departuresKey, b)...)
}

// plannedDepartures reads the moves planDelete recorded; nil when none.
func plannedDepartures(ctx context.Context, private interface {
	GetKey(context.Context, string) ([]byte, diag.Diagnostics)
}, diags *diag.Diagnostics) map[string]string {
	if private == nil {
		return nil
	}
	b, d := private.GetKey(ctx, departuresKey)
	diags.Append(d...)
	var departures map[string]string
	if len(b) > 0 && json.Unmarshal(b, &departures) != nil {
		return nil
	}
	return departures
}

// unmovedVirtualIPAdvice explains a deletion refused for virtual IPs the
// plan did not move away: nothing in this apply will, so it must happen
// where they are managed.
func unmovedVirtualIPAdvice(err error, departures map[string]string) string {
	e := engine.AsError(err)
	if e == nil || e.Rule != engine.RuleStillInUse || len(e.Blocking) == 0 {
		return ""
	}
	var unmoved []string
	for _, id := range e.Blocking {
		if _, moved := departures[id]; !moved {
			unmoved = append(unmoved, id)
		}
	}
	if len(unmoved) == 0 {
		return ""
	}
	slices.Sort(unmoved)
	return fmt.Sprintf("The plan of this apply moves or destroys none of %s: unbind or delete it where it is managed "+
		"(another configuration, or outside Terraform), or move it in this configuration, then apply again.", strings.Join(unmoved, ", "))
}
