package provider

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"sort"
	"strings"
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

// taggedAddresses is one resource of each tagged type, as testAccTagged
// declares them.
var taggedAddresses = []string{
	"eni_vpc.t", "eni_subnet.t", "eni_security_group.t", "eni_server.t", "eni_network_interface.t", "eni_eip.t",
	"eni_virtual_ip.t", "eni_network_acl.t",
}

// testAccTagged declares one resource of each tagged type, each with the
// HCL tags expression given ("" leaves tags out).
func testAccTagged(tags string) string {
	arg := func() hclArg { return hclArg{"tags", tags} }
	return hclResource("eni_vpc", "t", hclArg{"name", `"t"`}, hclArg{"cidr", `"10.0.0.0/16"`}, arg()) +
		hclResource("eni_subnet", "t", hclArg{"vpc_id", "eni_vpc.t.id"}, hclArg{"name", `"t"`}, hclArg{"cidr", `"10.0.1.0/24"`},
			hclArg{"availability_zone", `"local-1a"`}, arg()) +
		hclResource("eni_security_group", "t", hclArg{"vpc_id", "eni_vpc.t.id"}, hclArg{"name", `"t"`}, arg()) +
		hclResource("eni_server", "t", hclArg{"name", `"t"`}, hclArg{"flavor", `"c7.large.2"`}, hclArg{"availability_zone", `"local-1a"`},
			hclArg{"subnet_id", "eni_subnet.t.id"}, arg()) +
		hclResource("eni_network_interface", "t", hclArg{"name", `"t"`}, hclArg{"subnet_id", "eni_subnet.t.id"}, arg()) +
		hclResource("eni_eip", "t", arg()) +
		hclResource("eni_virtual_ip", "t", hclArg{"subnet_id", "eni_subnet.t.id"}, arg()) +
		hclResource("eni_network_acl", "t", hclArg{"vpc_id", "eni_vpc.t.id"}, hclArg{"name", `"t"`}, arg())
}

// configWithDefaultTags is config with default_tags { tags = defaults } in
// the provider block.
func (e *testEnv) configWithDefaultTags(defaults, hcl string) string {
	return fmt.Sprintf("provider \"eni\" {\n  store = %q\n  default_tags {\n    tags = %s\n  }\n}\n\n", e.store, defaults) + hcl
}

// hclTags renders tags as an HCL map.
func hclTags(tags map[string]string) string {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("{")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q = %q", k, tags[k])
	}
	b.WriteString("}")
	return b.String()
}

// tagsCheck expects exactly tags.
func tagsCheck(tags map[string]string) knownvalue.Check {
	checks := make(map[string]knownvalue.Check, len(tags))
	for k, v := range tags {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

// expectTags checks tags and tags_all in state on every address, and that
// the engine holds tags_all.
func (e *testEnv) expectTags(own, all map[string]string, addresses ...string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, a := range addresses {
		checks = append(checks,
			expectValue(a, "tags", tagsCheck(own)),
			expectValue(a, "tags_all", tagsCheck(all)),
		)
	}
	return checks
}

// taggedKind is how the tests read and write, as someone outside Terraform
// would, the tags the engine holds for the objects of one tagged type,
// whose IDs start with prefix.
type taggedKind struct {
	prefix string
	get    func(ctx context.Context, id string) (map[string]string, error)
	set    func(ctx context.Context, id string, tags map[string]string) error
}

// taggedKindOf is the taggedKind of the object with ID id.
func (e *testEnv) taggedKindOf(id string) (taggedKind, error) {
	eng := e.engine
	for _, kind := range []taggedKind{
		{engine.PrefixVPC, tagsOf(eng.GetVPC, func(v engine.VPC) map[string]string { return v.Tags }),
			retag(eng.UpdateVPC, func(tags map[string]string) engine.VPCUpdate { return engine.VPCUpdate{Tags: tags} })},
		{engine.PrefixSubnet, tagsOf(eng.GetSubnet, func(s engine.SubnetDetails) map[string]string { return s.Tags }),
			retag(eng.UpdateSubnet, func(tags map[string]string) engine.SubnetUpdate { return engine.SubnetUpdate{Tags: tags} })},
		{engine.PrefixSecurityGroup, tagsOf(eng.GetSecurityGroup, func(g engine.SecurityGroup) map[string]string { return g.Tags }),
			retagWhole(eng.GetSecurityGroup, eng.UpdateSecurityGroup, func(g engine.SecurityGroup, tags map[string]string) engine.SecurityGroupInput {
				return engine.SecurityGroupInput{Name: g.Name, Description: g.Description, Rules: g.Rules, Tags: tags}
			})},
		{engine.PrefixServer, tagsOf(eng.GetServer, func(s engine.ServerDetails) map[string]string { return s.Tags }),
			retag(eng.UpdateServer, func(tags map[string]string) engine.ServerUpdate { return engine.ServerUpdate{Tags: tags} })},
		{engine.PrefixEIP, tagsOf(eng.GetEIP, func(p engine.EIP) map[string]string { return p.Tags }),
			retagWhole(eng.GetEIP, eng.UpdateEIP, func(p engine.EIP, tags map[string]string) engine.EIPInput {
				return engine.EIPInput{BandwidthMbps: p.BandwidthMbps, NetworkInterfaceID: p.NetworkInterfaceID, Tags: tags}
			})},
		{engine.PrefixNetworkInterface, tagsOf(eng.GetNetworkInterface, func(n engine.NetworkInterface) map[string]string { return n.Tags }),
			retag(eng.UpdateNetworkInterface, func(tags map[string]string) engine.NetworkInterfaceUpdate {
				return engine.NetworkInterfaceUpdate{Tags: tags}
			})},
		{engine.PrefixVirtualIP, tagsOf(eng.GetVirtualIP, func(v engine.VirtualIP) map[string]string { return v.Tags }),
			retag(eng.UpdateVirtualIP, func(tags map[string]string) engine.VirtualIPUpdate { return engine.VirtualIPUpdate{Tags: tags} })},
		{engine.PrefixNetworkACL, tagsOf(eng.GetNetworkACL, func(a engine.NetworkACLDetails) map[string]string { return a.Tags }),
			retagWhole(eng.GetNetworkACL, eng.UpdateNetworkACL, func(a engine.NetworkACLDetails, tags map[string]string) engine.NetworkACLInput {
				return engine.NetworkACLInput{Name: a.Name, Description: a.Description, Ingress: a.Ingress, Egress: a.Egress, Tags: tags}
			})},
	} {
		if strings.HasPrefix(id, kind.prefix) {
			return kind, nil
		}
	}
	return taggedKind{}, fmt.Errorf("no tagged object has ID %s", id)
}

// tagsOf reads an object with get, then its tags with tags.
func tagsOf[T any](get func(context.Context, string) (T, error), tags func(T) map[string]string) func(context.Context, string) (map[string]string, error) {
	return func(ctx context.Context, id string) (map[string]string, error) {
		obj, err := get(ctx, id)
		return tags(obj), err
	}
}

// retag sets an object's tags with update, of the change that sets tags
// alone.
func retag[U, T any](update func(context.Context, string, U) (T, error), change func(map[string]string) U) func(context.Context, string, map[string]string) error {
	return func(ctx context.Context, id string, tags map[string]string) error {
		_, err := update(ctx, id, change(tags))
		return err
	}
}

// retagWhole sets an object's tags with update, which takes the whole
// object as input: read with get, all kept but the tags.
func retagWhole[T, I, R any](get func(context.Context, string) (T, error), update func(context.Context, string, I) (R, error),
	input func(T, map[string]string) I) func(context.Context, string, map[string]string) error {
	return func(ctx context.Context, id string, tags map[string]string) error {
		obj, err := get(ctx, id)
		if err != nil {
			return err
		}
		_, err = update(ctx, id, input(obj, tags))
		return err
	}
}

// storedTags reads the tags the engine holds for an object.
func (e *testEnv) storedTags(ctx context.Context, id string) (map[string]string, error) {
	kind, err := e.taggedKindOf(id)
	if err != nil {
		return nil, err
	}
	return kind.get(ctx, id)
}

// expectStored checks that the engine holds exactly want on the objects at addresses.
func (e *testEnv) expectStored(want map[string]string, addresses ...string) resource.TestCheckFunc {
	return eachObject(addresses, func(a, id string) error {
		got, err := e.storedTags(context.Background(), id)
		if err != nil {
			return err
		}
		if len(got) != len(want) || !maps.Equal(got, want) {
			return fmt.Errorf("%s (%s): engine holds tags %v, want %v", a, id, got, want)
		}
		return nil
	})
}

// eachObject is a check that calls check with the address and ID of the
// object at each of addresses, stopping at the first error.
func eachObject(addresses []string, check func(address, id string) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, a := range addresses {
			id, err := idOf(s, a)
			if err != nil {
				return err
			}
			if err := check(a, id); err != nil {
				return err
			}
		}
		return nil
	}
}

// expectTagsUnchanged checks that the plan updates address with the same
// tags before and after: only tags_all may change.
type expectTagsUnchanged struct{ address string }

func (c expectTagsUnchanged) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		if before == nil || after == nil {
			resp.Error = fmt.Errorf("%s: no update planned (%v)", c.address, rc.Change.Actions)
			return
		}
		if !reflect.DeepEqual(before["tags"], after["tags"]) {
			resp.Error = fmt.Errorf("%s: tags planned from %v to %v", c.address, before["tags"], after["tags"])
		}
		return
	}
	resp.Error = fmt.Errorf("%s: not in the plan", c.address)
}

// importSteps imports each address and expects the state the apply wrote.
func importSteps(addresses ...string) []resource.TestStep {
	steps := make([]resource.TestStep, len(addresses))
	for i, a := range addresses {
		steps[i] = importStep(a)
	}
	return steps
}

// TestAccTags_lifecycle adds, changes and removes the tags of every tagged
// resource, in place, and imports them with their tags.
func TestAccTags_lifecycle(t *testing.T) {
	env := newTestEnv(t)
	none := map[string]string{}
	first := map[string]string{"team": "net"}
	second := map[string]string{"team": "ops", "cost-center": "42"}
	var updateAll []plancheck.PlanCheck
	for _, a := range taggedAddresses {
		updateAll = append(updateAll, plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate))
	}
	steps := []resource.TestStep{
		{
			Config:            env.config("", testAccTagged(hclTags(first))),
			ConfigStateChecks: env.expectTags(first, first, taggedAddresses...),
			Check:             env.expectStored(first, taggedAddresses...),
		},
		{
			Config:            env.config("", testAccTagged(hclTags(second))),
			ConfigPlanChecks:  preApply(updateAll...),
			ConfigStateChecks: env.expectTags(second, second, taggedAddresses...),
			Check:             env.expectStored(second, taggedAddresses...),
		},
	}
	steps = append(steps, importSteps(taggedAddresses...)...)
	steps = append(steps,
		resource.TestStep{
			Config:            env.config("", testAccTagged("")),
			ConfigPlanChecks:  preApply(updateAll...),
			ConfigStateChecks: env.expectTags(none, none, taggedAddresses...),
			Check:             env.expectStored(nil, taggedAddresses...),
		},
		// {} and no tags are the same: nothing to do either way.
		resource.TestStep{
			Config:           env.config("", testAccTagged("{}")),
			ConfigPlanChecks: preApply(plancheck.ExpectEmptyPlan()),
		},
	)
	env.test(resource.TestCase{Steps: steps})
}

// TestAccTags_defaultTags merges the provider's default_tags under each
// resource's tags, lets a resource's tag win, changes only tags_all when the
// defaults change, and shows no diff where tags and defaults overlap.
func TestAccTags_defaultTags(t *testing.T) {
	env := newTestEnv(t)
	own := map[string]string{"env": "prod", "team": "net"}
	defaults := map[string]string{"env": "dev", "owner": "ops"}
	changed := map[string]string{"env": "dev", "owner": "sre", "site": "lab"}
	var tagsUnchanged []plancheck.PlanCheck
	for _, a := range taggedAddresses {
		tagsUnchanged = append(tagsUnchanged,
			plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate),
			expectTagsUnchanged{a},
			plancheck.ExpectKnownValue(a, tfjsonpath.New("tags_all"), tagsCheck(mergeTags(changed, own))),
		)
	}
	overlap := map[string]string{"env": "dev", "team": "net"} // env as the default has it
	steps := []resource.TestStep{
		{
			Config:            env.configWithDefaultTags(hclTags(defaults), testAccTagged(hclTags(own))),
			ConfigStateChecks: env.expectTags(own, mergeTags(defaults, own), taggedAddresses...),
			Check:             env.expectStored(map[string]string{"env": "prod", "owner": "ops", "team": "net"}, taggedAddresses...),
		},
		{
			Config:            env.configWithDefaultTags(hclTags(changed), testAccTagged(hclTags(own))),
			ConfigPlanChecks:  preApply(tagsUnchanged...),
			ConfigStateChecks: env.expectTags(own, mergeTags(changed, own), taggedAddresses...),
			Check:             env.expectStored(mergeTags(changed, own), taggedAddresses...),
		},
	}
	steps = append(steps, importSteps(taggedAddresses...)...)
	steps = append(steps,
		resource.TestStep{
			// The step's own post-apply plan must be empty: the overlap is no diff.
			Config:            env.configWithDefaultTags(hclTags(changed), testAccTagged(hclTags(overlap))),
			ConfigStateChecks: env.expectTags(overlap, mergeTags(changed, overlap), taggedAddresses...),
		},
		resource.TestStep{
			// Without default_tags, tags_all is the resource's own tags again.
			Config:            env.config("", testAccTagged(hclTags(overlap))),
			ConfigPlanChecks:  preApply(expectTagsUnchanged{"eni_vpc.t"}),
			ConfigStateChecks: env.expectTags(overlap, overlap, taggedAddresses...),
			Check:             env.expectStored(overlap, taggedAddresses...),
		},
	)
	env.test(resource.TestCase{Steps: steps})
}

// TestAccTags_invalid: tags the engine refuses stop the plan, on the tags
// attribute, with the engine's code and message; so do default_tags, and
// a merge of both beyond the limit.
func TestAccTags_invalid(t *testing.T) {
	env := newTestEnv(t)
	many := func(prefix string, n int) map[string]string {
		tags := make(map[string]string, n)
		for i := range n {
			tags[fmt.Sprintf("%s%02d", prefix, i)] = "x"
		}
		return tags
	}
	code := codePattern(engine.CodeInvalidParameterValue)
	// text matches a message however the CLI wraps it.
	text := func(s string) string { return strings.ReplaceAll(regexp.QuoteMeta(s), " ", `\s+`) }
	vpc := func(tags string) string {
		return hclResource("eni_vpc", "t", hclArg{"name", `"t"`}, hclArg{"cidr", `"10.0.0.0/16"`}, hclArg{"tags", tags})
	}
	steps := []resource.TestStep{
		{
			Config:      env.config("", vpc(`{"eni:owner" = "me"}`)),
			ExpectError: atAttr("tags", code+`.*`+text(`tag key "eni:owner" starts with "eni:"`)),
		},
		{
			Config:      env.config("", vpc(hclTags(many("k", 51)))),
			ExpectError: atAttr("tags", code+`.*`+text(`51 tags were given; an object has at most 50`)),
		},
		{
			Config:      env.config("", vpc(`{"" = "empty"}`)),
			ExpectError: atAttr("tags", code+`.*`+text(`a tag key is empty`)),
		},
		{
			Config:      env.config("", vpc(fmt.Sprintf(`{"k" = %q}`, strings.Repeat("v", 257)))),
			ExpectError: atAttr("tags", code+`.*`+text(`the value of tag "k" is 257 characters long; the limit is 256`)),
		},
		{
			Config:      env.configWithDefaultTags(`{"ENI:zone" = "a"}`, vpc("")),
			ExpectError: atAttr("tags", code+`.*`+text(`tag key "ENI:zone" starts with "eni:"`)),
		},
		{
			Config: env.configWithDefaultTags(hclTags(many("d", 30)), vpc(hclTags(many("o", 30)))),
			ExpectError: regexp.MustCompile(`(?s)` + code + `.*` + text("60 tags were given; an object has at most 50") + `.*` +
				text("tags_all merges the provider's 30 default_tags with these 30 tags")),
		},
	}
	for i := range steps {
		steps[i].PlanOnly = true
	}
	env.test(resource.TestCase{Steps: steps})
}

// TestAccTags_dataSources reads tags through the data sources and filters
// NICs and servers by them.
func TestAccTags_dataSources(t *testing.T) {
	env := newTestEnv(t)
	config := env.configWithDefaultTags(`{"env" = "dev"}`, testAccTagged(`{"role" = "web"}`)+`
resource "eni_server" "db" {
  name              = "db"
  flavor            = "c7.large.2"
  availability_zone = "local-1a"
  subnet_id         = eni_subnet.t.id
  tags              = { role = "db" }
}

data "eni_subnet" "t" {
  id = eni_subnet.t.id
}

data "eni_server" "t" {
  id = eni_server.t.id
}

data "eni_network_interface" "t" {
  id = eni_network_interface.t.id
}

data "eni_servers" "web" {
  tags       = { role = "web", env = "dev" }
  depends_on = [eni_server.t, eni_server.db]
}

data "eni_servers" "in_vpc" {
  vpc_id     = eni_vpc.t.id
  depends_on = [eni_server.t, eni_server.db]
}

data "eni_servers" "in_subnet_db" {
  subnet_id  = eni_subnet.t.id
  tags       = { role = "db" }
  depends_on = [eni_server.t, eni_server.db]
}

data "eni_servers" "none" {
  tags       = { role = "web", env = "prod" }
  depends_on = [eni_server.t, eni_server.db]
}

data "eni_network_interfaces" "web" {
  tags       = { role = "web" }
  depends_on = [eni_server.t, eni_server.db, eni_network_interface.t]
}

data "eni_network_interfaces" "dev" {
  tags       = { env = "dev" }
  depends_on = [eni_server.t, eni_server.db, eni_network_interface.t]
}
`)
	all := map[string]string{"env": "dev", "role": "web"}
	// ids expects exactly the IDs of the resources at addresses.
	ids := func(address string, addresses ...string) []statecheck.StateCheck {
		checks := []statecheck.StateCheck{expectValue(address, "ids", knownvalue.ListSizeExact(len(addresses)))}
		for _, a := range addresses {
			checks = append(checks, statecheck.CompareValueCollection(address, []tfjsonpath.Path{tfjsonpath.New("ids")}, a, tfjsonpath.New("id"), compare.ValuesSame()))
		}
		return checks
	}
	checks := env.expectTags(all, all, "data.eni_subnet.t", "data.eni_server.t", "data.eni_network_interface.t")
	checks = append(checks, ids("data.eni_servers.web", "eni_server.t")...)
	checks = append(checks, ids("data.eni_servers.in_vpc", "eni_server.db", "eni_server.t")...)
	checks = append(checks, ids("data.eni_servers.in_subnet_db", "eni_server.db")...)
	checks = append(checks, ids("data.eni_servers.none")...)
	// Only the extension NIC: a server's tags are not its primary NIC's.
	checks = append(checks, ids("data.eni_network_interfaces.web", "eni_network_interface.t")...)
	checks = append(checks, ids("data.eni_network_interfaces.dev", "eni_network_interface.t")...)
	env.test(resource.TestCase{
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: checks,
		}},
	})
}

// setStoredTags retags an object in the engine, as someone outside
// Terraform would.
func (e *testEnv) setStoredTags(ctx context.Context, id string, tags map[string]string) error {
	kind, err := e.taggedKindOf(id)
	if err != nil {
		return err
	}
	return kind.set(ctx, id, tags)
}

// retagOutside is a check that retags the objects at addresses outside Terraform.
func (e *testEnv) retagOutside(tags map[string]string, addresses ...string) resource.TestCheckFunc {
	return eachObject(addresses, func(_, id string) error { return e.setStoredTags(context.Background(), id, tags) })
}

// TestAccTags_drift: tags changed outside Terraform (an own tag's value, a
// default's value, a tag added) show in the plan, which puts them back.
func TestAccTags_drift(t *testing.T) {
	env := newTestEnv(t)
	own := map[string]string{"team": "net"}
	defaults := `{"env" = "dev"}`
	all := map[string]string{"env": "dev", "team": "net"}
	config := env.configWithDefaultTags(defaults, testAccTagged(hclTags(own)))
	var update []plancheck.PlanCheck
	for _, a := range taggedAddresses {
		update = append(update, plancheck.ExpectResourceAction(a, plancheck.ResourceActionUpdate))
	}
	env.test(resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:             config,
				Check:              env.retagOutside(map[string]string{"env": "prod", "team": "ops", "extra": "1"}, taggedAddresses...),
				ExpectNonEmptyPlan: true,
			},
			{
				Config:            config,
				ConfigPlanChecks:  preApply(update...),
				ConfigStateChecks: env.expectTags(own, all, taggedAddresses...),
				Check:             env.expectStored(all, taggedAddresses...),
			},
		},
	})
}
