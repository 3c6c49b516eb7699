// Command render writes the parts of templates/ that come from the engine's
// tables: the rules guide and the index page's flavor table. Run from the
// repository root by tools/docs/generate.sh (make docs).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/eni/terraform-provider-eni/internal/docgen"
)

func main() {
	if err := render("templates"); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}

func render(templates string) error {
	if err := os.WriteFile(filepath.Join(templates, "guides", "rules.md.tmpl"), []byte(docgen.RulesGuide()), 0o644); err != nil {
		return err
	}
	index := filepath.Join(templates, "index.md.tmpl")
	old, err := os.ReadFile(index)
	if err != nil {
		return err
	}
	updated, err := docgen.WithFlavorTable(string(old))
	if err != nil {
		return fmt.Errorf("%s: %w", index, err)
	}
	return os.WriteFile(index, []byte(updated), 0o644)
}
