package docgen

import (
	"errors"
	"fmt"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// The flavor table's place in templates/index.md.tmpl, between two template
// comments that render to nothing; their trim markers keep the blank lines
// around the table as they are.
const (
	flavorTableStart = "{{/* The flavor table below is generated from the engine's catalog by make docs: change internal/engine/catalog.go, not it. */ -}}\n"
	flavorTableEnd   = "{{- /* End of the generated flavor table. */}}"
)

// FlavorTable renders the engine's flavor catalog as the index page's table.
func FlavorTable() string {
	var b strings.Builder
	b.WriteString("| Flavor | Kind | vCPUs | Memory (GiB) | Network interfaces |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, f := range engine.Flavors {
		fmt.Fprintf(&b, "| `%s` | `%s` | %d | %d | %d |\n", f.Name, f.Kind, f.VCPUs, f.MemoryGiB, f.MaxNetworkInterfaces)
	}
	return b.String()
}

// WithFlavorTable returns the index template with the flavor table between
// its markers rendered anew.
func WithFlavorTable(template string) (string, error) {
	start := strings.Index(template, flavorTableStart)
	end := strings.Index(template, flavorTableEnd)
	if start < 0 || end < start {
		return "", errors.New("the template has no place for the flavor table: want a line " +
			strings.TrimSpace(flavorTableStart) + " and, after it, " + flavorTableEnd)
	}
	start += len(flavorTableStart)
	return template[:start] + FlavorTable() + template[end:], nil
}
