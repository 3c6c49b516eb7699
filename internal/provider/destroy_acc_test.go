package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The CLIs run a normal plan of the whole configuration before every
// destroy, unless it is `destroy -refresh=false`. A plan refused by what the
// region holds (region_conflicts_at_plan) therefore blocks a plain destroy
// by default, and the refusal names -refresh=false; with "warning" a plain
// destroy goes through.
//
// How terraform-plugin-testing runs them: a Destroy step is `plan -destroy`
// (with its refresh, so with that normal plan) and an apply of the plan, a
// plain destroy; the destroy after the last step is
// `destroy -refresh=false` (plugintest.WorkingDir.Destroy). So a refused
// Destroy step followed by the final destroy and CheckDestroy tests the
// remedy as users run it.

// regionConflict is a configuration that someone outside Terraform leaves
// without room, or without an object it names, after it was applied.
type regionConflict struct {
	applied string         // HCL applied first
	config  string         // HCL the destroy plans with
	change  func()         // what someone does outside Terraform meanwhile
	refusal *regexp.Regexp // the plan's refusal; nil when plan cannot see the conflict
}

// regionConflictCases are the conflicts that can stand between a configuration
// and its destroy, each built on a fresh region.
var regionConflictCases = []struct {
	name  string
	build func(t *testing.T, env *testEnv) regionConflict
}{
	{"full server", fullServer},
	{"address held elsewhere", addressHeldElsewhere},
	{"full subnet", fullSubnet},
	{"server deleted elsewhere", serverDeletedElsewhere},
	{"subnet deleted elsewhere", subnetDeletedElsewhere},
}

// attachmentTo is an attachment of the NIC eni_network_interface.test.
func attachmentTo(serverID string) string {
	return hclResource("eni_network_interface_attachment", "test",
		hclArg{"network_interface_id", "eni_network_interface.test.id"},
		hclArg{"server_id", quoted(serverID)})
}

func fullServer(t *testing.T, env *testEnv) regionConflict {
	f := newComputeFixture(t, env)
	host := f.server("host", "c7.large.2") // 2 extension slots
	nic := nicArgs{Subnet: f.subnet.ID}.hcl()
	return regionConflict{
		applied: nic, config: nic + attachmentTo(host.ID),
		change: func() {
			for i := 1; i <= 2; i++ {
				if err := f.attach(f.nic(f.subnet.ID, "").ID, host.ID, i); err != nil {
					t.Fatal(err)
				}
			}
		},
		refusal: atAttr("server_id", codePattern(engine.CodeAttachmentLimitExceeded)),
	}
}

func addressHeldElsewhere(t *testing.T, env *testEnv) regionConflict {
	f := newComputeFixture(t, env)
	const ip = "10.0.1.50"
	first := nicArgs{Name: "first", Subnet: f.subnet.ID}.hcl()
	wanted := hclResource("eni_network_interface", "wanted",
		hclArg{"name", quoted("wanted")}, hclArg{"subnet_id", quoted(f.subnet.ID)}, hclArg{"private_ip", quoted(ip)})
	return regionConflict{
		applied: first, config: first + wanted,
		change:  func() { f.nic(f.subnet.ID, ip) },
		refusal: atAttr("private_ip", codePattern(engine.CodeIPAddressInUse)),
	}
}

// fullSubnet: a full subnet is found out by allocating an address, at
// apply; plan does not see it, so no destroy is blocked by it.
func fullSubnet(t *testing.T, env *testEnv) regionConflict {
	f := newComputeFixture(t, env)
	first := nicArgs{Name: "first", Subnet: f.subnet.ID}.hcl()
	inTiny := hclResource("eni_network_interface", "tiny", hclArg{"name", quoted("tiny")}, hclArg{"subnet_id", quoted(f.tiny.ID)})
	return regionConflict{
		applied: first, config: first + inTiny,
		change: func() {
			for range 13 { // every usable address of the /28
				f.nic(f.tiny.ID, "")
			}
		},
	}
}

func serverDeletedElsewhere(t *testing.T, env *testEnv) regionConflict {
	f := newComputeFixture(t, env)
	host := f.server("host", "c7.large.2")
	config := nicArgs{Subnet: f.subnet.ID}.hcl() + attachmentTo(host.ID)
	return regionConflict{
		applied: config, config: config,
		change: func() { // the NIC is detached with it (rule 13)
			if err := env.engine.DeleteServer(context.Background(), host.ID); err != nil {
				t.Fatal(err)
			}
		},
		refusal: atAttr("server_id", codePattern(engine.CodeServerNotFound)),
	}
}

func subnetDeletedElsewhere(t *testing.T, env *testEnv) regionConflict {
	f := newComputeFixture(t, env)
	ctx := context.Background()
	s, err := env.engine.CreateSubnet(ctx, engine.SubnetInput{VPCID: f.vpc.ID, Name: "gone", CIDR: "10.0.4.0/24", AvailabilityZone: "local-1a"})
	if err != nil {
		t.Fatal(err)
	}
	config := nicArgs{Subnet: s.ID}.hcl()
	return regionConflict{
		applied: config, config: config,
		change: func() { // its network interfaces first, as a subnet in use is never deleted
			nics, err := env.engine.ListNetworkInterfaces(ctx, engine.NetworkInterfaceFilter{SubnetID: s.ID})
			for _, n := range nics {
				err = cmpErr(err, env.engine.DeleteNetworkInterface(ctx, n.ID))
			}
			if err = cmpErr(err, env.engine.DeleteSubnet(ctx, s.ID)); err != nil {
				t.Fatal(err)
			}
		},
		refusal: atAttr("subnet_id", codePattern(engine.CodeSubnetNotFound)),
	}
}

// cmpErr keeps the first error.
func cmpErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// configAt prefixes HCL with a provider block on the env's store with
// region_conflicts_at_plan set to setting ("" leaves it out).
func (e *testEnv) configAt(setting, hcl string) string {
	block := fmt.Sprintf("provider \"eni\" {\n  store = %q\n", e.store)
	if setting != "" {
		block += fmt.Sprintf("  region_conflicts_at_plan = %q\n", setting)
	}
	return block + "}\n\n" + hcl
}

// withDestroyRemedy matches a refusal whose detail names destroy -refresh=false.
func withDestroyRemedy(refusal *regexp.Regexp) *regexp.Regexp {
	return regexp.MustCompile(refusal.String() + `.*destroy\s+-refresh=false`)
}

// destroySteps apply c, then have c's change made and destroy, with
// region_conflicts_at_plan = setting ("" leaves it out). When refused, the
// destroy expects c's refusal with its remedy (if plan can see the
// conflict); otherwise it goes through and leaves nothing.
func (c regionConflict) destroySteps(env *testEnv, setting string, refused bool) []resource.TestStep {
	destroy := resource.TestStep{PreConfig: c.change, Config: env.configAt(setting, c.config), Destroy: true, Check: env.checkDestroyed}
	if refused && c.refusal != nil {
		destroy.ExpectError, destroy.Check = withDestroyRemedy(c.refusal), nil
	}
	return []resource.TestStep{{Config: env.configAt(setting, c.applied)}, destroy}
}

// By default the plan before a destroy is refused with the code and the
// remedy, and the remedy, destroy -refresh=false, destroys everything.
func TestAccDestroy_regionConflictsBlockAPlainDestroyByDefault(t *testing.T) {
	for _, rc := range regionConflictCases {
		t.Run(rc.name, func(t *testing.T) {
			env := newTestEnv(t)
			c := rc.build(t, env)
			env.test(resource.TestCase{
				// After the refused destroy, the final destroy is
				// destroy -refresh=false; CheckDestroy finds nothing left.
				Steps: c.destroySteps(env, "", true),
			})
		})
	}
}

// With region_conflicts_at_plan = "warning" a plain destroy goes through
// whatever the region holds.
func TestAccDestroy_regionConflictsAsWarningsLetAPlainDestroyThrough(t *testing.T) {
	for _, rc := range regionConflictCases {
		t.Run(rc.name, func(t *testing.T) {
			env := newTestEnv(t)
			c := rc.build(t, env)
			env.test(resource.TestCase{Steps: c.destroySteps(env, "warning", false)})
		})
	}
}

// ENI_REGION_CONFLICTS_AT_PLAN sets region_conflicts_at_plan when the
// provider block does not; the argument wins; a bad value from either is
// refused at plan on the argument.
func TestAccDestroy_regionConflictsSetting(t *testing.T) {
	t.Run("environment", func(t *testing.T) {
		t.Setenv(RegionConflictsEnvVar, "warning")
		env := newTestEnv(t)
		c := fullServer(t, env)
		env.test(resource.TestCase{Steps: c.destroySteps(env, "", false)})
	})
	t.Run("argument wins", func(t *testing.T) {
		t.Setenv(RegionConflictsEnvVar, "warning")
		env := newTestEnv(t)
		c := fullServer(t, env)
		env.test(resource.TestCase{Steps: c.destroySteps(env, "error", true)})
	})
	t.Run("bad values", func(t *testing.T) {
		env := newTestEnv(t)
		nic := nicArgs{Subnet: "subnet-0000000000000000"}.hcl()
		env.test(resource.TestCase{
			Steps: []resource.TestStep{
				{
					Config: env.configAt("warn", nic), PlanOnly: true,
					ExpectError: regexp.MustCompile(`(?s)region_conflicts_at_plan\s+=\s+"warn".*must\s+be\s+one\s+of.*"error"\s+"warning"`),
				},
				{
					PreConfig: func() { t.Setenv(RegionConflictsEnvVar, "Warning") },
					Config:    env.configAt("", nic), PlanOnly: true,
					ExpectError: regexp.MustCompile(`(?s)Invalid\s+region_conflicts_at_plan.*The\s+ENI_REGION_CONFLICTS_AT_PLAN\s+environment\s+variable\s+is\s+"Warning";\s+it\s+must\s+be\s+one\s+of`),
				},
			},
		})
	})
}

// What the configuration itself gets wrong stays an error under "warning".
func TestAccDestroy_configurationMistakesStayErrorsUnderWarning(t *testing.T) {
	env := newTestEnv(t)
	f := newComputeFixture(t, env)
	host := f.server("host", "c7.large.2") // in local-1a
	inZoneB := nicArgs{Subnet: f.subnetB.ID}.hcl()
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: env.configAt("warning", inZoneB)},
			{
				Config: env.configAt("warning", inZoneB+attachmentTo(host.ID)), PlanOnly: true,
				ExpectError: atAttr("server_id", codePattern(engine.CodeAvailabilityZoneMismatch)),
			},
			{
				Config: env.configAt("warning", nicArgs{Subnet: f.subnet.ID, PrivateIP: "10.0.1.1"}.hcl()), PlanOnly: true,
				ExpectError: atAttr("private_ip", codePattern(engine.CodeInvalidParameterValue)+`.*10\.0\.1\.1\s+is\s+reserved`),
			},
		},
	})
}
