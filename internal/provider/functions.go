package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// Provider functions read only the built-in catalog and address arithmetic,
// so they work in a variable validation block before (or without) any store.

// flavorArgument looks up the flavor named by a function's first argument; an
// unknown name is an error on that argument listing the flavors there are.
func flavorArgument(name string) (engine.Flavor, *function.FuncError) {
	f, err := engine.ValidateFlavor(name, "")
	if err != nil {
		return engine.Flavor{}, function.NewArgumentFuncError(0, engineMessage(err))
	}
	return f, nil
}

// engineMessage is an engine refusal's message without its code: a function
// error has no place for remedies and codes are for API-shaped errors.
func engineMessage(err error) string {
	if e := engine.AsError(err); e != nil {
		return e.Message
	}
	return err.Error()
}
