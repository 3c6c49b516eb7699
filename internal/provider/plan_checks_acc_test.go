package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Plan-time checks: every failing step here is PlanOnly, so a match proves
// the mistake was caught by plan; the engine is then shown unchanged.

var testAccLedgerTopology = testAccMainNetwork + hclServerInA("busy", "c7.large.2") + hclServerInA("spare", "c7.large.2") + `
resource "eni_network_interface" "nic" {
  count     = 3
  subnet_id = eni_subnet.a.id
  name      = "nic-${count.index}"
}

resource "eni_network_interface_attachment" "existing" {
  network_interface_id = eni_network_interface.nic[0].id
  server_id            = eni_server.%s.id
}
`

func testAccLedgerNewAttachments(dependsOn string) string {
	return fmt.Sprintf(`
resource "eni_network_interface_attachment" "new" {
  count                = 2
  network_interface_id = eni_network_interface.nic[count.index + 1].id
  server_id            = eni_server.busy.id
  depends_on           = [%s]
}
`, dependsOn)
}

// attachedCount counts extension NICs the engine has on the server at address.
func (e *testEnv) attachedCount(s *terraform.State, address string) (int, error) {
	id, err := idOf(s, address)
	if err != nil {
		return 0, err
	}
	d, err := e.engine.GetServer(context.Background(), id)
	if err != nil {
		return 0, err
	}
	return len(d.NetworkInterfaceIDs) - 1, nil
}

func (e *testEnv) expectAttached(address string, want int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := e.attachedCount(s, address)
		if err == nil && got != want {
			err = fmt.Errorf("%s has %d extension NICs in the engine, want %d", address, got, want)
		}
		return err
	}
}

func TestAccPlanChecks_ledger(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				// busy: primary + 1 extension, so 1 free slot.
				Config: env.config("", fmt.Sprintf(testAccLedgerTopology, "busy")),
				Check:  env.expectAttached("eni_server.busy", 1),
			},
			{
				// Two more attachments in one plan: the second is refused at plan.
				Config:      env.config("", fmt.Sprintf(testAccLedgerTopology, "busy")+testAccLedgerNewAttachments("")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AttachmentLimitExceeded.*this\s+plan\s+already\s+attaches\s+1\s+more`),
			},
			{
				Config: env.config("", fmt.Sprintf(testAccLedgerTopology, "busy")),
				Check:  env.expectAttached("eni_server.busy", 1),
			},
			{
				// Moving the existing NIC away first (depends_on) makes room for both.
				Config: env.config("", fmt.Sprintf(testAccLedgerTopology, "spare")+
					testAccLedgerNewAttachments("eni_network_interface_attachment.existing")),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_network_interface_attachment.existing", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("eni_network_interface_attachment.new[0]", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("eni_network_interface_attachment.new[1]", plancheck.ResourceActionCreate),
				),
				Check: resource.ComposeAggregateTestCheckFunc(
					env.expectAttached("eni_server.busy", 2),
					env.expectAttached("eni_server.spare", 1),
					env.checkInvariants,
				),
			},
		},
	})
}

// TestAccPlanChecks_ledgerCountsNewNICs attaches NICs the same plan creates:
// their IDs are unknown at plan, and still they count.
func TestAccPlanChecks_ledgerCountsNewNICs(t *testing.T) {
	env := newTestEnv(t)
	base := fmt.Sprintf(testAccLedgerTopology, "busy")
	extra := `
resource "eni_network_interface" "fresh" {
  count     = 2
  subnet_id = eni_subnet.a.id
  name      = "fresh-${count.index}"
}

resource "eni_network_interface_attachment" "fresh" {
  count                = 2
  network_interface_id = eni_network_interface.fresh[count.index].id
  server_id            = eni_server.busy.id
}
`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", base)},
			{
				Config:      env.config("", base+extra),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AttachmentLimitExceeded.*created by this plan`),
			},
			{
				Config: env.config("", base),
				Check:  env.expectAttached("eni_server.busy", 1),
			},
		},
	})
}

// testAccFailoverMistake is the seed's failover story with a standby that
// cannot take the floating NIC.
func testAccFailoverMistake(standbyZone, standbyFlavor, active string) string {
	return fmt.Sprintf(testAccMainNetwork+hclServerInA("active", "c7.large.2")+`
resource "eni_subnet" "standby" {
  vpc_id            = eni_vpc.main.id
  name              = "standby"
  cidr              = "10.0.2.0/24"
  availability_zone = %q
}

resource "eni_server" "standby" {
  name              = "standby"
  flavor            = %q
  availability_zone = eni_subnet.standby.availability_zone
  subnet_id         = eni_subnet.standby.id
}

resource "eni_network_interface" "floating" {
  subnet_id = eni_subnet.a.id
  name      = "floating"
}

resource "eni_eip" "public" {
  network_interface_id = eni_network_interface.floating.id
}

resource "eni_network_interface_attachment" "floating" {
  network_interface_id = eni_network_interface.floating.id
  server_id            = eni_server.%s.id
}
`, standbyZone, standbyFlavor, active)
}

func TestAccPlanChecks_failoverMistakes(t *testing.T) {
	for name, c := range map[string]struct {
		rule, zone, flavor, err string
	}{
		"standby in another zone":     {engine.SameVPC, "local-1b", "c7.large.2", `AvailabilityZoneMismatch.*local-1b`},
		"standby in another subnet":   {"", "local-1a", "c7.large.2", `SubnetMismatch`},
		"standby without a free slot": {engine.SameVPC, "local-1a", "s6.small.1", `AttachmentLimitExceeded.*s6\.small\.1`},
	} {
		t.Run(name, func(t *testing.T) {
			env := newTestEnvWithRule(t, c.rule)
			env.test(resource.TestCase{
				Steps: []resource.TestStep{
					{
						Config: env.config(c.rule, testAccFailoverMistake(c.zone, c.flavor, "active")),
						Check:  env.checkNICOn("eni_network_interface.floating", "eni_server.active"),
					},
					{
						Config:      env.config(c.rule, testAccFailoverMistake(c.zone, c.flavor, "standby")),
						PlanOnly:    true,
						ExpectError: regexp.MustCompile(`(?s)Cannot move network interface.*` + c.err),
					},
					{
						// The active server is untouched.
						Config: env.config(c.rule, testAccFailoverMistake(c.zone, c.flavor, "active")),
						Check:  env.checkNICOn("eni_network_interface.floating", "eni_server.active"),
					},
				},
			})
		})
	}
}

func testAccGrowAndAttach(flavor string, attachments int) string {
	return testAccMainNetwork + hclServerInA("busy", flavor) + fmt.Sprintf(`
resource "eni_network_interface" "nic" {
  count     = 3
  subnet_id = eni_subnet.a.id
  name      = "nic-${count.index}"
}

resource "eni_network_interface_attachment" "nic" {
  count                = %d
  network_interface_id = eni_network_interface.nic[count.index].id
  server_id            = eni_server.busy.id
}
`, attachments)
}

// TestAccPlanChecks_resizeMakesRoom grows a full server and attaches one
// more NIC in the same plan: the ledger judges the attachment against the
// flavor the plan gives the server.
func TestAccPlanChecks_resizeMakesRoom(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccGrowAndAttach("c7.large.2", 2)),
				Check:  env.expectAttached("eni_server.busy", 2),
			},
			{
				// NICs already attached fill the server: refused at plan, as
				// what the region holds is by default.
				Config:      env.config("", testAccGrowAndAttach("c7.large.2", 3)),
				ExpectError: regexp.MustCompile(`(?s)AttachmentLimitExceeded.*c7\.large\.2`),
			},
			{
				Config: env.config("", testAccGrowAndAttach("c7.2xlarge.2", 3)),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_server.busy", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("eni_network_interface_attachment.nic[2]", plancheck.ResourceActionCreate),
				),
				Check: resource.ComposeAggregateTestCheckFunc(env.expectAttached("eni_server.busy", 3), env.checkInvariants),
			},
		},
	})
}
