package provider

// Helpers shared by the acceptance tests of several resources and data
// sources. The provider factories and testAccPreCheck stay in
// provider_test.go.

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testEnv is one acceptance test's private region: a fresh SQLite store the
// provider under test and the test's own checks both open.
type testEnv struct {
	t      *testing.T
	store  string
	engine *engine.Engine
}

func newTestEnv(t *testing.T) *testEnv {
	return newTestEnvWithRule(t, "")
}

func newTestEnvWithRule(t *testing.T, rule string) *testEnv {
	t.Helper()
	store := filepath.Join(storeDir(t), "engine.db")
	eng, err := openEngine(context.Background(), store, engine.Options{AttachmentSubnetRule: rule})
	if err != nil {
		t.Fatalf("opening test store: %v", err)
	}
	return &testEnv{t: t, store: store, engine: eng}
}

// storeDir is a directory for one test's store, removed after the test.
// Unlike t.TempDir, a failed removal fails no test: a provider server of
// the test's last CLI run may still hold the store open, and SQLite
// recreate its -wal or -shm file, while the directory is being removed.
func storeDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "eni-acc-")
	if err != nil {
		t.Fatalf("making the test's store directory: %v", err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// test runs tc with the provider under test on the env's store; unless tc
// has its own CheckDestroy, checkDestroyed checks after the final destroy
// that nothing of the state is left.
func (e *testEnv) test(tc resource.TestCase) {
	e.t.Helper()
	tc.PreCheck = func() { testAccPreCheck(e.t) }
	tc.ProtoV6ProviderFactories = testAccProtoV6ProviderFactories
	if tc.CheckDestroy == nil {
		tc.CheckDestroy = e.checkDestroyed
	}
	resource.Test(e.t, tc)
}

// config prefixes HCL with a provider block pointing at the env's store.
func (e *testEnv) config(rule, hcl string) string {
	block := fmt.Sprintf("provider \"eni\" {\n  store = %q\n", e.store)
	if rule != "" {
		block += fmt.Sprintf("  attachment_subnet_rule = %q\n", rule)
	}
	return block + "}\n\n" + hcl
}

// checkInvariants runs the engine's invariant checker as a TestCheckFunc.
func (e *testEnv) checkInvariants(_ *terraform.State) error {
	return e.engine.Check(context.Background())
}

// Finding objects in state and checking the engine behind them.

// deleteOutside is a check that deletes the object at address with del,
// as someone outside Terraform would.
func deleteOutside(address string, del func(context.Context, string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, address)
		if err != nil {
			return err
		}
		return del(context.Background(), id)
	}
}

// idOf returns the ID of a resource address in state.
func idOf(s *terraform.State, address string) (string, error) {
	rs, ok := s.RootModule().Resources[address]
	if !ok {
		return "", fmt.Errorf("%s is not in state", address)
	}
	return rs.Primary.ID, nil
}

// testAccEngineCheck is a state check that asserts on the engine itself,
// given the Terraform state so that it can look up IDs.
type testAccEngineCheck struct {
	what  string
	check func(ctx context.Context, state *tfjson.State) error
}

func (c testAccEngineCheck) CheckState(ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if err := c.check(ctx, req.State); err != nil {
		resp.Error = fmt.Errorf("%s: %w", c.what, err)
	}
}

// testAccStateID returns the id of a resource address in a JSON state.
func testAccStateID(state *tfjson.State, address string) (string, error) {
	if state != nil && state.Values != nil && state.Values.RootModule != nil {
		for _, r := range state.Values.RootModule.Resources {
			if r.Address == address {
				if id, ok := r.AttributeValues["id"].(string); ok {
					return id, nil
				}
			}
		}
	}
	return "", fmt.Errorf("%s is not in state", address)
}

// testAccVPCCount counts the VPCs the store holds.
func (e *testEnv) testAccVPCCount(ctx context.Context) (int, error) {
	st, err := sharedStore(ctx, e.store)
	if err != nil {
		return 0, err
	}
	n := 0
	err = st.View(ctx, func(tx engine.Tx) error {
		vpcs, err := tx.ListVPCs()
		n = len(vpcs)
		return err
	})
	return n, err
}

// testAccExpectGone fails unless err says the object does not exist.
func testAccExpectGone(what string, err error) error {
	if err == nil {
		return fmt.Errorf("%s still exists", what)
	}
	if !engine.IsNotFound(err) {
		return err
	}
	return nil
}

// checkNICOn asserts through the engine that a NIC sits on a server.
func (e *testEnv) checkNICOn(nicAddress, serverAddress string) resource.TestCheckFunc {
	return e.checkHeldBy(nicAddress, serverAddress, "on server", func(ctx context.Context, id string) (string, error) {
		n, err := e.engine.GetNetworkInterface(ctx, id)
		return n.ServerID, err
	})
}

// checkHeldBy asserts through the engine that the object at address is
// held by the one at holderAddress ("" for none), as holderOf reads the
// holder's ID ("on server", "bound to" says how in the failure), and that
// the engine's invariants hold.
func (e *testEnv) checkHeldBy(address, holderAddress, how string, holderOf func(context.Context, string) (string, error)) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		id, err := idOf(s, address)
		if err != nil {
			return err
		}
		want := ""
		if holderAddress != "" {
			if want, err = idOf(s, holderAddress); err != nil {
				return err
			}
		}
		got, err := holderOf(context.Background(), id)
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("engine has %s %s %q, want %q", id, how, got, want)
		}
		return e.engine.Check(context.Background())
	}
}

// What a refusal looks like in the CLI output, and what a plan must do.

// codePattern matches an engine code as diagnostics quote it.
func codePattern(c string) string {
	return `\[` + regexp.QuoteMeta(c) + `\]`
}

// matchCode matches a diagnostic quoting an engine code.
func matchCode(c string) *regexp.Regexp {
	return regexp.MustCompile(codePattern(c))
}

// atAttr matches a diagnostic reported on attr (Terraform quotes the
// configuration line of the attribute at fault) whose text matches pattern.
func atAttr(attr, pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)\d+:\s+` + regexp.QuoteMeta(attr) + `\s+=.*` + pattern)
}

// preApply checks the plan of a step before it is applied.
func preApply(checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: checks}
}

// importStep imports address and expects the very state the apply wrote.
func importStep(address string) resource.TestStep {
	return resource.TestStep{ResourceName: address, ImportState: true, ImportStateVerify: true}
}

// expectAction checks that the plan of a step does action to address.
func expectAction(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return preApply(plancheck.ExpectResourceAction(address, action))
}

// changeStep applies config, expecting its plan to do action to address,
// and then checks the state.
func changeStep(config, address string, action plancheck.ResourceActionType, checks ...statecheck.StateCheck) resource.TestStep {
	return resource.TestStep{Config: config, ConfigPlanChecks: expectAction(address, action), ConfigStateChecks: checks}
}

// expectInEngine checks, through get, the engine's object whose ID state
// holds at address: what names the check, holds reports what is wrong.
func expectInEngine[T any](what, address string, get func(context.Context, string) (T, error), holds func(T) error) statecheck.StateCheck {
	return testAccEngineCheck{what, func(ctx context.Context, state *tfjson.State) error {
		id, err := testAccStateID(state, address)
		if err != nil {
			return err
		}
		obj, err := get(ctx, id)
		if err != nil {
			return err
		}
		return holds(obj)
	}}
}

// Configuration builders.

// testAccVPC is eni_vpc.test, 10.0.0.0/16.
const testAccVPC = `
resource "eni_vpc" "test" {
  name = "net"
  cidr = "10.0.0.0/16"
}
`

// testAccMainNetwork is eni_vpc.main, 10.0.0.0/16, with eni_subnet.a,
// 10.0.1.0/24 in local-1a.
var testAccMainNetwork = `
resource "eni_vpc" "main" {
  name = "main"
  cidr = "10.0.0.0/16"
}
` + hclSubnet("a", "eni_vpc.main.id", "10.0.1.0/24", "local-1a")

// hclArg is one argument of a resource block: its name and its value as
// an HCL expression ("" leaves the argument out).
type hclArg struct{ name, value string }

// hclResource renders a resource block with its arguments in order.
func hclResource(typ, name string, args ...hclArg) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\nresource %q %q {\n", typ, name)
	for _, a := range args {
		if a.value != "" {
			fmt.Fprintf(&b, "  %s = %s\n", a.name, a.value)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// quoted is s as an HCL string; "" stays "" and so leaves the argument out.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return strconv.Quote(s)
}

// hclStringList renders strings as an HCL tuple; nil leaves the argument out.
func hclStringList(values []string) string {
	if values == nil {
		return ""
	}
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// hclServerInA renders an eni_server of flavor in eni_subnet.a.
func hclServerInA(name, flavor string) string {
	return hclResource("eni_server", name,
		hclArg{"name", quoted(name)},
		hclArg{"flavor", quoted(flavor)},
		hclArg{"availability_zone", quoted("local-1a")},
		hclArg{"subnet_id", "eni_subnet.a.id"},
	)
}

// hclSubnet renders an eni_subnet named name in the VPC at vpc (an HCL
// expression).
func hclSubnet(name, vpc, cidr, zone string) string {
	return hclResource("eni_subnet", name,
		hclArg{"vpc_id", vpc},
		hclArg{"name", quoted(name)},
		hclArg{"cidr", quoted(cidr)},
		hclArg{"availability_zone", quoted(zone)},
	)
}

// hclNIC renders an eni_network_interface block res named name in the
// subnet at subnet (an HCL expression).
func hclNIC(res, name, subnet string) string {
	return hclResource("eni_network_interface", res, hclArg{"subnet_id", subnet}, hclArg{"name", quoted(name)})
}

// hclNICInGroup renders eni_network_interface.<name> in the subnet at
// subnet with the security group at group (HCL expressions).
func hclNICInGroup(name, subnet, group string) string {
	return hclResource("eni_network_interface", name, hclArg{"subnet_id", subnet}, hclArg{"name", quoted(name)},
		hclArg{"security_group_ids", "[" + group + "]"})
}

// serverArgs renders an eni_server "test" block; empty fields are left out.
type serverArgs struct {
	Name, Kind, Flavor, Zone, Subnet, PrivateIP string
	Groups                                      []string // nil: omitted
	SourceDestCheck                             string   // "true", "false" or "" (omitted)
}

func (a serverArgs) hcl() string {
	return hclResource("eni_server", "test",
		hclArg{"name", quoted(cmp.Or(a.Name, "web"))},
		hclArg{"kind", quoted(a.Kind)},
		hclArg{"flavor", quoted(cmp.Or(a.Flavor, "c7.large.2"))},
		hclArg{"availability_zone", quoted(cmp.Or(a.Zone, "local-1a"))},
		hclArg{"subnet_id", quoted(a.Subnet)},
		hclArg{"private_ip", quoted(a.PrivateIP)},
		hclArg{"security_group_ids", hclStringList(a.Groups)},
		hclArg{"source_dest_check", a.SourceDestCheck},
	)
}

// nicArgs renders an eni_network_interface "test" block; empty fields are left out.
type nicArgs struct {
	Name, Description, Subnet, PrivateIP string
	Groups                               []string // nil: omitted
}

func (a nicArgs) hcl() string {
	return hclResource("eni_network_interface", "test",
		hclArg{"name", quoted(cmp.Or(a.Name, "data"))},
		hclArg{"subnet_id", quoted(a.Subnet)},
		hclArg{"description", quoted(a.Description)},
		hclArg{"private_ip", quoted(a.PrivateIP)},
		hclArg{"security_group_ids", hclStringList(a.Groups)},
	)
}

// stringChecks expects exactly these strings, in this order.
func stringChecks(ids ...string) []knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return checks
}

// computeFixture is a small region made through the engine, so that the
// server and network interface tests stand on their own and their
// configurations hold only the resources under test.
type computeFixture struct {
	t       *testing.T
	env     *testEnv
	vpc     engine.VPC
	subnet  engine.Subnet          // 10.0.1.0/24 in local-1a, gateway 10.0.1.1
	subnetB engine.Subnet          // 10.0.2.0/24 in local-1b
	tiny    engine.Subnet          // 10.0.3.0/28 in local-1a: 13 assignable addresses
	groups  []engine.SecurityGroup // six groups of vpc
	foreign engine.SecurityGroup   // a group of another VPC
}

func newComputeFixture(t *testing.T, env *testEnv) *computeFixture {
	t.Helper()
	ctx := context.Background()
	f := &computeFixture{t: t, env: env}
	var err error
	must := func(what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture %s: %v", what, err)
		}
	}
	f.vpc, err = env.engine.CreateVPC(ctx, engine.VPCInput{Name: "compute", CIDR: "10.0.0.0/16"})
	must("vpc")
	f.subnet, err = env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: f.vpc.ID, Name: "a", CIDR: "10.0.1.0/24", AvailabilityZone: "local-1a"})
	must("subnet")
	f.subnetB, err = env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: f.vpc.ID, Name: "b", CIDR: "10.0.2.0/24", AvailabilityZone: "local-1b"})
	must("subnet b")
	f.tiny, err = env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: f.vpc.ID, Name: "tiny", CIDR: "10.0.3.0/28", AvailabilityZone: "local-1a"})
	must("tiny subnet")
	for i := range 6 {
		var g engine.SecurityGroup
		g, err = env.engine.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: f.vpc.ID, Name: fmt.Sprintf("sg%d", i)})
		must("security group")
		f.groups = append(f.groups, g)
	}
	other, err := env.engine.CreateVPC(ctx, engine.VPCInput{Name: "other", CIDR: "10.1.0.0/16"})
	must("other vpc")
	f.foreign, err = env.engine.CreateSecurityGroup(ctx, engine.SecurityGroupInput{VPCID: other.ID, Name: "foreign"})
	must("foreign group")
	return f
}

// sg returns the ID of the fixture's i-th security group.
func (f *computeFixture) sg(i int) string { return f.groups[i].ID }

func (f *computeFixture) sgs(n int) []string {
	ids := make([]string, n)
	for i := range n {
		ids[i] = f.sg(i)
	}
	return ids
}

// nic creates an available extension NIC through the engine.
func (f *computeFixture) nic(subnetID, ip string) engine.NetworkInterface {
	f.t.Helper()
	n, err := f.env.engine.CreateNetworkInterface(context.Background(), engine.NetworkInterfaceInput{SubnetID: subnetID, Name: "seeded", PrivateIP: ip})
	if err != nil {
		f.t.Fatalf("seeding a network interface: %v", err)
	}
	return n
}

// server creates a server in the fixture's main subnet through the engine.
func (f *computeFixture) server(name, flavor string) engine.ServerDetails {
	f.t.Helper()
	d, err := f.env.engine.CreateServer(context.Background(), engine.ServerInput{
		Name: name, Flavor: flavor, AvailabilityZone: "local-1a", SubnetID: f.subnet.ID,
	})
	if err != nil {
		f.t.Fatalf("seeding a server: %v", err)
	}
	return d
}

// attach attaches a NIC at a device index through the engine.
func (f *computeFixture) attach(nicID, serverID string, index int) error {
	_, err := f.env.engine.AttachNetworkInterface(context.Background(), engine.AttachInput{NetworkInterfaceID: nicID, ServerID: serverID, DeviceIndex: &index})
	return err
}

// expectNICsIn reports (without stopping the test) when a subnet does not
// hold exactly want NICs: after a refused apply the engine must hold what it held.
func (f *computeFixture) expectNICsIn(subnetID string, want int) {
	f.t.Helper()
	list, err := f.env.engine.ListNetworkInterfaces(context.Background(), engine.NetworkInterfaceFilter{SubnetID: subnetID})
	if err != nil {
		f.t.Errorf("listing network interfaces: %v", err)
		return
	}
	if len(list) != want {
		f.t.Errorf("subnet %s holds %d network interfaces, want %d", subnetID, len(list), want)
	}
}

// expectGroups reports when the NIC nicID does not hold exactly groups.
func (f *computeFixture) expectGroups(nicID string, groups ...string) error {
	n, err := f.env.engine.GetNetworkInterface(context.Background(), nicID)
	if err != nil {
		return err
	}
	got, want := slices.Sorted(slices.Values(n.SecurityGroupIDs)), slices.Sorted(slices.Values(groups))
	if !slices.Equal(got, want) {
		return fmt.Errorf("network interface %s holds groups %v, want %v", n.ID, got, want)
	}
	return nil
}

// privateIPRuleSteps seeds the fixture (10.0.1.10 taken in its subnet, its
// tiny subnet full) and returns the steps in which a NIC or server that
// config renders (in subnetID, asking for ip unless it is "") is refused
// for each wrong private_ip, on private_ip, and for a full subnet, on
// subnet_id, each leaving the engine as it was. A step after them starts
// with PreConfig: f.expectSeededOnly.
func (f *computeFixture) privateIPRuleSteps(config func(subnetID, ip string) string) []resource.TestStep {
	taken := f.nic(f.subnet.ID, "10.0.1.10")
	for range 13 {
		f.nic(f.tiny.ID, "")
	}
	refused := func(ip string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{PreConfig: f.expectSeededOnly, Config: config(f.subnet.ID, ip), ExpectError: want}
	}
	return []resource.TestStep{
		refused("10.0.9.9", atAttr("private_ip", `\[InvalidParameterValue\].*10.0.9.9\s+is\s+outside\s+subnet`)),
		refused("10.0.1.0", atAttr("private_ip", `\[InvalidParameterValue\].*10.0.1.0\s+is\s+reserved`)),
		refused("10.0.1.1", atAttr("private_ip", `\[InvalidParameterValue\].*10.0.1.1\s+is\s+reserved`)),
		refused("10.0.1.255", atAttr("private_ip", `\[InvalidParameterValue\].*10.0.1.255\s+is\s+reserved`)),
		refused(taken.PrivateIP, atAttr("private_ip", `\[InvalidIPAddress\.InUse\].*`+taken.ID)),
		refused("10.0.1.300", regexp.MustCompile(`is\s+not\s+an\s+IPv4\s+address`)),
		refused("not-an-ip", regexp.MustCompile(`is\s+not\s+an\s+IPv4\s+address`)),
		{
			// A full subnet is only found out at apply, by allocating.
			PreConfig:   f.expectSeededOnly,
			Config:      config(f.tiny.ID, ""),
			ExpectError: atAttr("subnet_id", codePattern(engine.CodeInsufficientFreeAddresses)),
		},
	}
}

// securityGroupRuleSteps returns the steps in which a NIC or server that
// config renders with security groups ids is refused for a group that does
// not exist, a group of another VPC and one group too many (rule 10), on
// security_group_ids: at create, each leaving no NIC behind, then, once it
// is created with f.sg(0) (kept checks that it holds it), at update, where
// the bad group comes beside the one it holds, each leaving it as it was.
func (f *computeFixture) securityGroupRuleSteps(config func(ids ...string) string, kept resource.TestCheckFunc) []resource.TestStep {
	none := func() { f.expectNICsIn(f.subnet.ID, 0) }
	refusals := func(preConfig func(), held ...string) []resource.TestStep {
		refused := func(want *regexp.Regexp, ids ...string) resource.TestStep {
			return resource.TestStep{PreConfig: preConfig, Config: config(ids...), ExpectError: want}
		}
		return []resource.TestStep{
			refused(atAttr("security_group_ids", codePattern(engine.CodeGroupNotFound)), slices.Concat(held, []string{"sg-0000000000000000"})...),
			refused(atAttr("security_group_ids", `\[InvalidParameterValue\].*belongs\s+to\s+VPC`), slices.Concat(held, []string{f.foreign.ID})...),
			refused(atAttr("security_group_ids", codePattern(engine.CodeSecurityGroupsPerInterfaceLimit)), f.sgs(6)...),
		}
	}
	return slices.Concat(
		refusals(none),
		[]resource.TestStep{{PreConfig: none, Config: config(f.sg(0)), Check: kept}},
		refusals(nil, f.sg(0)),
	)
}

// expectSeededOnly reports when the fixture's subnets hold other NICs than
// those privateIPRuleSteps seeded.
func (f *computeFixture) expectSeededOnly() {
	f.t.Helper()
	f.expectNICsIn(f.subnet.ID, 1)
	f.expectNICsIn(f.tiny.ID, 13)
}

// refusedRead is a data source block's arguments, HCL lines, and the error
// reading it is refused with.
type refusedRead struct {
	args string
	want *regexp.Regexp
}

// refusedReads are the steps in which a block of data source typ with the
// arguments of each read, beside the configuration hcl, is refused as the
// read expects.
func (e *testEnv) refusedReads(hcl, typ string, reads ...refusedRead) []resource.TestStep {
	steps := make([]resource.TestStep, len(reads))
	for i, r := range reads {
		steps[i] = resource.TestStep{Config: e.config("", hcl+"data \""+typ+"\" \"x\" {\n"+r.args+"\n}\n"), ExpectError: r.want}
	}
	return steps
}

// disappearsSteps applies config, deletes the object at address with del
// as someone outside Terraform would, and expects the next plan to create
// it again, with recreated besides: the refresh drops it from state
// instead of failing.
func disappearsSteps(config, address string, del func(context.Context, string) error, recreated ...plancheck.PlanCheck) []resource.TestStep {
	return []resource.TestStep{
		{Config: config, Check: deleteOutside(address, del), ExpectNonEmptyPlan: true},
		{Config: config, ConfigPlanChecks: preApply(append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate)}, recreated...)...)},
	}
}

// blockedDestroy is a destroy that something made outside Terraform
// refuses (rule 11).
type blockedDestroy struct {
	with    string                 // HCL holding the object
	without string                 // HCL without it, whose apply is refused
	after   string                 // HCL of what the refused apply leaves in state
	refused *regexp.Regexp         // the refusal
	block   resource.TestCheckFunc // makes what depends on the object, through the engine
	kept    statecheck.StateCheck  // what the engine holds after the refusal
	unblock func() error           // removes what blocked the destroy
}

// blockedDestroySteps applies with and blocks the object's destroy, is
// refused applying without, then plans nothing for after, and destroys
// everything once unblocked.
func (e *testEnv) blockedDestroySteps(b blockedDestroy) []resource.TestStep {
	return []resource.TestStep{
		{Config: e.config("", b.with), Check: b.block},
		{Config: e.config("", b.without), ExpectError: b.refused},
		{Config: e.config("", b.after), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()), ConfigStateChecks: []statecheck.StateCheck{b.kept}},
		{
			PreConfig: func() {
				if err := b.unblock(); err != nil {
					e.t.Fatalf("removing what blocked the destroy: %v", err)
				}
			},
			Config: e.config("", ""),
		},
	}
}

// vpcInUse is the destroy of eni_vpc.test that an object made outside
// Terraform in the VPC refuses, while the managed object of the same type
// in it goes first (rule 11).
type vpcInUse struct {
	with        string                                                  // HCL of eni_vpc.test and the managed object
	managed     string                                                  // the managed object's address
	what        string                                                  // what the objects are, in messages
	makeBlocker func(ctx context.Context, vpcID string) (string, error) // makes the blocker in the VPC, through the engine
	blockerKept func(ctx context.Context, vpcID, blockerID string) error
	get         func(ctx context.Context, id string) error // finds an object of the type
	del         func(ctx context.Context, id string) error // deletes one
}

// vpcInUseSteps are the blockedDestroySteps of u: the refusal names the
// VPC, and the engine keeps the VPC and the blocker while the managed
// object is gone.
func (e *testEnv) vpcInUseSteps(u vpcInUse) []resource.TestStep {
	var managedID, blockerID string
	return e.blockedDestroySteps(blockedDestroy{
		with:    u.with,
		without: "",
		after:   testAccVPC, // the managed object went before the refusal
		refused: regexp.MustCompile(`Cannot delete VPC(.|\n)*DependencyViolation`),
		block: func(s *terraform.State) error {
			vpcID, err := idOf(s, "eni_vpc.test")
			if err != nil {
				return err
			}
			if managedID, err = idOf(s, u.managed); err != nil {
				return err
			}
			blockerID, err = u.makeBlocker(context.Background(), vpcID)
			return err
		},
		kept: testAccEngineCheck{"engine keeps the VPC and the blocker", func(ctx context.Context, state *tfjson.State) error {
			vpcID, err := testAccStateID(state, "eni_vpc.test")
			if err != nil {
				return err
			}
			if _, err := e.engine.GetVPC(ctx, vpcID); err != nil {
				return err
			}
			if err := u.blockerKept(ctx, vpcID, blockerID); err != nil {
				return err
			}
			return testAccExpectGone("managed "+u.what+" "+managedID, u.get(ctx, managedID))
		}},
		unblock: func() error { return u.del(context.Background(), blockerID) },
	})
}

// nicInUse is the destroy of the object at managed that a network
// interface made outside Terraform in eni_subnet.test still uses (rule 11).
type nicInUse struct {
	with    string // HCL of eni_subnet.test and the object
	without string // HCL without the object, whose apply is refused
	managed string // the object's address
	what    string // what the object is, as the refusal names it
	nic     func(subnetID, managedID string) engine.NetworkInterfaceInput
	get     func(ctx context.Context, id string) error              // finds the object
	uses    func(n engine.NetworkInterface, managedID string) error // reports when n does not use it
}

// nicInUseSteps are the blockedDestroySteps of u: the refusal names the
// object, and the engine keeps it and the NIC that uses it.
func (e *testEnv) nicInUseSteps(u nicInUse) []resource.TestStep {
	var nicID string
	return e.blockedDestroySteps(blockedDestroy{
		with:    u.with,
		without: u.without,
		after:   u.with,
		refused: regexp.MustCompile(`Cannot delete ` + u.what + `(.|\n)*DependencyViolation`),
		block: func(s *terraform.State) error {
			subnetID, err := idOf(s, "eni_subnet.test")
			if err != nil {
				return err
			}
			managedID, err := idOf(s, u.managed)
			if err != nil {
				return err
			}
			nic, err := e.engine.CreateNetworkInterface(context.Background(), u.nic(subnetID, managedID))
			nicID = nic.ID
			return err
		},
		kept: testAccEngineCheck{"engine keeps the " + u.what + " and the NIC using it", func(ctx context.Context, state *tfjson.State) error {
			managedID, err := testAccStateID(state, u.managed)
			if err != nil {
				return err
			}
			if err := u.get(ctx, managedID); err != nil {
				return err
			}
			n, err := e.engine.GetNetworkInterface(ctx, nicID)
			if err != nil {
				return err
			}
			return u.uses(n, managedID)
		}},
		unblock: func() error { return e.engine.DeleteNetworkInterface(context.Background(), nicID) },
	})
}

// expectValue checks the value of a top-level attribute of address in state.
func expectValue(address, attr string, value knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New(attr), value)
}

// sameAttributes checks that a and b hold the same value in each of attrs,
// as a data source and the resource it reads do.
func sameAttributes(a, b string, attrs ...string) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, len(attrs))
	for i, attr := range attrs {
		checks[i] = statecheck.CompareValuePairs(a, tfjsonpath.New(attr), b, tfjsonpath.New(attr), compare.ValuesSame())
	}
	return checks
}
