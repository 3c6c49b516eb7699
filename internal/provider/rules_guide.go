package provider

import (
	"fmt"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// RulesGuide renders docs/guides/rules.md (through its template) from the
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
	return b.String()
}

func writeRuleRow(b *strings.Builder, number string, r *engine.Rule) {
	todo := strings.TrimSpace(r.Remedy + " " + terraformHints[r])
	cells := []string{r.Says, code(r.Code), code(attributeOf[r.Field]), todo}
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
