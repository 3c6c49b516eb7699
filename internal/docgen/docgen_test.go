package docgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
)

// The committed templates are what the render command writes, so a change
// to the engine's tables fails here before it reaches check-docs.
func TestTemplatesAreCurrent(t *testing.T) {
	templates := filepath.Join("..", "..", "templates")
	guide, err := os.ReadFile(filepath.Join(templates, "guides", "rules.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	if string(guide) != RulesGuide() {
		t.Error("templates/guides/rules.md.tmpl is not what RulesGuide renders; run make docs")
	}
	index, err := os.ReadFile(filepath.Join(templates, "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	current, err := WithFlavorTable(string(index))
	if err != nil {
		t.Fatal(err)
	}
	if current != string(index) {
		t.Error("the flavor table in templates/index.md.tmpl is not the engine's catalog; run make docs")
	}
}

func TestFlavorTableRendersTheCatalogInOrder(t *testing.T) {
	table := FlavorTable()
	for _, row := range []string{
		"| Flavor | Kind | vCPUs | Memory (GiB) | Network interfaces |\n|---|---|---|---|---|\n| `s6.small.1` | `ecs` | 1 | 1 | 1 |\n",
		"| `m7.16xlarge.8` | `ecs` | 64 | 512 | 12 |\n| `physical.s4.large` | `bms` | 32 | 192 | 2 |\n",
	} {
		if !strings.Contains(table, row) {
			t.Errorf("flavor table lacks\n%s\nin\n%s", row, table)
		}
	}
	if !strings.HasSuffix(table, "| `physical.c7.4xlarge` | `bms` | 96 | 384 | 8 |\n") {
		t.Errorf("flavor table does not end with the catalog's last flavor:\n%s", table)
	}
}

// The markers are template comments: the page renders with the table and
// its blank lines as if they were not there.
func TestFlavorTableMarkersRenderToNothing(t *testing.T) {
	page, err := WithFlavorTable("before\n\n" + flavorTableStart + "stale\n" + flavorTableEnd + "\n\nafter\n")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := template.New("index").Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := tmpl.Execute(&out, nil); err != nil {
		t.Fatal(err)
	}
	if want := "before\n\n" + FlavorTable() + "\nafter\n"; out.String() != want {
		t.Errorf("rendered\n%q\nwant\n%q", out.String(), want)
	}
}

func TestWithFlavorTableWantsItsMarkers(t *testing.T) {
	for name, page := range map[string]string{
		"none":       "| Flavor |\n",
		"start only": flavorTableStart + "| Flavor |\n",
		"reversed":   flavorTableEnd + "\n" + flavorTableStart,
	} {
		_, err := WithFlavorTable(page)
		if err == nil || !strings.Contains(err.Error(), "the template has no place for the flavor table") {
			t.Errorf("%s: got %v, want the missing-place error", name, err)
		}
	}
}
