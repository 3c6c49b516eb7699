package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testAccVirtualIPTopology is IP-level failover's ground: NIC a on server
// one and NIC b on server two, both in subnet a; a NIC of another subnet;
// and a server of the smallest flavor, whose NICs hold two addresses.
var testAccVirtualIPTopology = testAccMainNetwork +
	hclServerInA("one", "c7.large.2") + hclServerInA("two", "c7.large.2") + hclServerInA("small", "s6.small.1") +
	hclSubnet("a2", "eni_vpc.main.id", "10.0.2.0/24", "local-1a") +
	hclNIC("a", "a", "eni_subnet.a.id") +
	hclNIC("b", "b", "eni_subnet.a.id") +
	hclNIC("other", "other", "eni_subnet.a2.id") +
	testAccAttach("a", "eni_network_interface.a.id", "one") +
	testAccAttach("b", "eni_network_interface.b.id", "two")

// hclVirtualIP renders an eni_virtual_ip in subnet a (unless args name
// another subnet_id first).
func hclVirtualIP(name string, args ...hclArg) string {
	for _, a := range args {
		if a.name == "subnet_id" {
			return hclResource("eni_virtual_ip", name, args...)
		}
	}
	return hclResource("eni_virtual_ip", name, append([]hclArg{{"subnet_id", "eni_subnet.a.id"}}, args...)...)
}

// boundTo renders network_interface_id = the ID of a NIC (or any expression).
func boundTo(expr string) hclArg { return hclArg{"network_interface_id", expr} }

// checkVirtualIPOn asserts through the engine that the virtual IP at
// vipAddress is bound to the NIC at nicAddress ("" for unbound), and that
// the engine's invariants hold.
func (e *testEnv) checkVirtualIPOn(vipAddress, nicAddress string) resource.TestCheckFunc {
	return e.checkHeldBy(vipAddress, nicAddress, "bound to", func(ctx context.Context, id string) (string, error) {
		v, err := e.engine.GetVirtualIP(ctx, id)
		return v.NetworkInterfaceID, err
	})
}

var vipIDPattern = regexp.MustCompile(`^vip-[0-9a-f]{16}$`)

// TestAccVirtualIPResource_lifecycle: created unbound at a requested
// address, bound, moved from NIC a on server one to NIC b on server two in
// one apply keeping its address, imported, unbound, destroyed.
func TestAccVirtualIPResource_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	config := func(nic string) string {
		args := []hclArg{{"ip_address", quoted("10.0.1.50")}}
		if nic != "" {
			args = append(args, boundTo("eni_network_interface."+nic+".id"))
		}
		return env.config("", testAccVirtualIPTopology+hclVirtualIP("test", args...))
	}
	sameAddress := statecheck.CompareValue(compare.ValuesSame())
	sameID := statecheck.CompareValue(compare.ValuesSame())
	kept := func(more ...statecheck.StateCheck) []statecheck.StateCheck {
		return append([]statecheck.StateCheck{
			sameAddress.AddStateValue(vip, tfjsonpath.New("ip_address")),
			sameID.AddStateValue(vip, tfjsonpath.New("id")),
			expectValue(vip, "ip_address", knownvalue.StringExact("10.0.1.50")),
		}, more...)
	}
	on := func(nic string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(vip, tfjsonpath.New("network_interface_id"), "eni_network_interface."+nic, tfjsonpath.New("id"), compare.ValuesSame())
	}
	// The failover is this one change: no other resource is touched.
	onlyTheVIPChanges := preApply(
		plancheck.ExpectResourceAction(vip, plancheck.ResourceActionUpdate),
		plancheck.ExpectResourceAction("eni_network_interface_attachment.a", plancheck.ResourceActionNoop),
		plancheck.ExpectResourceAction("eni_network_interface_attachment.b", plancheck.ResourceActionNoop),
	)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config(""),
				ConfigStateChecks: kept(
					expectValue(vip, "id", knownvalue.StringRegexp(vipIDPattern)),
					expectValue(vip, "network_interface_id", knownvalue.Null()),
					statecheck.CompareValuePairs(vip, tfjsonpath.New("subnet_id"), "eni_subnet.a", tfjsonpath.New("id"), compare.ValuesSame()),
				),
				Check: env.checkVirtualIPOn(vip, ""),
			},
			{
				Config:            config("a"),
				ConfigPlanChecks:  expectAction(vip, plancheck.ResourceActionUpdate),
				ConfigStateChecks: kept(on("a")),
				Check:             env.checkVirtualIPOn(vip, "eni_network_interface.a"),
			},
			{
				Config:            config("b"),
				ConfigPlanChecks:  onlyTheVIPChanges,
				ConfigStateChecks: kept(on("b")),
				Check: resource.ComposeTestCheckFunc(
					env.checkVirtualIPOn(vip, "eni_network_interface.b"),
					env.checkNICOn("eni_network_interface.b", "eni_server.two"),
				),
			},
			{Config: config("b"), PlanOnly: true},
			{ResourceName: vip, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				Config:            config(""),
				ConfigPlanChecks:  expectAction(vip, plancheck.ResourceActionUpdate),
				ConfigStateChecks: kept(expectValue(vip, "network_interface_id", knownvalue.Null())),
				Check:             env.checkVirtualIPOn(vip, ""),
			},
		},
	})
}

// An address left out is allocated, stays through a move, and plans no
// change afterwards; changing ip_address replaces the virtual IP.
func TestAccVirtualIPResource_allocated(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	config := func(nic, ip string) string {
		return env.config("", testAccVirtualIPTopology+hclVirtualIP("test", hclArg{"ip_address", quoted(ip)}, boundTo("eni_network_interface."+nic+".id")))
	}
	sameAddress := statecheck.CompareValue(compare.ValuesSame())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config("a", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(vip, "ip_address", knownvalue.StringRegexp(regexp.MustCompile(`^10\.0\.1\.\d+$`))),
					sameAddress.AddStateValue(vip, tfjsonpath.New("ip_address")),
				},
			},
			{
				Config:            config("b", ""),
				ConfigPlanChecks:  expectAction(vip, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{sameAddress.AddStateValue(vip, tfjsonpath.New("ip_address"))},
			},
			{
				Config:           config("b", "10.0.1.77"),
				ConfigPlanChecks: expectAction(vip, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(vip, "ip_address", knownvalue.StringExact("10.0.1.77")),
				},
				Check: env.checkVirtualIPOn(vip, "eni_network_interface.b"),
			},
		},
	})
}

// A replaced virtual IP that keeps its address gets it back: the old one
// is destroyed first, and the plan of the new one counts neither the
// address nor the room the old one holds. On the small server's full NIC,
// the plan would otherwise refuse the new one (rule 15).
func TestAccVirtualIPResource_replaceKeepsAddress(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	config := func(trigger string) string {
		return env.config("", testAccVirtualIPTopology+fmt.Sprintf(`
resource "terraform_data" "trigger" {
  input = %q
}

resource "eni_virtual_ip" "test" {
  subnet_id            = eni_subnet.a.id
  ip_address           = "10.0.1.60"
  network_interface_id = eni_server.small.primary_network_interface_id

  lifecycle {
    replace_triggered_by = [terraform_data.trigger]
  }
}
`, trigger))
	}
	replaced := statecheck.CompareValue(compare.ValuesDiffer())
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config("1"), ConfigStateChecks: []statecheck.StateCheck{replaced.AddStateValue(vip, tfjsonpath.New("id"))}},
			{
				Config:           config("2"),
				ConfigPlanChecks: expectAction(vip, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					replaced.AddStateValue(vip, tfjsonpath.New("id")),
					expectValue(vip, "ip_address", knownvalue.StringExact("10.0.1.60")),
					statecheck.CompareValuePairs(vip, tfjsonpath.New("network_interface_id"), "eni_server.small", tfjsonpath.New("primary_network_interface_id"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccVirtualIPResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	config := env.config("", testAccVirtualIPTopology+hclVirtualIP("test", boundTo("eni_network_interface.a.id")))
	steps := disappearsSteps(config, vip, env.engine.DeleteVirtualIP)
	steps[1].Check = env.checkVirtualIPOn(vip, "eni_network_interface.a")
	env.test(resource.TestCase{Steps: steps})
}

// A virtual IP unbound or moved outside Terraform is put back by the next apply.
func TestAccVirtualIPResource_movedOutside(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	config := env.config("", testAccVirtualIPTopology+hclVirtualIP("test", boundTo("eni_network_interface.a.id")))
	moveTo := func(nicAddress string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			vipID, err := idOf(s, vip)
			if err != nil {
				return err
			}
			nic := ""
			if nicAddress != "" {
				if nic, err = idOf(s, nicAddress); err != nil {
					return err
				}
			}
			_, err = env.engine.UpdateVirtualIP(context.Background(), vipID, engine.VirtualIPUpdate{NetworkInterfaceID: &nic})
			return err
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config, Check: moveTo("eni_network_interface.b"), ExpectNonEmptyPlan: true},
			{Config: config, ConfigPlanChecks: expectAction(vip, plancheck.ResourceActionUpdate), Check: moveTo(""), ExpectNonEmptyPlan: true},
			{Config: config, ConfigPlanChecks: expectAction(vip, plancheck.ResourceActionUpdate), Check: env.checkVirtualIPOn(vip, "eni_network_interface.a")},
		},
	})
}

// TestAccVirtualIPResource_rulesAtPlan: every rule a virtual IP meets stops
// the plan on the attribute at fault when the facts are known then.
func TestAccVirtualIPResource_rulesAtPlan(t *testing.T) {
	env := newTestEnv(t)
	refused := func(pattern string, vips ...string) resource.TestStep {
		hcl := testAccVirtualIPTopology
		for _, v := range vips {
			hcl += v
		}
		return resource.TestStep{Config: env.config("", hcl), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)` + pattern)}
	}
	atNIC := func(summary, code string) string {
		return `Error: ` + summary + `.*network_interface_id\s+=.*` + codePattern(code)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", testAccVirtualIPTopology)},
			// Rule 5: the NIC of another subnet.
			refused(atNIC("Cannot bind virtual IP", engine.CodeSubnetMismatch)+`.*subnet`,
				hclVirtualIP("test", boundTo("eni_network_interface.other.id"))),
			// Rule 15: the small flavor's NICs hold two addresses; a second
			// virtual IP planned for its primary NIC in the same plan is one too many.
			refused(atNIC("Cannot bind virtual IP", engine.CodePrivateIPAddressLimitExceeded)+`.*at\s+most\s+2.*with\s+the\s+changes\s+of\s+this\s+plan`,
				hclVirtualIP("first", boundTo("eni_server.small.primary_network_interface_id")),
				hclVirtualIP("second", boundTo("eni_server.small.primary_network_interface_id"))),
			// Rule 12: an unknown NIC.
			refused(atNIC("Cannot bind virtual IP", engine.CodeNetworkInterfaceNotFound),
				hclVirtualIP("test", boundTo(quoted("eni-0000000000000000")))),
			refused(`subnet_id\s+=.*`+codePattern(engine.CodeSubnetNotFound),
				hclVirtualIP("test", hclArg{"subnet_id", quoted("subnet-0000000000000000")})),
			// Rule 8: outside the subnet, reserved, not an address.
			refused(`Cannot create virtual IP.*ip_address\s+=.*`+codePattern(engine.CodeInvalidParameterValue)+`.*10\.0\.9\.9\s+is\s+outside\s+subnet`,
				hclVirtualIP("test", hclArg{"ip_address", quoted("10.0.9.9")})),
			refused(`ip_address\s+=.*`+codePattern(engine.CodeInvalidParameterValue)+`.*10\.0\.1\.1\s+is\s+reserved`,
				hclVirtualIP("test", hclArg{"ip_address", quoted("10.0.1.1")})),
			refused(`is\s+not\s+an\s+IPv4\s+address`, hclVirtualIP("test", hclArg{"ip_address", quoted("10.0.1.300")})),
			refused(`Attribute network_interface_id string length must be at least 1`, hclVirtualIP("test", boundTo(`""`))),
			refused(`(?s)Invalid timeout.*timeouts\.create.*above\s+zero`, hclVirtualIP("test", hclArg{"timeouts", `{ create = "0s" }`})),
			{
				// Nothing refused at plan was made.
				Config: env.config("", testAccVirtualIPTopology),
				Check: func(*terraform.State) error {
					list, err := env.engine.ListVirtualIPs(context.Background(), engine.VirtualIPFilter{})
					if err != nil || len(list) != 0 {
						return fmt.Errorf("refused plans left virtual IPs %v (%v)", list, err)
					}
					return nil
				},
			},
		},
	})
}

// TestAccVirtualIPResource_rulesAtApply: what the plan cannot know (a NIC
// or server the same plan creates, an address taken when the apply comes)
// the apply refuses on the attribute at fault, and leaves no virtual IP
// behind.
func TestAccVirtualIPResource_rulesAtApply(t *testing.T) {
	env := newTestEnv(t)
	late := hclNIC("late", "late", "eni_subnet.a2.id") + `
resource "eni_server" "late_small" {
  name              = "late-small"
  flavor            = "s6.small.1"
  availability_zone = "local-1a"
  subnet_id         = eni_subnet.a.id
}
`
	vipCount := func(want int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			list, err := env.engine.ListVirtualIPs(context.Background(), engine.VirtualIPFilter{})
			if err != nil {
				return err
			}
			if len(list) != want {
				return fmt.Errorf("the engine holds %d virtual IPs, want %d: %v", len(list), want, list)
			}
			return env.engine.Check(context.Background())
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", testAccVirtualIPTopology+late+hclVirtualIP("test", boundTo("eni_network_interface.late.id"))),
				ExpectError: regexp.MustCompile(`(?s)Cannot bind virtual IP.*network_interface_id\s+=.*` + codePattern(engine.CodeSubnetMismatch)),
			},
			{Config: env.config("", testAccVirtualIPTopology+late), Check: vipCount(0)},
			{
				// The server is new at plan: its primary NIC's room is judged at apply.
				Config: env.config("", testAccVirtualIPTopology+`
resource "eni_server" "fresh" {
  name              = "fresh"
  flavor            = "s6.small.1"
  availability_zone = "local-1a"
  subnet_id         = eni_subnet.a.id
}
`+hclVirtualIP("first", boundTo("eni_server.fresh.primary_network_interface_id"))+
					hclVirtualIP("second", boundTo("eni_server.fresh.primary_network_interface_id"))),
				ExpectError: regexp.MustCompile(`(?s)Cannot bind virtual IP.*network_interface_id\s+=.*` + codePattern(engine.CodePrivateIPAddressLimitExceeded) + `.*at\s+most\s+2`),
			},
			{Config: env.config("", testAccVirtualIPTopology+late), Check: vipCount(0)},
			{
				// Taken by a NIC: refused at plan, as what the region holds is by default.
				Config:      env.config("", testAccVirtualIPTopology+late+hclVirtualIP("test", hclArg{"ip_address", "eni_network_interface.a.private_ip"})),
				ExpectError: regexp.MustCompile(`(?s)Cannot create virtual IP.*ip_address\s+=.*` + codePattern(engine.CodeIPAddressInUse)),
			},
			{
				// Taken by another virtual IP.
				Config: env.config("", testAccVirtualIPTopology+late+hclVirtualIP("taken", hclArg{"ip_address", quoted("10.0.1.90")})+
					hclVirtualIP("test", hclArg{"ip_address", quoted("10.0.1.90")}, hclArg{"depends_on", "[eni_virtual_ip.taken]"})),
				ExpectError: regexp.MustCompile(`(?s)Cannot create virtual IP.*ip_address\s+=.*` + codePattern(engine.CodeIPAddressInUse) + `.*10\.0\.1\.90`),
			},
			{Config: env.config("", testAccVirtualIPTopology+late+hclVirtualIP("taken", hclArg{"ip_address", quoted("10.0.1.90")})), Check: vipCount(1)},
		},
	})
}

// Three new virtual IPs fill a NIC of flavor s6.large.2 (four addresses) in
// one apply: the apply plans each again before creating it, and the ones
// already created count once.
func TestAccVirtualIPResource_fillANICInOneApply(t *testing.T) {
	env := newTestEnv(t)
	base := testAccMainNetwork + hclServerInA("mid", "s6.large.2")
	nic := "eni_server.mid.primary_network_interface_id"
	// One after the other, so that each is planned again once the one before is created.
	three := hclVirtualIP("v1", boundTo(nic)) +
		hclVirtualIP("v2", boundTo(nic), hclArg{"depends_on", "[eni_virtual_ip.v1]"}) +
		hclVirtualIP("v3", boundTo(nic), hclArg{"depends_on", "[eni_virtual_ip.v2]"})
	fourth := hclVirtualIP("v4", boundTo(nic))
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", base)},
			{
				Config: env.config("", base+three),
				Check: func(s *terraform.State) error {
					rs, ok := s.RootModule().Resources["eni_server.mid"]
					if !ok {
						return fmt.Errorf("eni_server.mid is not in state")
					}
					nicID := rs.Primary.Attributes["primary_network_interface_id"]
					list, err := env.engine.ListVirtualIPs(context.Background(), engine.VirtualIPFilter{NetworkInterfaceID: nicID})
					if err != nil {
						return err
					}
					if len(list) != 3 {
						return fmt.Errorf("%s holds %d virtual IPs, want 3", nicID, len(list))
					}
					return env.engine.Check(context.Background())
				},
			},
			{
				Config:      env.config("", base+three+fourth),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)` + codePattern(engine.CodePrivateIPAddressLimitExceeded) + `.*at\s+most\s+4`),
			},
		},
	})
}

// The ledger counts a move planned before a bind: the address leaving the
// small server's only room makes room for another in the same plan, and a
// third is refused at plan.
func TestAccVirtualIPResource_planCountsAMoveAway(t *testing.T) {
	env := newTestEnv(t)
	small := "eni_server.small.primary_network_interface_id"
	onSmall := func(vip string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			rs, ok := s.RootModule().Resources["eni_server.small"]
			if !ok {
				return fmt.Errorf("eni_server.small is not in state")
			}
			want := rs.Primary.Attributes["primary_network_interface_id"]
			if got := s.RootModule().Resources[vip].Primary.Attributes["network_interface_id"]; got != want {
				return fmt.Errorf("%s is bound to %q, want the small server's %s", vip, got, want)
			}
			return env.engine.Check(context.Background())
		}
	}
	moved := testAccVirtualIPTopology + hclVirtualIP("x", boundTo("eni_network_interface.a.id")) +
		hclVirtualIP("y", boundTo(small), hclArg{"depends_on", "[eni_virtual_ip.x]"})
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.config("", testAccVirtualIPTopology+hclVirtualIP("x", boundTo(small))), Check: onSmall("eni_virtual_ip.x")},
			{
				Config: env.config("", moved),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_virtual_ip.x", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("eni_virtual_ip.y", plancheck.ResourceActionCreate),
				),
				Check: resource.ComposeTestCheckFunc(env.checkVirtualIPOn("eni_virtual_ip.x", "eni_network_interface.a"), onSmall("eni_virtual_ip.y")),
			},
			{
				Config:      env.config("", moved+hclVirtualIP("z", boundTo(small))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Cannot bind virtual IP.*network_interface_id\s+=.*` + codePattern(engine.CodePrivateIPAddressLimitExceeded) + `.*at\s+most\s+2`),
			},
		},
	})
}

// A NIC removed from the configuration while its virtual IP moves to
// another NIC in the same apply: the engine refuses to delete a NIC with a
// virtual IP bound (rule 11), and nothing in the new configuration orders
// the move first, unless the NIC is create_before_destroy, whose destroy
// Terraform defers until its dependents are updated.
func TestAccVirtualIPResource_nicDeletedWithVirtualIP(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	spare := `
resource "eni_network_interface" "spare" {
  subnet_id = eni_subnet.a.id
  name      = "spare"

  lifecycle {
    create_before_destroy = true
  }
}
`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccVirtualIPTopology+spare+hclVirtualIP("test", boundTo("eni_network_interface.spare.id"))),
				Check:  env.checkVirtualIPOn(vip, "eni_network_interface.spare"),
			},
			{
				// The NIC goes and the address moves to b in the same apply.
				Config: env.config("", testAccVirtualIPTopology+hclVirtualIP("test", boundTo("eni_network_interface.b.id"))),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_network_interface.spare", plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(vip, plancheck.ResourceActionUpdate),
				),
				Check: env.checkVirtualIPOn(vip, "eni_network_interface.b"),
			},
			// The final destroy removes the bound virtual IP before its NIC.
		},
	})
}

// A NIC removed from the configuration, with its attachment, while its
// virtual IP moves to another NIC in the same apply. Terraform and OpenTofu
// delete the NIC before they update the virtual IP (the virtual IP depended
// on it), so the deletion moves the virtual IP where the plan takes it.
func TestAccVirtualIPResource_moveOffADeletedNICInOneApply(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	keep := testAccMainNetwork + hclServerInA("one", "c7.large.2") + hclResource("eni_network_interface", "b",
		hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"name", quoted("b")})
	old := hclResource("eni_network_interface", "a", hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"name", quoted("a")}) +
		hclResource("eni_network_interface_attachment", "a",
			hclArg{"network_interface_id", "eni_network_interface.a.id"}, hclArg{"server_id", "eni_server.one.id"})
	var oldNIC string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", keep+old+hclVirtualIP("test", boundTo("eni_network_interface.a.id"))),
				Check: resource.ComposeTestCheckFunc(env.checkVirtualIPOn(vip, "eni_network_interface.a"), func(s *terraform.State) (err error) {
					oldNIC, err = idOf(s, "eni_network_interface.a")
					return err
				}),
			},
			{
				Config: env.config("", keep+hclVirtualIP("test", boundTo("eni_network_interface.b.id"))),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction("eni_network_interface.a", plancheck.ResourceActionDestroy),
					plancheck.ExpectResourceAction(vip, plancheck.ResourceActionUpdate),
				),
				Check: resource.ComposeTestCheckFunc(env.checkVirtualIPOn(vip, "eni_network_interface.b"), func(*terraform.State) error {
					return testAccExpectGone("eni_network_interface.a", lookup(env.engine.GetNetworkInterface)(context.Background(), oldNIC))
				}),
			},
		},
	})
}

// A NIC holding a virtual IP made outside Terraform is not deleted
// (rule 11) until the virtual IP goes, and the refusal says that nothing in
// the apply moves it.
func TestAccVirtualIPResource_blocksNICDestroy(t *testing.T) {
	env := newTestEnv(t)
	spare := hclNIC("spare", "spare", "eni_subnet.a.id")
	var made engine.VirtualIP
	env.test(resource.TestCase{
		Steps: env.blockedDestroySteps(blockedDestroy{
			with:    testAccMainNetwork + spare,
			without: testAccMainNetwork,
			after:   testAccMainNetwork + spare,
			refused: regexp.MustCompile(`(?s)Cannot delete network interface.*` + codePattern(engine.CodeDependencyViolation) + `.*virtual\s+IP.*` +
				`moves\s+or\s+destroys\s+none\s+of\s+vip-[0-9a-f]{16}:\s+unbind\s+or\s+delete\s+it\s+where\s+it\s+is\s+managed`),
			block: func(s *terraform.State) error {
				nicID, err := idOf(s, "eni_network_interface.spare")
				if err != nil {
					return err
				}
				subnetID, err := idOf(s, "eni_subnet.a")
				if err != nil {
					return err
				}
				made, err = env.engine.CreateVirtualIP(context.Background(), engine.VirtualIPInput{SubnetID: subnetID, NetworkInterfaceID: nicID})
				return err
			},
			kept: testAccEngineCheck{"the virtual IP is kept", func(ctx context.Context, _ *tfjson.State) error {
				_, err := env.engine.GetVirtualIP(ctx, made.ID)
				return err
			}},
			unblock: func() error { return env.engine.DeleteVirtualIP(context.Background(), made.ID) },
		}),
	})
}

// On the CLIs that store identities, the virtual IP's identity is { id }
// and an import by identity gives it back.
func TestAccVirtualIPResource_identity(t *testing.T) {
	env := newTestEnv(t)
	const vip = "eni_virtual_ip.test"
	env.test(resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccVirtualIPTopology+hclVirtualIP("test", boundTo("eni_network_interface.a.id"))),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(vip, map[string]knownvalue.Check{"id": knownvalue.StringRegexp(vipIDPattern)}),
					statecheck.ExpectIdentityValueMatchesState(vip, tfjsonpath.New("id")),
				},
			},
			identityImportStep(vip),
		},
	})
}
