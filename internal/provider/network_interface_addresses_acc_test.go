package provider

import (
	"context"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
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

const testNIC = "eni_network_interface.test"

// nicWith renders eni_network_interface.test in subnetID with extra
// arguments (HCL lines).
func nicWith(subnetID string, extra ...hclArg) string {
	return hclResource("eni_network_interface", "test", append([]hclArg{{"name", `"data"`}, {"subnet_id", quoted(subnetID)}}, extra...)...)
}

func countArg(name string, n int) hclArg { return hclArg{name, fmt.Sprint(n)} }

func setArg(name string, addrs ...string) hclArg {
	return hclArg{name, hclStringList(append([]string{}, addrs...))}
}

// expectAddresses checks a NIC's set attribute and its count in state.
func expectAddresses(set, count string, addrs ...string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		expectValue(testNIC, set, knownvalue.SetExact(stringChecks(addrs...))),
		expectValue(testNIC, count, knownvalue.Int64Exact(int64(len(addrs)))),
	}
}

// expectEngineSecondaries reports when the engine's NIC holds other
// secondary IPs than want.
func (e *testEnv) expectEngineSecondaries(want ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, testNIC)
		if err != nil {
			return err
		}
		n, err := e.engine.GetNetworkInterface(context.Background(), id)
		if err != nil {
			return err
		}
		if !slices.Equal(n.SecondaryPrivateIPs, want) && !(len(want) == 0 && len(n.SecondaryPrivateIPs) == 0) {
			return fmt.Errorf("network interface %s holds secondary IPs %v, want %v", id, n.SecondaryPrivateIPs, want)
		}
		return e.checkInvariants(s)
	}
}

var emptyPlan = preApply(plancheck.ExpectEmptyPlan())

// Secondary IPs asked for by count: allocated lowest free first, changed in
// place (the highest given back), read back after drift, imported, and never
// a diff once applied.
func TestAccNetworkInterfaceResource_secondaryIPCount(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	config := func(n int) string {
		return env.config("", nicWith(f.subnet.ID, countArg("secondary_private_ip_count", n)))
	}
	var mac string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: config(2),
				ConfigStateChecks: append(expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.3", "10.0.1.4"),
					expectValue(testNIC, "private_ip", knownvalue.StringExact("10.0.1.2"))),
				Check: resource.ComposeTestCheckFunc(env.expectEngineSecondaries("10.0.1.3", "10.0.1.4"), func(s *terraform.State) error {
					mac = s.RootModule().Resources[testNIC].Primary.Attributes["mac_address"]
					return nil
				}),
			},
			{Config: config(2), ConfigPlanChecks: emptyPlan},
			{
				Config:            config(3),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.3", "10.0.1.4", "10.0.1.5"), expectValue(testNIC, "mac_address", sameAs(&mac))),
			},
			{
				Config:            config(1),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.3"),
				Check:             env.expectEngineSecondaries("10.0.1.3"),
			},
			{Config: config(1), ConfigPlanChecks: emptyPlan},
			importStep(testNIC),
			{
				// Drift: an address added outside Terraform is given back.
				PreConfig: func() {
					n, _ := env.engine.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: f.subnet.ID})
					if _, err := env.engine.UpdateNetworkInterface(context.Background(), n[0].ID, engine.NetworkInterfaceUpdate{
						SecondaryPrivateIPs: &engine.AddressRequest{Addresses: []string{"10.0.1.3", "10.0.1.40"}}}); err != nil {
						t.Errorf("adding an address outside Terraform: %v", err)
					}
				},
				Config:            config(1),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.3"),
				Check:             env.expectEngineSecondaries("10.0.1.3"),
			},
			{
				// Omitting the count keeps what the NIC holds.
				Config:           env.config("", nicWith(f.subnet.ID)),
				ConfigPlanChecks: emptyPlan,
			},
			{
				Config:            config(0),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count"),
				Check:             env.expectEngineSecondaries(),
			},
		},
	})
}

// Secondary IPs asked for by name: the count follows at plan, addresses
// change in place by difference, switching between the two forms plans
// nothing when the NIC already holds what the other asks for.
func TestAccNetworkInterfaceResource_secondaryIPSet(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	byName := func(addrs ...string) string {
		return env.config("", nicWith(f.subnet.ID, setArg("secondary_private_ips", addrs...)))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: byName("10.0.1.20", "10.0.1.21"),
				ConfigPlanChecks: preApply(plancheck.ExpectKnownValue(testNIC, tfjsonpath.New("secondary_private_ip_count"), knownvalue.Int64Exact(2)),
					plancheck.ExpectUnknownValue(testNIC, tfjsonpath.New("private_ip"))),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.20", "10.0.1.21"),
				Check:             env.expectEngineSecondaries("10.0.1.20", "10.0.1.21"),
			},
			{Config: byName("10.0.1.21", "10.0.1.20"), ConfigPlanChecks: emptyPlan},
			{
				Config:            byName("10.0.1.21", "10.0.1.22", "10.0.1.23"),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.21", "10.0.1.22", "10.0.1.23"),
				Check:             env.expectEngineSecondaries("10.0.1.21", "10.0.1.22", "10.0.1.23"),
			},
			{Config: byName("10.0.1.21", "10.0.1.22", "10.0.1.23"), ConfigPlanChecks: emptyPlan},
			importStep(testNIC),
			{
				// The same number by count: nothing to change.
				Config:           env.config("", nicWith(f.subnet.ID, countArg("secondary_private_ip_count", 3))),
				ConfigPlanChecks: emptyPlan,
			},
			{
				// Drift: an address removed outside Terraform comes back.
				PreConfig: func() {
					n, _ := env.engine.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: f.subnet.ID})
					if _, err := env.engine.UpdateNetworkInterface(context.Background(), n[0].ID, engine.NetworkInterfaceUpdate{
						SecondaryPrivateIPs: &engine.AddressRequest{Count: 1}}); err != nil {
						t.Errorf("removing addresses outside Terraform: %v", err)
					}
				},
				Config:            byName("10.0.1.21", "10.0.1.22", "10.0.1.23"),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count", "10.0.1.21", "10.0.1.22", "10.0.1.23"),
			},
			{
				Config:            byName(),
				ConfigPlanChecks:  preApply(plancheck.ExpectKnownValue(testNIC, tfjsonpath.New("secondary_private_ip_count"), knownvalue.Int64Exact(0))),
				ConfigStateChecks: expectAddresses("secondary_private_ips", "secondary_private_ip_count"),
				Check:             env.expectEngineSecondaries(),
			},
		},
	})
}

// Rule 8 on each named secondary IP, and the count and set refused
// together, all at plan on the argument at fault; nothing is created.
func TestAccNetworkInterfaceResource_secondaryIPRules(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	taken := f.nic(f.subnet.ID, "10.0.1.10")
	byName := func(addrs ...string) string {
		return env.config("", nicWith(f.subnet.ID, setArg("secondary_private_ips", addrs...)))
	}
	refusedAtPlan := func(config string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{PreConfig: func() { f.expectNICsIn(f.subnet.ID, 1) }, Config: config, PlanOnly: true, ExpectError: want}
	}
	refusedAtApply := func(config string, want *regexp.Regexp, nics int) resource.TestStep {
		return resource.TestStep{PreConfig: func() { f.expectNICsIn(f.subnet.ID, nics) }, Config: config, ExpectError: want}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			refusedAtPlan(byName("10.0.9.9"), atAttr("secondary_private_ips", `\[InvalidParameterValue\].*10.0.9.9\s+is\s+outside\s+subnet`)),
			refusedAtPlan(byName("10.0.1.255"), atAttr("secondary_private_ips", `\[InvalidParameterValue\].*10.0.1.255\s+is\s+reserved`)),
			refusedAtPlan(byName("10.0.1.1"), atAttr("secondary_private_ips", `\[InvalidParameterValue\].*10.0.1.1\s+is\s+reserved`)),
			// An address held now is refused, at plan by default.
			refusedAtApply(byName("10.0.1.10"), atAttr("secondary_private_ips", codePattern(engine.CodeIPAddressInUse)+`.*`+taken.ID), 1),
			refusedAtPlan(byName("not-an-ip"), atAttr("secondary_private_ips", `not-an-ip`)),
			refusedAtPlan(env.config("", nicWith(f.subnet.ID, setArg("secondary_private_ips", "10.0.1.20"), countArg("secondary_private_ip_count", 1))),
				regexp.MustCompile(`(?s)secondary_private_ip_count.*cannot\s+be\s+specified\s+when|cannot\s+be\s+specified\s+when.*secondary_private_ip`)),
			refusedAtPlan(env.config("", nicWith(f.subnet.ID, countArg("secondary_private_ip_count", -1))),
				atAttr("secondary_private_ip_count", `\[InvalidParameterValue\]`)),
			{
				// In use by the NIC's own update is no conflict: it keeps it.
				PreConfig: func() { f.expectNICsIn(f.subnet.ID, 1) },
				Config:    byName("10.0.1.20"),
				Check:     env.expectEngineSecondaries("10.0.1.20"),
			},
			refusedAtApply(byName("10.0.1.20", "10.0.1.10"), atAttr("secondary_private_ips", codePattern(engine.CodeIPAddressInUse)+`.*`+taken.ID), 2),
			{
				// The refused update left the NIC as it was.
				Config: byName("10.0.1.20"), ConfigPlanChecks: emptyPlan,
				Check: env.expectEngineSecondaries("10.0.1.20"),
			},
		},
	})
}

// Rule 15 on a NIC's own secondary IPs: at plan on the argument at fault
// (the flavor's cap once attached); beyond 49, what no NIC holds anywhere
// (50 on no server or on the largest flavor, the primary among them), the
// count is refused before any subnet is looked at, at plan, or at apply
// when the count is known only then.
func TestAccNetworkInterfaceResource_privateIPLimit(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	srv := f.server("small", "s6.large.2") // 4 private IPs per NIC
	byCount := func(n int) string {
		return env.config("", nicWith(f.subnet.ID, countArg("secondary_private_ip_count", n)))
	}
	limit := codePattern(engine.CodePrivateIPAddressLimitExceeded)
	beyond := codePattern(engine.CodeInvalidParameterValue) + `.*50\s+secondary\s+private\s+IPv4\s+addresses.*at\s+most\s+49\s+besides\s+its\s+primary\s+IP`
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: byCount(50), PlanOnly: true, ExpectError: atAttr("secondary_private_ip_count", beyond)},
			{
				// Known only at apply: refused then, on the same argument.
				PreConfig: func() { f.expectNICsIn(f.subnet.ID, 1) },
				Config: env.config("", `
resource "terraform_data" "n" {
  input = 50
}
`+nicWith(f.subnet.ID, hclArg{"secondary_private_ip_count", "terraform_data.n.output"})),
				// The count's validator judges it once known, before the create.
				ExpectError: atAttr("secondary_private_ip_count", beyond),
			},
			{
				PreConfig: func() { f.expectNICsIn(f.subnet.ID, 1) }, // the primary NIC of the server
				Config:    byCount(3),
				Check: func(s *terraform.State) error {
					id, err := idOf(s, testNIC)
					if err != nil {
						return err
					}
					return f.attach(id, srv.ID, 1)
				},
			},
			{Config: byCount(4), PlanOnly: true, ExpectError: atAttr("secondary_private_ip_count", limit+`.*flavor\s+s6.large.2\s+takes\s+at\s+most\s+4`)},
			{
				Config:      env.config("", nicWith(f.subnet.ID, setArg("secondary_private_ips", "10.0.1.50", "10.0.1.51", "10.0.1.52", "10.0.1.53"))),
				PlanOnly:    true,
				ExpectError: atAttr("secondary_private_ips", limit),
			},
			{
				Config:           byCount(2),
				ConfigPlanChecks: expectAction(testNIC, plancheck.ResourceActionUpdate),
				Check: resource.ComposeTestCheckFunc(env.expectEngineSecondaries("10.0.1.4", "10.0.1.5"), func(s *terraform.State) error {
					id, _ := idOf(s, testNIC)
					_, err := env.engine.DetachNetworkInterface(context.Background(), id)
					return err
				}),
			},
		},
	})
}

// source_dest_check: true by default, turned off and on in place, drift
// corrected, imported.
func TestAccNetworkInterfaceResource_sourceDestCheck(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	config := func(check string) string {
		return env.config("", nicWith(f.subnet.ID, hclArg{"source_dest_check", check}))
	}
	expect := func(want bool) []statecheck.StateCheck {
		return []statecheck.StateCheck{expectValue(testNIC, "source_dest_check", knownvalue.Bool(want))}
	}
	engineSays := func(want bool) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			id, err := idOf(s, testNIC)
			if err != nil {
				return err
			}
			n, err := env.engine.GetNetworkInterface(context.Background(), id)
			if err == nil && n.SourceDestCheck != want {
				err = fmt.Errorf("engine has source_dest_check %v, want %v", n.SourceDestCheck, want)
			}
			return err
		}
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: config(""), ConfigStateChecks: expect(true), Check: engineSays(true)},
			{Config: config("false"), ConfigPlanChecks: expectAction(testNIC, plancheck.ResourceActionUpdate), ConfigStateChecks: expect(false), Check: engineSays(false)},
			{Config: config("false"), ConfigPlanChecks: emptyPlan},
			importStep(testNIC),
			{
				PreConfig: func() {
					n, _ := env.engine.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: f.subnet.ID})
					on := true
					if _, err := env.engine.UpdateNetworkInterface(context.Background(), n[0].ID, engine.NetworkInterfaceUpdate{SourceDestCheck: &on}); err != nil {
						t.Errorf("turning the check on outside Terraform: %v", err)
					}
				},
				Config:            config("false"),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expect(false),
				Check:             engineSays(false),
			},
			{Config: config("true"), ConfigPlanChecks: expectAction(testNIC, plancheck.ResourceActionUpdate), ConfigStateChecks: expect(true), Check: engineSays(true)},
		},
	})
}

// ipv6Fixture is a VPC and a subnet with IPv6, made through the engine.
type ipv6Fixture struct {
	vpc    engine.VPC
	subnet engine.Subnet // 10.0.1.0/24 with a /64
}

func newIPv6Fixture(t *testing.T, env *testEnv) ipv6Fixture {
	t.Helper()
	ctx := context.Background()
	vpc, err := env.engine.CreateVPC(ctx, engine.VPCInput{Name: "dual", CIDR: "10.0.0.0/16", IPv6Enabled: true})
	if err != nil {
		t.Fatalf("fixture VPC: %v", err)
	}
	s, err := env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "dual", CIDR: "10.0.1.0/24", AvailabilityZone: "local-1a", IPv6Enabled: true})
	if err != nil {
		t.Fatalf("fixture subnet: %v", err)
	}
	return ipv6Fixture{vpc, s}
}

// host is the address of the subnet's /64 whose host part is h.
func (f ipv6Fixture) host(h byte) string {
	b := netip.MustParsePrefix(f.subnet.IPv6CIDR).Addr().As16()
	b[15] = h
	return netip.AddrFrom16(b).String()
}

// IPv6 addresses by count and by name: allocated in the subnet's /64,
// changed in place, imported, no diff on a second plan; refused at plan
// beyond 10 and in a subnet without IPv6.
func TestAccNetworkInterfaceResource_ipv6(t *testing.T) {
	env := newTestEnv(t)
	f := newIPv6Fixture(t, env)
	v4, err := env.engine.CreateSubnet(context.Background(), engine.SubnetInput{VPCID: f.vpc.ID, Name: "v4", CIDR: "10.0.2.0/24", AvailabilityZone: "local-1a"})
	if err != nil {
		t.Fatal(err)
	}
	byCount := func(n int) string {
		return env.config("", nicWith(f.subnet.ID, countArg("ipv6_address_count", n)))
	}
	byName := func(addrs ...string) string {
		return env.config("", nicWith(f.subnet.ID, setArg("ipv6_addresses", addrs...)))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:            byCount(2),
				ConfigStateChecks: expectAddresses("ipv6_addresses", "ipv6_address_count", f.host(1), f.host(2)),
			},
			{Config: byCount(2), ConfigPlanChecks: emptyPlan},
			{
				Config:            byCount(3),
				ConfigPlanChecks:  expectAction(testNIC, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectAddresses("ipv6_addresses", "ipv6_address_count", f.host(1), f.host(2), f.host(3)),
			},
			importStep(testNIC),
			{
				Config:            byName(f.host(1), f.host(0x99)),
				ConfigPlanChecks:  preApply(plancheck.ExpectKnownValue(testNIC, tfjsonpath.New("ipv6_address_count"), knownvalue.Int64Exact(2))),
				ConfigStateChecks: expectAddresses("ipv6_addresses", "ipv6_address_count", f.host(1), f.host(0x99)),
			},
			{Config: byName(f.host(0x99), f.host(1)), ConfigPlanChecks: emptyPlan},
			{Config: byCount(2), ConfigPlanChecks: emptyPlan},
			{Config: byCount(11), PlanOnly: true, ExpectError: atAttr("ipv6_address_count", `\[InvalidParameterValue\].*at\s+most\s+10`)},
			{Config: byName("10.0.1.9"), PlanOnly: true, ExpectError: atAttr("ipv6_addresses", `10.0.1.9`)},
			{
				Config:      env.config("", nicWith(v4.ID, countArg("ipv6_address_count", 1))),
				PlanOnly:    true,
				ExpectError: atAttr("ipv6_address_count", `\[InvalidParameterValue\].*`+v4.ID+`\s+has\s+no\s+IPv6\s+range`),
			},
			{
				Config:      env.config("", nicWith(v4.ID, setArg("ipv6_addresses", f.host(5)))),
				PlanOnly:    true,
				ExpectError: atAttr("ipv6_addresses", `\[InvalidParameterValue\].*`+v4.ID+`\s+has\s+no\s+IPv6\s+range`),
			},
			{
				Config:            byCount(0),
				ConfigStateChecks: expectAddresses("ipv6_addresses", "ipv6_address_count"),
			},
		},
	})
}

// The data source reads the new attributes, and finds a NIC by any of its
// secondary IPs as by its primary one.
func TestAccNetworkInterfaceDataSource_addresses(t *testing.T) {
	env := newTestEnv(t)
	f := newIPv6Fixture(t, env)
	config := env.config("", nicWith(f.subnet.ID, setArg("secondary_private_ips", "10.0.1.20", "10.0.1.21"),
		countArg("ipv6_address_count", 1), hclArg{"source_dest_check", "false"})+`
data "eni_network_interface" "by_id" {
  id = eni_network_interface.test.id
}

data "eni_network_interface" "by_secondary" {
  subnet_id  = eni_network_interface.test.subnet_id
  private_ip = "10.0.1.21"
}
`)
	checks := sameAttributes(testNIC, "data.eni_network_interface.by_id", "id", "secondary_private_ips", "secondary_private_ip_count", "source_dest_check", "ipv6_addresses", "ipv6_address_count")
	checks = append(checks,
		statecheck.CompareValuePairs(testNIC, tfjsonpath.New("id"), "data.eni_network_interface.by_secondary", tfjsonpath.New("id"), compare.ValuesSame()),
		expectValue("data.eni_network_interface.by_id", "source_dest_check", knownvalue.Bool(false)),
		expectValue("data.eni_network_interface.by_id", "ipv6_addresses", knownvalue.SetExact(stringChecks(f.host(1)))),
	)
	env.test(resource.TestCase{Steps: []resource.TestStep{{Config: config, ConfigStateChecks: checks}}})
}

// IPv6 addresses in a subnet the same plan creates without IPv6 can only be
// judged at apply, which refuses them on the argument the user set.
func TestAccNetworkInterfaceResource_ipv6RefusedAtApply(t *testing.T) {
	env := newTestEnv(t)
	f := newIPv6Fixture(t, env)
	config := env.config("", hclResource("eni_subnet", "v4", hclArg{"vpc_id", quoted(f.vpc.ID)}, hclArg{"name", `"v4"`},
		hclArg{"cidr", `"10.0.2.0/24"`}, hclArg{"availability_zone", `"local-1a"`})+
		hclResource("eni_network_interface", "test", hclArg{"name", `"data"`}, hclArg{"subnet_id", "eni_subnet.v4.id"}, countArg("ipv6_address_count", 1)))
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: atAttr("ipv6_address_count", `\[InvalidParameterValue\].*has\s+no\s+IPv6\s+range`),
		}},
	})
}
