package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testAccFailoverTopology is the seed's failover story: servers in one
// subnet (or wherever extra HCL puts them) and a floating NIC with a group
// and an EIP.
var testAccFailoverTopology = testAccMainNetwork +
	hclServerInA("active", "c7.large.2") + hclServerInA("standby", "c7.large.2") + hclServerInA("tiny", "s6.small.1") + `
resource "eni_security_group" "web" {
  vpc_id = eni_vpc.main.id
  name   = "web"
}
` + hclNICInGroup("floating", "eni_subnet.a.id", "eni_security_group.web.id") + `
resource "eni_eip" "public" {
  network_interface_id = eni_network_interface.floating.id
}
`

func testAccAttachmentConfig(server string) string {
	return testAccFailoverTopology + testAccAttach("floating", "eni_network_interface.floating.id", server)
}

func TestAccNetworkInterfaceAttachmentResource_move(t *testing.T) {
	env := newTestEnv(t)
	const att = "eni_network_interface_attachment.floating"
	samePrivateIP := statecheck.CompareValue(compare.ValuesSame())
	sameMAC := statecheck.CompareValue(compare.ValuesSame())
	sameGroups := statecheck.CompareValue(compare.ValuesSame())
	samePublicIP := statecheck.CompareValue(compare.ValuesSame())
	newAttachmentID := statecheck.CompareValue(compare.ValuesDiffer())
	kept := func() []statecheck.StateCheck {
		return []statecheck.StateCheck{
			samePrivateIP.AddStateValue("eni_network_interface.floating", tfjsonpath.New("private_ip")),
			sameMAC.AddStateValue("eni_network_interface.floating", tfjsonpath.New("mac_address")),
			sameGroups.AddStateValue("eni_network_interface.floating", tfjsonpath.New("security_group_ids")),
			samePublicIP.AddStateValue("eni_eip.public", tfjsonpath.New("public_ip")),
			newAttachmentID.AddStateValue(att, tfjsonpath.New("attachment_id")),
		}
	}
	onServer := func(server string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(att, tfjsonpath.New("server_id"), "eni_server."+server, tfjsonpath.New("id"), compare.ValuesSame())
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccAttachmentConfig("active")),
				ConfigStateChecks: append(kept(),
					onServer("active"),
					statecheck.CompareValuePairs(att, tfjsonpath.New("id"), "eni_network_interface.floating", tfjsonpath.New("id"), compare.ValuesSame()),
					expectValue(att, "device_index", knownvalue.Int64Exact(1)),
					expectValue(att, "attachment_id", knownvalue.StringRegexp(regexp.MustCompile(`^eni-attach-[0-9a-f]{16}$`))),
				),
			},
			{
				// The failover: one changed argument, one in-place update.
				Config: env.config("", testAccAttachmentConfig("standby")),
				ConfigPlanChecks: preApply(
					plancheck.ExpectResourceAction(att, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(att, tfjsonpath.New("attachment_id")),
				),
				ConfigStateChecks: append(kept(), onServer("standby")),
				Check:             env.checkNICOn("eni_network_interface.floating", "eni_server.standby"),
			},
			{
				// A target without a free slot is refused and the NIC stays on the standby.
				Config:      env.config("", testAccAttachmentConfig("tiny")),
				ExpectError: regexp.MustCompile(`AttachmentLimitExceeded`),
			},
			{
				Config:             env.config("", testAccAttachmentConfig("standby")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: false,
			},
			{
				ResourceName:            att,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
		},
	})
}

func TestAccNetworkInterfaceAttachmentResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	const att = "eni_network_interface_attachment.floating"
	steps := disappearsSteps(env.config("", testAccAttachmentConfig("active")), att, func(ctx context.Context, id string) error {
		_, err := env.engine.DetachNetworkInterface(ctx, id)
		return err
	})
	steps[1].Check = env.checkNICOn("eni_network_interface.floating", "eni_server.active")
	env.test(resource.TestCase{
		Steps: steps,
	})
}

func TestAccNetworkInterfaceAttachmentResource_deviceIndex(t *testing.T) {
	env := newTestEnv(t)
	const att = "eni_network_interface_attachment.floating"
	withIndex := func(server string, index int) string {
		return testAccFailoverTopology + fmt.Sprintf(`
resource "eni_network_interface_attachment" "floating" {
  network_interface_id = eni_network_interface.floating.id
  server_id            = eni_server.%s.id
  device_index         = %d

  timeouts = {
    create = "1m"
  }
}
`, server, index)
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:      env.config("", withIndex("active", 0)),
				ExpectError: regexp.MustCompile(`between 1 and 11, got: 0`),
				PlanOnly:    true,
			},
			{
				Config:      env.config("", withIndex("active", 3)),
				ExpectError: regexp.MustCompile(`(?s)InvalidParameterValue.*device\s+index\s+3\s+cannot\s+be\s+used`),
			},
			{
				Config: env.config("", withIndex("active", 2)),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(att, "device_index", knownvalue.Int64Exact(2)),
				},
			},
			{
				Config:           env.config("", withIndex("active", 1)),
				ConfigPlanChecks: expectAction(att, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(att, "device_index", knownvalue.Int64Exact(1)),
				},
			},
		},
	})
}

// testAccRuleTopology has one server in local-1a and NICs that break each rule.
var testAccRuleTopology = testAccMainNetwork + hclServerInA("main", "c7.large.2") + hclServerInA("other", "c7.large.2") +
	hclResource("eni_vpc", "other", hclArg{"name", `"other"`}, hclArg{"cidr", `"192.168.0.0/16"`}) +
	hclSubnet("a2", "eni_vpc.main.id", "10.0.2.0/24", "local-1a") +
	hclSubnet("b", "eni_vpc.main.id", "10.0.3.0/24", "local-1b") +
	hclSubnet("foreign", "eni_vpc.other.id", "192.168.1.0/24", "local-1a") +
	hclNIC("same", "same", "eni_subnet.a.id") +
	hclNIC("other_subnet", "other-subnet", "eni_subnet.a2.id") +
	hclNIC("other_zone", "other-zone", "eni_subnet.b.id") +
	hclNIC("other_vpc", "other-vpc", "eni_subnet.foreign.id")

func testAccAttach(name, nic, server string) string {
	return fmt.Sprintf(`
resource "eni_network_interface_attachment" %q {
  network_interface_id = %s
  server_id            = eni_server.%s.id
}
`, name, nic, server)
}

// TestAccNetworkInterfaceAttachmentResource_rules triggers every attachment
// rule from HCL and checks the engine is left as it was.
func TestAccNetworkInterfaceAttachmentResource_rules(t *testing.T) {
	env := newTestEnv(t)
	loose := newTestEnvWithRule(t, engine.SameVPC)
	unchanged := func(e *testEnv) resource.TestCheckFunc {
		return func(*terraform.State) error {
			in, err := e.engine.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{Status: engine.StatusInUse})
			if err != nil {
				return err
			}
			for _, n := range in {
				if !n.Primary {
					return fmt.Errorf("refused attachments left %s attached to %s", n.ID, n.ServerID)
				}
			}
			return e.engine.Check(context.Background())
		}
	}
	steps := []resource.TestStep{{Config: env.config("", testAccRuleTopology), Check: unchanged(env)}}
	for _, c := range []struct {
		attach string
		err    string
	}{
		{testAccAttach("primary", "eni_server.other.primary_network_interface_id", "main"), `OperationNotPermitted`},
		{testAccAttach("zone", "eni_network_interface.other_zone.id", "main"), `AvailabilityZoneMismatch.*local-1b`},
		{testAccAttach("vpc", "eni_network_interface.other_vpc.id", "main"), `VpcMismatch`},
		{testAccAttach("subnet", "eni_network_interface.other_subnet.id", "main"), `SubnetMismatch.*same_vpc`},
	} {
		steps = append(steps, resource.TestStep{
			Config:      env.config("", testAccRuleTopology+c.attach),
			ExpectError: regexp.MustCompile(`(?s)` + c.err),
		}, resource.TestStep{Config: env.config("", testAccRuleTopology), Check: unchanged(env)})
	}
	// The same NIC attached twice: the second one is refused as in use.
	steps = append(steps, resource.TestStep{
		Config: env.config("", testAccRuleTopology+testAccAttach("first", "eni_network_interface.same.id", "main")+
			testAccAttach("second", "eni_network_interface.same.id", "other")),
		ExpectError: regexp.MustCompile(`InvalidNetworkInterface\.InUse`),
	})
	env.test(resource.TestCase{
		Steps: steps,
	})

	// With same_vpc the other subnet of the VPC is allowed.
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config: loose.config(engine.SameVPC, testAccRuleTopology+testAccAttach("subnet", "eni_network_interface.other_subnet.id", "main")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("eni_network_interface_attachment.subnet", tfjsonpath.New("server_id"), "eni_server.main", tfjsonpath.New("id"), compare.ValuesSame()),
			},
		}},
	})
}
