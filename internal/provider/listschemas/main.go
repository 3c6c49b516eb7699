// Command listschemas adds the provider's list resource schemas to a
// `providers schema -json` document and prints the result. No CLI built here
// reports them (Terraform 1.14 does), so tools/docs/generate.sh (make docs)
// runs it for tfplugindocs to render docs/list-resources.
//
//	go run ./internal/provider/listschemas schema.json >schema.full.json
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/eni/terraform-provider-eni/internal/provider"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: listschemas SCHEMA.json")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "listschemas:", err)
		os.Exit(1)
	}
}

// run adds the list resource schemas to the eni provider of the document at path.
func run(path string, out io.Writer) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	schemas, _ := doc["provider_schemas"].(map[string]any)
	eni, ok := schemas["eni"].(map[string]any)
	if !ok {
		return fmt.Errorf("%s has no provider_schemas.eni", path)
	}
	lists, err := listResourceSchemas()
	if err != nil {
		return err
	}
	eni["list_resource_schemas"] = lists
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

// listResourceSchemas asks the provider for its schemas, as a CLI would,
// and renders the list resources' in the JSON form of `providers schema`.
func listResourceSchemas() (map[string]any, error) {
	srv := providerserver.NewProtocol6(provider.New("docs")())()
	resp, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return nil, fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	out := map[string]any{}
	for name, s := range resp.ListResourceSchemas {
		block, err := blockJSON(s.Block)
		if err != nil {
			return nil, fmt.Errorf("list resource %s: %w", name, err)
		}
		out[name] = map[string]any{"version": s.Version, "block": block}
	}
	return out, nil
}

// blockJSON renders a block of attributes of primitive and collection
// types, all a list resource's config has; anything else is an error rather
// than a wrong page.
func blockJSON(b *tfprotov6.SchemaBlock) (map[string]any, error) {
	if len(b.BlockTypes) > 0 {
		return nil, fmt.Errorf("nested blocks are not supported")
	}
	attrs := map[string]any{}
	for _, a := range b.Attributes {
		if a.NestedType != nil {
			return nil, fmt.Errorf("%s: nested attributes are not supported", a.Name)
		}
		typ, err := typeJSON(a.Type)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		attr := map[string]any{"type": typ, "description": a.Description, "description_kind": kindJSON(a.DescriptionKind)}
		for flag, set := range map[string]bool{"required": a.Required, "optional": a.Optional, "computed": a.Computed, "sensitive": a.Sensitive} {
			if set {
				attr[flag] = true
			}
		}
		attrs[a.Name] = attr
	}
	block := map[string]any{"description": b.Description, "description_kind": kindJSON(b.DescriptionKind)}
	if len(attrs) > 0 {
		block["attributes"] = attrs
	}
	return block, nil
}

// typeJSON is a type as `providers schema -json` writes it: a primitive's
// name, or ["map", element] and the like for a collection (a tags filter).
func typeJSON(t tftypes.Type) (any, error) {
	switch t := t.(type) {
	case tftypes.Map:
		return collectionJSON("map", t.ElementType)
	case tftypes.List:
		return collectionJSON("list", t.ElementType)
	case tftypes.Set:
		return collectionJSON("set", t.ElementType)
	}
	switch {
	case t.Is(tftypes.String):
		return "string", nil
	case t.Is(tftypes.Number):
		return "number", nil
	case t.Is(tftypes.Bool):
		return "bool", nil
	}
	return nil, fmt.Errorf("type %s is not supported", t)
}

func collectionJSON(kind string, element tftypes.Type) (any, error) {
	e, err := typeJSON(element)
	if err != nil {
		return nil, err
	}
	return []any{kind, e}, nil
}

func kindJSON(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}
