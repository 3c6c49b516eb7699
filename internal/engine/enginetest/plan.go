package enginetest

import (
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
)

func runPlanChecks(t *testing.T, f fixture.Factory) {
	plan := func(r *fixture.Region, l *engine.PlanLedger, nic, srv, from string) error {
		return r.Eng.CheckPlannedAttachment(r.Ctx, engine.PlannedAttachment{
			AttachInput: engine.AttachInput{NetworkInterfaceID: nic, ServerID: srv}, From: from}, l)
	}

	t.Run("the ledger counts a plan's attachments against the flavor", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA) // 3 NICs: 2 free slots
		nics := []engine.NetworkInterface{r.NIC(r.SubnetA), r.NIC(r.SubnetA)}
		third := r.NIC(r.SubnetA)
		before := r.Snapshot()
		l := engine.NewPlanLedger()
		for _, n := range nics {
			if err := plan(r, l, n.ID, srv.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		err := plan(r, l, third.ID, srv.ID, "")
		fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, srv.ID, "it has 1 now", "this plan already attaches 2 more", third.ID)
		r.Unchanged(before)
	})

	t.Run("unnamed NICs of the plan fill slots too", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		l := engine.NewPlanLedger()
		for i := 0; i < 2; i++ {
			if err := plan(r, l, "", srv.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		fixture.ExpectCode(t, plan(r, l, "", srv.ID, ""), engine.CodeAttachmentLimitExceeded, "a network interface this plan creates", "NIC #1 created by this plan")
	})

	t.Run("a slot freed earlier in the plan is reused; otherwise the error names depends_on", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		full := r.Server("s6.large.2", r.SubnetA) // 2 NICs: full with one extension
		other := r.Server("c7.large.2", r.SubnetA)
		leaving := r.Attach(r.NIC(r.SubnetA), full)
		incoming := r.NIC(r.SubnetA)
		before := r.Snapshot()

		err := plan(r, engine.NewPlanLedger(), incoming.ID, full.ID, "")
		fixture.ExpectCode(t, err, engine.CodeAttachmentLimitExceeded, "it has 2 now", "depends_on", leaving.ID)

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
		r.Unchanged(before)
	})

	t.Run("a resize planned first gives the attachments its room", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		r.Attach(r.NIC(r.SubnetA), srv)
		r.Attach(r.NIC(r.SubnetA), srv)
		third := r.NIC(r.SubnetA)
		l := engine.NewPlanLedger()
		fixture.ExpectCode(t, plan(r, l, third.ID, srv.ID, ""), engine.CodeAttachmentLimitExceeded)
		l.PlanResize(srv.ID, "c7.2xlarge.2")
		if err := plan(r, l, third.ID, srv.ID, ""); err != nil {
			t.Fatalf("attachment refused though the plan grows the flavor: %v", err)
		}
	})

	t.Run("replanning during apply does not double count", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		a, b := r.NIC(r.SubnetA), r.NIC(r.SubnetA)
		l := engine.NewPlanLedger()
		if err := plan(r, l, a.ID, srv.ID, ""); err != nil {
			t.Fatal(err)
		}
		r.Attach(a, srv) // applied; the ledger still lists it as arriving
		if err := plan(r, l, b.ID, srv.ID, ""); err != nil {
			t.Fatalf("an applied arrival was counted twice: %v", err)
		}
	})

	t.Run("topology and ownership rules at plan", func(t *testing.T) {
		r := fixture.NewRegion(t, f, "")
		srv := r.Server("c7.large.2", r.SubnetA)
		other := r.Server("c7.large.2", r.SubnetA)
		l := engine.NewPlanLedger()
		fixture.ExpectCode(t, plan(r, l, r.NIC(r.SubnetB).ID, srv.ID, ""), engine.CodeAvailabilityZoneMismatch)
		fixture.ExpectCode(t, plan(r, l, r.NIC(r.SubnetA2).ID, srv.ID, ""), engine.CodeSubnetMismatch)
		fixture.ExpectCode(t, plan(r, l, srv.PrimaryNetworkInterfaceID, other.ID, ""), engine.CodeOperationNotPermitted)
		busy := r.Attach(r.NIC(r.SubnetA), srv)
		fixture.ExpectCode(t, plan(r, l, busy.ID, other.ID, ""), engine.CodeNetworkInterfaceInUse)
		if err := plan(r, l, busy.ID, other.ID, srv.ID); err != nil {
			t.Fatalf("a planned move was refused: %v", err)
		}
		fixture.ExpectCode(t, plan(r, l, "eni-missing", srv.ID, ""), engine.CodeNetworkInterfaceNotFound)
		fixture.ExpectCode(t, plan(r, l, busy.ID, "srv-missing", ""), engine.CodeServerNotFound)
	})
}

func runPlanDoubleAttachment(t *testing.T, f fixture.Factory) {
	r := fixture.NewRegion(t, f, "")
	one := r.Server("c7.large.2", r.SubnetA)
	two := r.Server("c7.large.2", r.SubnetA)
	n := r.NIC(r.SubnetA)
	l := engine.NewPlanLedger()
	in := func(srv string) engine.PlannedAttachment {
		return engine.PlannedAttachment{AttachInput: engine.AttachInput{NetworkInterfaceID: n.ID, ServerID: srv}}
	}
	if err := r.Eng.CheckPlannedAttachment(r.Ctx, in(one.ID), l); err != nil {
		t.Fatal(err)
	}
	fixture.ExpectCode(t, r.Eng.CheckPlannedAttachment(r.Ctx, in(two.ID), l), engine.CodeNetworkInterfaceInUse, "this plan already attaches", n.ID, one.ID)
}
