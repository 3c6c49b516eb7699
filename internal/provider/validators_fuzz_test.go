package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// FuzzStringValidators feeds any HCL string to every engine-backed string
// validator: none may panic, and a refusal always sits on the attribute.
//
//	go test ./internal/provider -run '^$' -fuzz FuzzStringValidators -fuzztime 30s
func FuzzStringValidators(f *testing.F) {
	for _, seed := range []string{"", "web-1", "10.0.0.0/16", "10.0.1.5", "0.0.0.0/0", "local-1a", "c7.large.2",
		"10.0.0.0/33", "::1", "10.0.0.256", "説明", "a\x00b", "\xff\xfe", "1.2.3.4/0", " 10.0.0.0/8 "} {
		f.Add(seed)
	}
	validators := map[string]validator.String{
		"name": nameValidator(), "description": descriptionValidator(), "cidr": privateCIDRValidator(),
		"remote_cidr": cidrValidator(), "private_ip": ipv4Validator(), "availability_zone": zoneValidator(), "flavor": flavorValidator(),
	}
	f.Fuzz(func(t *testing.T, s string) {
		for attr, v := range validators {
			at := path.Root(attr)
			resp := &validator.StringResponse{}
			v.ValidateString(context.Background(), validator.StringRequest{Path: at, ConfigValue: types.StringValue(s)}, resp)
			for _, d := range resp.Diagnostics {
				withPath, ok := d.(diag.DiagnosticWithPath)
				if !ok || !withPath.Path().Equal(at) {
					t.Errorf("%s = %q: diagnostic %q is not on the attribute", attr, s, d.Summary())
				}
				if d.Detail() == "" {
					t.Errorf("%s = %q: diagnostic %q says nothing", attr, s, d.Summary())
				}
			}
		}
	})
}
