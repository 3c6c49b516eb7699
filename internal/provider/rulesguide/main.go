// Command rulesguide prints the template of docs/guides/rules.md, rendered
// from the engine's rules table; tools/docs/generate.sh (make docs) runs it.
package main

import (
	"fmt"

	"github.com/eni/terraform-provider-eni/internal/provider"
)

func main() {
	fmt.Print(provider.RulesGuide())
}
