package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/eni/terraform-provider-eni/internal/pluginserver"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the CLI
// named by TF_ACC_TERRAFORM_PATH, with the server the binary serves.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	// A new provider instance per CLI command, as a real plugin process would be.
	"eni": func() (tfprotov6.ProviderServer, error) {
		return pluginserver.NewServer(New("test")), nil
	},
}

// testAccPreCheck fails in CI when the CLI the suite needs is missing; on a
// laptop without TF_ACC the framework skips the test before this runs.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("CI") == "true" && os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		t.Fatal("TF_ACC_TERRAFORM_PATH must name a Terraform or OpenTofu binary in CI")
	}
}
