package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

func runPlanChecks(t *testing.T, f Factory) {
	plan := func(r *region, l *engine.PlanLedger, nic, srv, from string) error {
		return r.eng.CheckPlannedAttachment(r.ctx, engine.PlannedAttachment{
			AttachInput: engine.AttachInput{NetworkInterfaceID: nic, ServerID: srv}, From: from}, l)
	}

	t.Run("the ledger counts a plan's attachments against the flavor", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA) // 3 NICs: 2 free slots
		nics := []engine.NetworkInterface{r.nic(r.subnetA), r.nic(r.subnetA)}
		third := r.nic(r.subnetA)
		before := r.snapshot()
		l := engine.NewPlanLedger()
		for _, n := range nics {
			if err := plan(r, l, n.ID, srv.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		err := plan(r, l, third.ID, srv.ID, "")
		expectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "it has 1 now", "this plan already attaches 2 more", third.ID)
		r.unchanged(before)
	})

	t.Run("unnamed NICs of the plan fill slots too", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		l := engine.NewPlanLedger()
		for i := 0; i < 2; i++ {
			if err := plan(r, l, "", srv.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		expectCode(t, plan(r, l, "", srv.ID, ""), engine.CodeAttachmentLimitExceeded, "a network interface this plan creates", "NIC #1 created by this plan")
	})

	t.Run("a slot freed earlier in the plan is reused; otherwise the error names depends_on", func(t *testing.T) {
		r := newRegion(t, f, "")
		full := r.server("s6.large.2", r.subnetA) // 2 NICs: full with one extension
		other := r.server("c7.large.2", r.subnetA)
		leaving := r.attach(r.nic(r.subnetA), full)
		incoming := r.nic(r.subnetA)
		before := r.snapshot()

		err := plan(r, engine.NewPlanLedger(), incoming.ID, full.ID, "")
		expectCode(t, err, engine.CodeAttachmentLimitExceeded, "it has 2 now", "depends_on", leaving.ID)

		l := engine.NewPlanLedger()
		if err := plan(r, l, leaving.ID, other.ID, full.ID); err != nil { // the move away, planned first
			t.Fatal(err)
		}
		if err := plan(r, l, incoming.ID, full.ID, ""); err != nil {
			t.Fatalf("slot freed by a planned move not reused: %v", err)
		}
		l = engine.NewPlanLedger()
		l.PlanDeparture(full.ID, leaving.ID) // a destroyed attachment frees its slot too
		if err := plan(r, l, incoming.ID, full.ID, ""); err != nil {
			t.Fatalf("slot freed by a planned detach not reused: %v", err)
		}
		r.unchanged(before)
	})

	t.Run("a resize planned first gives the attachments its room", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		r.attach(r.nic(r.subnetA), srv)
		r.attach(r.nic(r.subnetA), srv)
		third := r.nic(r.subnetA)
		l := engine.NewPlanLedger()
		expectCode(t, plan(r, l, third.ID, srv.ID, ""), engine.CodeAttachmentLimitExceeded)
		l.PlanResize(srv.ID, "c7.2xlarge.2")
		if err := plan(r, l, third.ID, srv.ID, ""); err != nil {
			t.Fatalf("attachment refused though the plan grows the flavor: %v", err)
		}
	})

	t.Run("replanning during apply does not double count", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		a, b := r.nic(r.subnetA), r.nic(r.subnetA)
		l := engine.NewPlanLedger()
		if err := plan(r, l, a.ID, srv.ID, ""); err != nil {
			t.Fatal(err)
		}
		r.attach(a, srv) // applied; the ledger still lists it as arriving
		if err := plan(r, l, b.ID, srv.ID, ""); err != nil {
			t.Fatalf("an applied arrival was counted twice: %v", err)
		}
	})

	t.Run("topology and ownership rules at plan", func(t *testing.T) {
		r := newRegion(t, f, "")
		srv := r.server("c7.large.2", r.subnetA)
		other := r.server("c7.large.2", r.subnetA)
		l := engine.NewPlanLedger()
		expectCode(t, plan(r, l, r.nic(r.subnetB).ID, srv.ID, ""), engine.CodeAvailabilityZoneMismatch)
		expectCode(t, plan(r, l, r.nic(r.subnetA2).ID, srv.ID, ""), engine.CodeSubnetMismatch)
		expectCode(t, plan(r, l, srv.PrimaryNetworkInterfaceID, other.ID, ""), engine.CodeOperationNotPermitted)
		busy := r.attach(r.nic(r.subnetA), srv)
		expectCode(t, plan(r, l, busy.ID, other.ID, ""), engine.CodeNetworkInterfaceInUse)
		if err := plan(r, l, busy.ID, other.ID, srv.ID); err != nil {
			t.Fatalf("a planned move was refused: %v", err)
		}
		expectCode(t, plan(r, l, "eni-missing", srv.ID, ""), engine.CodeNetworkInterfaceNotFound)
		expectCode(t, plan(r, l, busy.ID, "srv-missing", ""), engine.CodeServerNotFound)
	})
}

func runPlanDoubleAttachment(t *testing.T, f Factory) {
	r := newRegion(t, f, "")
	one := r.server("c7.large.2", r.subnetA)
	two := r.server("c7.large.2", r.subnetA)
	n := r.nic(r.subnetA)
	l := engine.NewPlanLedger()
	in := func(srv string) engine.PlannedAttachment {
		return engine.PlannedAttachment{AttachInput: engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv}}
	}
	if err := r.eng.CheckPlannedAttachment(r.ctx, in(one.ID), l); err != nil {
		t.Fatal(err)
	}
	expectCode(t, r.eng.CheckPlannedAttachment(r.ctx, in(two.ID), l), engine.CodeNetworkInterfaceInUse, "this plan already attaches", n.ID, one.ID)
}
