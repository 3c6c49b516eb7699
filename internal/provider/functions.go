package provider

import (
	"context"

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

// flavorFigureFunction is a function of one flavor argument returning one
// figure of the flavor's catalog entry.
type flavorFigureFunction struct {
	name, summary, description string
	figure                     func(engine.Flavor) int
}

var _ function.Function = flavorFigureFunction{}

func (f flavorFigureFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = f.name
}

func (f flavorFigureFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: f.summary,
		MarkdownDescription: f.description + " It reads the built-in catalog, so it works in a `variable` validation block " +
			"with no store. An unknown flavor is an error on the `flavor` argument. Provider functions need Terraform 1.8 or OpenTofu 1.7 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name:                "flavor",
				MarkdownDescription: "A flavor name from the catalog, such as `c7.large.2`.",
			},
		},
		Return: function.Int64Return{},
	}
}

func (f flavorFigureFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var name string
	if resp.Error = req.Arguments.Get(ctx, &name); resp.Error != nil {
		return
	}
	flavor, ferr := flavorArgument(name)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, int64(f.figure(flavor)))
}
