package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testAccIPLimit renders servers big (of bigFlavor), small and spare
// (s6.large.2: 2 NICs, 4 private IPs each), eni_network_interface.test with
// count secondary IPs attached to target, and, with fresh, a new NIC of 4
// secondary IPs attached to spare in the same plan.
func testAccIPLimit(bigFlavor string, count int, target string, fresh bool) string {
	hcl := testAccMainNetwork + hclServerInA("big", bigFlavor) + hclServerInA("small", "s6.large.2") + hclServerInA("spare", "s6.large.2") +
		hclResource("eni_network_interface", "test", hclArg{"name", `"data"`}, hclArg{"subnet_id", "eni_subnet.a.id"},
			countArg("secondary_private_ip_count", count)) +
		hclResource("eni_network_interface_attachment", "test", hclArg{"network_interface_id", "eni_network_interface.test.id"},
			hclArg{"server_id", "eni_server." + target + ".id"})
	if fresh {
		hcl += hclResource("eni_network_interface", "fresh", hclArg{"name", `"fresh"`}, hclArg{"subnet_id", "eni_subnet.a.id"},
			countArg("secondary_private_ip_count", 4)) +
			hclResource("eni_network_interface_attachment", "fresh", hclArg{"network_interface_id", "eni_network_interface.fresh.id"},
				hclArg{"server_id", "eni_server.spare.id"})
	}
	return hcl
}

// expectNICLoad checks where the engine has eni_network_interface.test and
// how many secondary IPs it holds.
func (e *testEnv) expectNICLoad(server string, secondaries int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		nicID, err := idOf(s, testNIC)
		if err != nil {
			return err
		}
		srvID, err := idOf(s, "eni_server."+server)
		if err != nil {
			return err
		}
		n, err := e.engine.GetNetworkInterface(context.Background(), nicID)
		if err != nil {
			return err
		}
		if n.ServerID != srvID || len(n.SecondaryPrivateIPs) != secondaries {
			return fmt.Errorf("network interface is on %q with %d secondary IPs, want %s (%s) with %d", n.ServerID, len(n.SecondaryPrivateIPs), server, srvID, secondaries)
		}
		return e.checkInvariants(s)
	}
}

// Rule 15 at plan on the argument at fault for every change that can break
// it: a move to a server whose flavor caps the NIC below what it holds (on
// server_id), a resize to such a flavor (on flavor), more secondary IPs
// than the flavor it is on takes (on secondary_private_ip_count); a plan
// that shrinks the NIC and moves it in one run passes, the ledger counting
// the NIC as the plan leaves it; a new NIC attached in the same plan is
// refused at apply.
func TestAccPrivateIPLimit(t *testing.T) {
	env := newTestEnv(t)
	limit := codePattern(engine.CodePrivateIPAddressLimitExceeded)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", testAccIPLimit("c7.large.2", 3, "big", false)), Check: env.expectNICLoad("big", 3)},
			{Config: env.config("", testAccIPLimit("c7.large.2", 4, "big", false)), Check: env.expectNICLoad("big", 4)},
			{
				Config:      env.config("", testAccIPLimit("c7.large.2", 4, "small", false)),
				PlanOnly:    true,
				ExpectError: atAttr("server_id", limit+`.*flavor\s+s6.large.2\s+takes\s+at\s+most\s+4.*it\s+would\s+hold\s+5`),
			},
			{
				Config:      env.config("", testAccIPLimit("s6.large.2", 4, "big", false)),
				PlanOnly:    true,
				ExpectError: atAttr("flavor", limit+`.*flavor\s+s6.large.2\s+takes\s+at\s+most\s+4`),
			},
			{
				Config:      env.config("", testAccIPLimit("c7.large.2", 10, "big", false)),
				PlanOnly:    true,
				ExpectError: atAttr("secondary_private_ip_count", limit+`.*flavor\s+c7.large.2\s+takes\s+at\s+most\s+10.*it\s+would\s+hold\s+11`),
			},
			{
				Config: env.config("", testAccIPLimit("c7.large.2", 2, "small", false)),
				ConfigPlanChecks: preApply(plancheck.ExpectResourceAction(testNIC, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("eni_network_interface_attachment.test", plancheck.ResourceActionUpdate)),
				Check: env.expectNICLoad("small", 2),
			},
			{
				// Growing it back while it is on small is refused at plan.
				Config:      env.config("", testAccIPLimit("c7.large.2", 4, "small", false)),
				PlanOnly:    true,
				ExpectError: atAttr("secondary_private_ip_count", limit),
			},
			{
				Config:      env.config("", testAccIPLimit("c7.large.2", 2, "small", true)),
				ExpectError: atAttr("server_id", limit+`.*s6.large.2\s+takes\s+at\s+most\s+4`),
			},
		},
	})
}
