package reliability

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// TestPlanRefusalMessage reads what a loser of the plan-time limit check
// reads when its own plan brings several new NICs to one server: the
// refusal must name the server, the flavor and the NICs already planned,
// in plain words.
func TestPlanRefusalMessage(t *testing.T) {
	requireSuite(t)
	ctx := context.Background()
	st := newStore(t, kindSQLite)
	vpc := must(st.eng.CreateVPC(ctx, engine.VPCInput{Name: "msg", CIDR: "10.40.0.0/16"}))(t)
	subnet := must(st.eng.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "msg", CIDR: "10.40.1.0/28", AvailabilityZone: "local-1a"}))(t)
	srv := must(st.eng.CreateServer(ctx, engine.ServerInput{Name: "msg", Flavor: "c7.large.2", AvailabilityZone: "local-1a", SubnetID: subnet.ID}))(t)
	dir := filepath.Join(t.TempDir(), "ws")
	writeConfig(t, dir, st.location, fmt.Sprintf(`resource "eni_network_interface" "nic" {
  count     = 3
  subnet_id = %q
  name      = "msg-${count.index}"
}

resource "eni_network_interface_attachment" "att" {
  count                = 3
  network_interface_id = eni_network_interface.nic[count.index].id
  server_id            = %q
}
`, subnet.ID, srv.ID))
	r := runCLI(t, dir, st.env, "plan", "-input=false", "-json")
	diags := errorDiagnostics(events(r.stdout.Bytes()))
	if len(diags) != 1 || codeOf(diags[0]) != engine.CodeAttachmentLimitExceeded {
		t.Fatalf("want one %s refusal at plan:\n%s", engine.CodeAttachmentLimitExceeded, r)
	}
	detail := diags[0].Detail
	t.Logf("refusal: %s", detail)
	for _, want := range []string{srv.ID, "c7.large.2", "at most 3 network interfaces", "this plan already attaches 2 more", "would exceed it"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the refusal does not say %q", want)
		}
	}
	if strings.Contains(detail, "((") || strings.Contains(detail, "))") {
		t.Errorf("the refusal nests parentheses around the NICs this plan creates (engine/plan.go names them "+
			"\"(NIC #n created by this plan)\" and plannedLimitError wraps the list in parentheses again): %s", detail)
	}
}
