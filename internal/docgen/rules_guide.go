// Package docgen renders the parts of templates/ that come from the engine's
// tables, so the docs cannot drift from what the engine does: the rules guide
// from its rules table and the flavor table from its catalog. The render
// command (make docs) writes them.
package docgen

import (
	"fmt"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/provider/terms"
)

// RulesGuide renders templates/guides/rules.md.tmpl from the
// engine's rules table, so the page cannot drift from what the engine does.
func RulesGuide() string {
	var b strings.Builder
	b.WriteString(`---
page_title: "Rules and error codes"
subcategory: ""
description: |-
  Every rule the ENI engine enforces, the error code a refusal carries and what to do about it.
---

# Rules and error codes

The engine refuses every operation that would break one of its rules, at apply and, whenever the
facts are known, already at plan. Each refusal names the objects and values involved, carries a
stable error code and says what to do; the diagnostic sits on the argument named below. This page is
generated from the engine's rules table.

## The rules

| # | Rule | Code | Argument | What to do |
|---|---|---|---|---|
`)
	for _, r := range engine.Rules() {
		if r.Number > 0 {
			writeRuleRow(&b, fmt.Sprint(r.Number), r)
		}
	}
	b.WriteString(`
## Input and state checks

| Check | Code | Argument | What to do |
|---|---|---|---|
`)
	for _, r := range engine.Rules() {
		if r.Number == 0 {
			writeRuleRow(&b, "", r)
		}
	}
	b.WriteString(planLimits)
	b.WriteString(regionConflictsSection)
	return b.String()
}

// planLimits says which refusals a plan cannot make, because Terraform
// gives the provider no way to know the facts, so users know what only the
// apply catches and how to avoid it.
const planLimits = `
## What a plan cannot see

A plan judges each resource with what it knows: the region as it is, and the changes planned before
it in the same plan. Terraform tells the provider nothing else, so in these cases the plan cannot
judge as the apply will:

- **An interface the same plan creates and attaches.** The attachment's plan does not yet know which
  interface it names: the plan counts it against the server's room (rule 6), and the apply judges its
  zone, subnet and private IPs (rules 3, 5 and 15), with the same code and message.
- **Two resources of one plan asking for the same address** (two ` + "`private_ip`" + `s, a secondary IP and a
  virtual IP's ` + "`ip_address`" + `): each is checked against the region, not against the other; the
  apply refuses the second with ` + "`InvalidIPAddress.InUse`" + `.
- **A virtual IP replaced** (` + "`-replace`" + ` or a tainted object) on an interface at its rule-15 cap:
  Terraform plans the new one before it destroys the old one and gives the provider no sign that they
  are the same, so the plan refuses it. Unbind it first (` + "`network_interface_id = null`" + `), or destroy
  it with ` + "`-target`" + ` and apply again.
- **A route, table or association whose next hop, table, VPC or subnet the same plan creates.** Its
  ID is unknown at plan: a route to a new interface or virtual IP, a table in a new VPC and an
  association of a new subnet are judged at apply (rules 16 to 19), and a route in a new table on its
  face only (its destination and next hop type).
- **A deletion something else still depends on** (rule 20, like rule 11): a route table or network ACL
  a subnet is associated with, a network interface, virtual IP or server a route names, a VPC with
  custom route tables or ACLs. Terraform plans the deletions of one plan in no set order, so when the
  deletion is planned the provider cannot tell whether the same plan also removes the dependent (and
  waiting for that plan would stall a large destroy, which plans a few resources at a time). The apply
  refuses the deletion with ` + "`DependencyViolation`" + ` naming the dependent when it stays; Terraform deletes
  a dependent of the same configuration first. Deleting or replacing a VPC's default route table is
  refused at plan: no other change of a plan allows it. An association whose subnet or ACL the same
  plan creates is judged at apply (rule 18).
`

// regionConflictsSection says how plan reports what the region holds, and
// how a destroy gets past it: the one place of the guide that says so.
const regionConflictsSection = `
## What the region holds, and destroy

Some refusals come from what the region holds now rather than from the configuration: a server whose
slots others fill (rule 6), a device index or an address someone else holds (rules 7 and 8), a
server, subnet, VPC, security group or network interface someone deleted (rules 10 and 12). Plan
reports them as errors. Terraform and OpenTofu run a normal plan of the whole configuration before
every ` + "`destroy`" + ` and give the provider no sign of it, so such an error stops a destroy too, and says
what to do: ` + "`terraform destroy -refresh=false`" + ` (` + "`tofu destroy -refresh=false`" + `) skips that plan
and destroys what the state holds. A team that wants a plain destroy to always work sets the
provider's ` + "`region_conflicts_at_plan = \"warning\"`" + ` (or ` + "`ENI_REGION_CONFLICTS_AT_PLAN=warning`" + `):
plan then warns, and apply still refuses the change while the conflict lasts. What the configuration
itself gets wrong (a zone, VPC or subnet mismatch, a reserved address, an unknown flavor, a plan that
over-fills a server by itself) is an error either way. A full subnet (rule 9) is found out only at
apply, when an address is allocated.
`

func writeRuleRow(b *strings.Builder, number string, r *engine.Rule) {
	todo := strings.TrimSpace(r.Remedy + " " + terms.TerraformHints[r])
	cells := []string{r.Statement, code(r.Code), code(terms.AttributeOf[r.Field]), todo}
	if number != "" {
		cells = append([]string{number}, cells...)
	}
	fmt.Fprintf(b, "| %s |\n", strings.Join(cells, " | "))
}

// code quotes s as code, or gives "—" when there is none.
func code(s string) string {
	if s == "" {
		return "—"
	}
	return "`" + s + "`"
}
