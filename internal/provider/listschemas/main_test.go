package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestRunAddsListResourceSchemas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema.json")
	doc := `{"format_version":"1.0","provider_schemas":{"eni":{"resource_schemas":{"eni_vpc":{"version":0}}}}}`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(path, &out); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas     map[string]any `json:"resource_schemas"`
			ListResourceSchemas map[string]struct {
				Block struct {
					Attributes map[string]struct {
						Type     json.RawMessage `json:"type"`
						Optional bool            `json:"optional"`
					} `json:"attributes"`
				} `json:"block"`
			} `json:"list_resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	eni := got.ProviderSchemas["eni"]
	if _, ok := eni.ResourceSchemas["eni_vpc"]; !ok {
		t.Errorf("the CLI's schemas were not kept: %s", out.String())
	}
	// Each filter and its type as `providers schema -json` writes it.
	str, tags := `"string"`, `["map","string"]`
	want := map[string]map[string]string{
		"eni_vpc":               {"tags": tags},
		"eni_subnet":            {"vpc_id": str, "tags": tags},
		"eni_server":            {"subnet_id": str, "vpc_id": str, "tags": tags},
		"eni_network_interface": {"status": str, "subnet_id": str, "vpc_id": str, "tags": tags},
		"eni_network_acl":       {"vpc_id": str, "tags": tags},
		"eni_route_table":       {"vpc_id": str, "tags": tags},
	}
	if len(eni.ListResourceSchemas) != len(want) {
		t.Errorf("%d list resource schemas, want %d", len(eni.ListResourceSchemas), len(want))
	}
	for name, filters := range want {
		attrs := eni.ListResourceSchemas[name].Block.Attributes
		if len(attrs) != len(filters) {
			t.Errorf("%s: %d attributes, want %v", name, len(attrs), filters)
		}
		for f, typ := range filters {
			a := attrs[f]
			var compact bytes.Buffer
			if err := json.Compact(&compact, a.Type); err != nil || compact.String() != typ || !a.Optional {
				t.Errorf("%s.%s: type %s optional %v, want an optional %s", name, f, a.Type, a.Optional, typ)
			}
		}
	}
}

func TestRunRefusesADocumentWithoutTheProvider(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema.json")
	if err := os.WriteFile(path, []byte(`{"provider_schemas":{"registry.terraform.io/eni/eni":{}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := run(path, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "no provider_schemas.eni") {
		t.Errorf("got %v, want a refusal naming provider_schemas.eni", err)
	}
}

func TestBlockJSONRefusesWhatItCannotRender(t *testing.T) {
	for name, block := range map[string]*tfprotov6.SchemaBlock{
		"nested block":     {BlockTypes: []*tfprotov6.SchemaNestedBlock{{TypeName: "x"}}},
		"nested attribute": {Attributes: []*tfprotov6.SchemaAttribute{{Name: "x", NestedType: &tfprotov6.SchemaObject{}}}},
		"object attribute": {Attributes: []*tfprotov6.SchemaAttribute{{Name: "x", Type: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"a": tftypes.String}}}}},
	} {
		if _, err := blockJSON(block); err == nil {
			t.Errorf("%s: rendered, want an error", name)
		}
	}
}

// A tags filter, a map of strings, renders as `providers schema -json` writes it.
func TestBlockJSONRendersCollections(t *testing.T) {
	block, err := blockJSON(&tfprotov6.SchemaBlock{Attributes: []*tfprotov6.SchemaAttribute{
		{Name: "tags", Type: tftypes.Map{ElementType: tftypes.String}, Optional: true},
		{Name: "ids", Type: tftypes.Set{ElementType: tftypes.String}, Optional: true},
	}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(block["attributes"])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"ids":{"description":"","description_kind":"plain","optional":true,"type":["set","string"]},` +
		`"tags":{"description":"","description_kind":"plain","optional":true,"type":["map","string"]}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
