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

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// testAccACLNetwork is eni_vpc.test (10.0.0.0/16) with eni_subnet.a and
// eni_subnet.b, two network ACLs of it (eni_network_acl.one and .two) and
// eni_vpc.other with eni_network_acl.foreign.
var testAccACLNetwork = testAccSecurityGroupVPCs +
	hclSubnet("a", "eni_vpc.test.id", "10.0.1.0/24", "local-1a") +
	hclSubnet("b", "eni_vpc.test.id", "10.0.2.0/24", "local-1b") + `
resource "eni_network_acl" "one" {
  vpc_id  = eni_vpc.test.id
  name    = "one"
  ingress = [{ action = "deny", protocol = "tcp", port_range_min = 22, port_range_max = 22, remote_cidr = "0.0.0.0/0" }]
}

resource "eni_network_acl" "two" {
  vpc_id = eni_vpc.test.id
  name   = "two"
}

resource "eni_network_acl" "foreign" {
  vpc_id = eni_vpc.other.id
  name   = "foreign"
}
`

// hclACLAssociation renders an eni_network_acl_association named name of
// the subnet and the ACL at subnet and acl (HCL expressions).
func hclACLAssociation(name, subnet, acl string) string {
	return hclResource("eni_network_acl_association", name, hclArg{"subnet_id", subnet}, hclArg{"network_acl_id", acl})
}

// expectSubnetFilteredBy checks through the engine that the subnet at
// subnet is associated with the ACL at acl ("" for none).
func (e *testEnv) expectSubnetFilteredBy(subnet, acl string) statecheck.StateCheck {
	return testAccEngineCheck{subnet + " filtered by " + acl, func(ctx context.Context, state *tfjson.State) error {
		subnetID, err := testAccStateID(state, subnet)
		if err != nil {
			return err
		}
		want := ""
		if acl != "" {
			if want, err = testAccStateID(state, acl); err != nil {
				return err
			}
		}
		s, err := e.engine.GetSubnet(ctx, subnetID)
		if err == nil && s.NetworkACLID != want {
			err = fmt.Errorf("engine has subnet %s filtered by %q, want %q", subnetID, s.NetworkACLID, want)
		}
		return err
	}}
}

func TestAccNetworkACLAssociationResource(t *testing.T) {
	env := newTestEnv(t)
	const address = "eni_network_acl_association.test"
	cfg := func(subnet, acl string) string {
		return env.config("", testAccACLNetwork+hclACLAssociation("test", "eni_subnet."+subnet+".id", "eni_network_acl."+acl+".id"))
	}
	same := func(attr, other string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(address, tfjsonpath.New(attr), other, tfjsonpath.New("id"), compare.ValuesSame())
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: cfg("a", "one"),
				ConfigStateChecks: []statecheck.StateCheck{
					expectValue(address, "id", knownvalue.StringRegexp(regexp.MustCompile(`^aclassoc-[0-9a-f]{16}$`))),
					same("subnet_id", "eni_subnet.a"),
					same("network_acl_id", "eni_network_acl.one"),
					env.expectSubnetFilteredBy("eni_subnet.a", "eni_network_acl.one"),
					env.expectSubnetFilteredBy("eni_subnet.b", ""),
				},
			},
			{Config: cfg("a", "one"), ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan())},
			// Another ACL is a switch in place, the association's ID kept.
			{
				Config:           cfg("a", "two"),
				ConfigPlanChecks: expectAction(address, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					same("network_acl_id", "eni_network_acl.two"),
					env.expectSubnetFilteredBy("eni_subnet.a", "eni_network_acl.two"),
				},
			},
			importStep(address),
			// Another subnet replaces the association.
			changeStep(cfg("b", "two"), address, plancheck.ResourceActionDestroyBeforeCreate,
				same("subnet_id", "eni_subnet.b"),
				env.expectSubnetFilteredBy("eni_subnet.a", ""),
				env.expectSubnetFilteredBy("eni_subnet.b", "eni_network_acl.two"),
			),
			importStep(address),
			// By its subnet's ID, which a user knows: a subnet has at most one.
			{
				ResourceName: address, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) { return idOf(s, "eni_subnet.b") },
			},
			// Removing the association leaves the subnet unfiltered.
			{
				Config:            env.config("", testAccACLNetwork),
				ConfigStateChecks: []statecheck.StateCheck{env.expectSubnetFilteredBy("eni_subnet.b", "")},
			},
		},
	})
}

func TestAccNetworkACLAssociationResource_disappears(t *testing.T) {
	env := newTestEnv(t)
	env.test(resource.TestCase{
		Steps: disappearsSteps(
			env.config("", testAccACLNetwork+hclACLAssociation("test", "eni_subnet.a.id", "eni_network_acl.one.id")),
			"eni_network_acl_association.test",
			env.engine.DisassociateNetworkACL,
		),
	})
}

// aclAssociatedOutside is a check that associates the subnet at subnet
// with the ACL at acl through the engine, as someone outside Terraform
// would, and keeps the association's ID in *id.
func (e *testEnv) aclAssociatedOutside(subnet, acl string, id *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		subnetID, err := idOf(s, subnet)
		if err != nil {
			return err
		}
		aclID, err := idOf(s, acl)
		if err != nil {
			return err
		}
		a, err := e.engine.AssociateNetworkACL(context.Background(), subnetID, aclID)
		*id = a.ID
		return err
	}
}

// TestAccNetworkACLAssociationResource_refusedAtPlan: an ACL of another VPC
// (on network_acl_id) and a subnet that already has an ACL (on subnet_id)
// are refused at plan (rule 18), on creation and on a switch, and nothing
// changes.
func TestAccNetworkACLAssociationResource_refusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	var outside string
	withAssociation := func(extra string) string {
		return env.config("", testAccACLNetwork+hclACLAssociation("test", "eni_subnet.a.id", "eni_network_acl.one.id")+extra)
	}
	vpcMismatchDetail := codePattern(engine.CodeVpcMismatch) + `.*network\s+ACL\s+acl-[0-9a-f]+\s+is\s+in\s+VPC`
	vpcMismatch := refusedAssociation("network_acl_id", vpcMismatchDetail)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{Config: withAssociation(""), Check: env.aclAssociatedOutside("eni_subnet.b", "eni_network_acl.two", &outside)},
			{
				Config:      withAssociation(hclACLAssociation("other", "eni_subnet.a.id", "eni_network_acl.foreign.id")),
				PlanOnly:    true,
				ExpectError: vpcMismatch,
			},
			{
				Config:      env.config("", testAccACLNetwork+hclACLAssociation("test", "eni_subnet.a.id", "eni_network_acl.foreign.id")),
				PlanOnly:    true,
				ExpectError: switchRefused("network_acl_id", vpcMismatchDetail),
			},
			{
				// The subnet has an ACL from outside Terraform: what the
				// region holds, so the refusal names the destroy remedy.
				Config:   withAssociation(hclACLAssociation("second", "eni_subnet.b.id", "eni_network_acl.one.id")),
				PlanOnly: true,
				ExpectError: withDestroyRemedy(refusedAssociation("subnet_id", codePattern(engine.CodeAlreadyAssociated)+
					`.*subnet\s+subnet-[0-9a-f]+\s+already\s+has\s+network\s+ACL\s+association\s+aclassoc-[0-9a-f]+,\s+with\s+network\s+ACL\s+acl-`)),
			},
			{
				// Two associations of one subnet in one configuration.
				Config:      withAssociation(hclACLAssociation("again", "eni_subnet.a.id", "eni_network_acl.two.id")),
				PlanOnly:    true,
				ExpectError: atAttr("subnet_id", codePattern(engine.CodeAlreadyAssociated)),
			},
			{
				Config:            withAssociation(""),
				ConfigPlanChecks:  preApply(plancheck.ExpectEmptyPlan()),
				ConfigStateChecks: []statecheck.StateCheck{env.expectSubnetFilteredBy("eni_subnet.a", "eni_network_acl.one"), env.expectSubnetFilteredBy("eni_subnet.b", "eni_network_acl.two")},
			},
			{
				// Replacing the association made outside, by destroying it
				// first, is no second association.
				PreConfig: func() {
					if err := env.engine.DisassociateNetworkACL(context.Background(), outside); err != nil {
						t.Fatal(err)
					}
				},
				Config:            withAssociation(hclACLAssociation("second", "eni_subnet.b.id", "eni_network_acl.one.id")),
				ConfigStateChecks: []statecheck.StateCheck{env.expectSubnetFilteredBy("eni_subnet.b", "eni_network_acl.one")},
			},
		},
	})
}

// refusedAssociation matches the refusal of an association on attr, its
// detail matching pattern.
func refusedAssociation(attr, pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)Cannot associate network ACL.*` + atAttr(attr, pattern).String())
}

// switchRefused matches the refusal of a switch to another ACL on attr,
// its detail matching pattern.
func switchRefused(attr, pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)Cannot switch network ACL.*` + atAttr(attr, pattern).String())
}

// regionChange is a plan check that changes the region through the engine
// after the plan and before its apply, as someone outside Terraform would
// meanwhile.
type regionChange func() error

func (c regionChange) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c()
}

// TestAccNetworkACLAssociationResource_refusedAtApply: what plan cannot
// judge, the engine refuses at apply on the same argument (rule 18): an
// ACL of another VPC that the same plan creates, and a subnet given an ACL
// by someone else between the plan and its apply.
func TestAccNetworkACLAssociationResource_refusedAtApply(t *testing.T) {
	env := newTestEnv(t)
	newForeign := `
resource "eni_network_acl" "new_foreign" {
  vpc_id = eni_vpc.other.id
  name   = "new-foreign"
}
`
	var subnetA, aclTwo string
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: env.config("", testAccACLNetwork),
				Check: func(s *terraform.State) (err error) {
					if subnetA, err = idOf(s, "eni_subnet.a"); err != nil {
						return err
					}
					aclTwo, err = idOf(s, "eni_network_acl.two")
					return err
				},
			},
			{
				Config:      env.config("", testAccACLNetwork+newForeign+hclACLAssociation("test", "eni_subnet.a.id", "eni_network_acl.new_foreign.id")),
				ExpectError: refusedAssociation("network_acl_id", codePattern(engine.CodeVpcMismatch)),
			},
			{
				Config: env.config("", testAccACLNetwork+hclACLAssociation("test", "eni_subnet.a.id", "eni_network_acl.one.id")),
				ConfigPlanChecks: preApply(regionChange(func() error {
					_, err := env.engine.AssociateNetworkACL(context.Background(), subnetA, aclTwo)
					return err
				})),
				ExpectError: refusedAssociation("subnet_id", codePattern(engine.CodeAlreadyAssociated)),
			},
			{
				Config:            env.config("", testAccACLNetwork+newForeign),
				ConfigStateChecks: []statecheck.StateCheck{env.expectSubnetFilteredBy("eni_subnet.a", "eni_network_acl.two")},
			},
			{
				PreConfig: func() {
					a, err := env.engine.FindNetworkACLAssociation(context.Background(), subnetA)
					if err == nil {
						err = env.engine.DisassociateNetworkACL(context.Background(), a.ID)
					}
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: env.config("", testAccACLNetwork),
			},
		},
	})
}

// TestAccNetworkACLResource_inUse: a network ACL that a subnet is
// associated with outside Terraform is not deleted (rule 20); the engine
// keeps it and the association until that goes.
func TestAccNetworkACLResource_inUse(t *testing.T) {
	env := newTestEnv(t)
	base := testAccVPC + hclSubnet("a", "eni_vpc.test.id", "10.0.1.0/24", "local-1a")
	with := base + aclArgs{vpc: "eni_vpc.test.id", name: "busy", ingress: []aclRule{noSSH}}.hcl()
	var assoc string
	env.test(resource.TestCase{
		Steps: env.blockedDestroySteps(blockedDestroy{
			with:    with,
			without: base,
			after:   with,
			refused: regexp.MustCompile(`(?s)Cannot delete network ACL.*` + codePattern(engine.CodeDependencyViolation) +
				`.*network\s+ACL\s+acl-[0-9a-f]+\s+cannot\s+be\s+deleted:\s+1\s+subnet\s+\(subnet-[0-9a-f]+\)\s+are\s+associated\s+with\s+it`),
			block: env.aclAssociatedOutside("eni_subnet.a", "eni_network_acl.test", &assoc),
			kept:  env.expectSubnetFilteredBy("eni_subnet.a", "eni_network_acl.test"),
			unblock: func() error {
				return env.engine.DisassociateNetworkACL(context.Background(), assoc)
			},
		}),
	})
}
