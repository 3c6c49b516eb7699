package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// testAccIPv6Network is testAccMainNetwork with IPv6 on the VPC and subnet.
const testAccIPv6Network = `
resource "eni_vpc" "main" {
  name         = "main"
  cidr         = "10.0.0.0/16"
  ipv6_enabled = true
}

resource "eni_subnet" "a" {
  vpc_id            = eni_vpc.main.id
  name              = "a"
  cidr              = "10.0.1.0/24"
  availability_zone = "local-1a"
  ipv6_enabled      = true
}
`

// An IPv6 address written in another form than the one the region reports
// would be stored canonical and fail every apply with an inconsistent
// result on a tainted NIC. It is refused: at plan with the form to write
// when the address is known then, at create (leaving nothing) when it is
// known only at apply; written canonical, it converges.
func TestAccNetworkInterface_ipv6AddressInOneSpelling(t *testing.T) {
	env := newTestEnv(t)
	nic := func(addr string) string {
		return hclResource("eni_network_interface", "test", hclArg{"name", `"data"`}, hclArg{"subnet_id", "eni_subnet.a.id"},
			hclArg{"ipv6_addresses", "[" + addr + "]"})
	}
	writeAs := codePattern("InvalidParameterValue") + `.*IPv6\s+address.*write\s+it\s+as`
	env.test(resource.TestCase{Steps: []resource.TestStep{
		{ // the subnet's range is unknown at plan: the create refuses it
			Config:      env.config("", testAccIPv6Network+nic(`upper(cidrhost(eni_subnet.a.ipv6_cidr, 10))`)),
			ExpectError: regexp.MustCompile(`(?s)` + writeAs),
		},
		{ // known at plan: refused there, on the argument
			Config:      env.config("", testAccIPv6Network+nic(`upper(cidrhost(eni_subnet.a.ipv6_cidr, 10))`)),
			PlanOnly:    true,
			ExpectError: atAttr("ipv6_addresses", writeAs),
		},
		{
			Config:      env.config("", testAccIPv6Network+nic(`"FD00:0:0:0:0:0:0:A"`)),
			PlanOnly:    true,
			ExpectError: atAttr("ipv6_addresses", `(?s)write\s+it\s+as\s+"fd00::a"`),
		},
		{ // the plan after the apply is empty: state holds what was written
			Config:           env.config("", testAccIPv6Network+nic(`cidrhost(eni_subnet.a.ipv6_cidr, 10)`)),
			ConfigPlanChecks: expectAction("eni_network_interface.test", plancheck.ResourceActionCreate),
			Check:            env.checkInvariants,
		},
	}})
}

// A null tag value is refused at plan, for a resource's tags and for
// default_tags, instead of being stored as "" and planned back every time.
func TestAccTags_nullValueRefusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	nullTag := regexp.MustCompile(`(?s)Invalid tags.*Tag\s+"owner"\s+has\s+a\s+null\s+value`)
	vpc := hclResource("eni_vpc", "test", hclArg{"name", `"net"`}, hclArg{"cidr", `"10.0.0.0/16"`}, hclArg{"tags", `{ team = "web", owner = null }`})
	env.test(resource.TestCase{Steps: []resource.TestStep{
		{Config: env.config("", vpc), PlanOnly: true, ExpectError: nullTag},
	}})
	withDefaults := "provider \"eni\" {\n  store = \"" + env.store + "\"\n  default_tags {\n    tags = { owner = null }\n  }\n}\n" + testAccVPC
	env.test(resource.TestCase{Steps: []resource.TestStep{{Config: withDefaults, PlanOnly: true, ExpectError: nullTag}}})
}

// A NIC's private_ip among its secondary_private_ips is refused at plan on
// the attribute, even with its subnet created by the same plan; an
// allocated primary IP asked for again as a secondary one is refused at
// apply without naming the network interface the apply rolled back.
func TestAccNetworkInterface_primaryIPIsNoSecondaryIP(t *testing.T) {
	env := newTestEnv(t)
	own := codePattern("InvalidIPAddress.InUse") + `.*already\s+used\s+by\s+this\s+network\s+interface\s+as\s+its\s+primary\s+IP`
	env.test(resource.TestCase{Steps: []resource.TestStep{
		{
			Config: env.config("", testAccMainNetwork+hclResource("eni_network_interface", "test", hclArg{"name", `"data"`},
				hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"private_ip", `"10.0.1.10"`}, hclArg{"secondary_private_ips", `["10.0.1.11", "10.0.1.10"]`})),
			PlanOnly:    true,
			ExpectError: atAttr("secondary_private_ips", own),
		},
		{ // the first NIC of a new subnet gets .2, its lowest free address
			Config: env.config("", testAccMainNetwork+hclResource("eni_network_interface", "test", hclArg{"name", `"data"`},
				hclArg{"subnet_id", "eni_subnet.a.id"}, hclArg{"secondary_private_ips", `[cidrhost(eni_subnet.a.cidr, 2)]`})),
			ExpectError: regexp.MustCompile(`(?s)` + own),
		},
	}})
}

// Integer arguments refuse a fraction and a number beyond their range at
// plan, on the argument, with words about the value rather than a fault of
// the provider.
func TestAccIntegerArguments_refusedAtPlan(t *testing.T) {
	env := newTestEnv(t)
	nic := func(arg, value string) string {
		return hclResource("eni_network_interface", "test", hclArg{"name", `"data"`}, hclArg{"subnet_id", `"subnet-0123456789abcdef"`}, hclArg{arg, value})
	}
	attachment := hclResource("eni_network_interface_attachment", "test", hclArg{"network_interface_id", `"eni-0123456789abcdef"`},
		hclArg{"server_id", `"srv-0123456789abcdef"`}, hclArg{"device_index", "1.5"})
	cases := []struct {
		hcl  string
		want *regexp.Regexp
	}{
		{nic("secondary_private_ip_count", "9223372036854775807"), atAttr("secondary_private_ip_count",
			`(?s)`+codePattern("InvalidParameterValue")+`.*at\s+most\s+49\s+besides\s+its\s+primary\s+IP`)},
		{nic("secondary_private_ip_count", "1.5"), atAttr("secondary_private_ip_count", `(?s)1\.5\s+is\s+not\s+a\s+whole\s+number`)},
		{nic("ipv6_address_count", "1e30"), atAttr("ipv6_address_count", `(?s)1e\+30\s+is\s+far\s+beyond\s+any\s+value`)},
		{attachment, atAttr("device_index", `(?s)1\.5\s+is\s+not\s+a\s+whole\s+number`)},
	}
	for _, c := range cases {
		env.test(resource.TestCase{Steps: []resource.TestStep{{Config: env.config("", c.hcl), PlanOnly: true, ExpectError: c.want}}})
	}
}
