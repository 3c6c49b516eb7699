package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/eni/terraform-provider-eni/internal/engine"
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

// testEnv is one acceptance test's private region: a fresh SQLite store the
// provider under test and the test's own checks both open.
type testEnv struct {
	t      *testing.T
	store  string
	engine *engine.Engine
}

func newTestEnv(t *testing.T) *testEnv {
	return newTestEnvWithRule(t, "")
}

func newTestEnvWithRule(t *testing.T, rule string) *testEnv {
	t.Helper()
	store := filepath.Join(t.TempDir(), "engine.db")
	eng, err := openEngine(context.Background(), store, engine.Options{AttachmentSubnetRule: rule})
	if err != nil {
		t.Fatalf("opening test store: %v", err)
	}
	return &testEnv{t: t, store: store, engine: eng}
}

// config prefixes HCL with a provider block pointing at the env's store.
func (e *testEnv) config(rule, hcl string) string {
	block := fmt.Sprintf("provider \"eni\" {\n  store = %q\n", e.store)
	if rule != "" {
		block += fmt.Sprintf("  attachment_subnet_rule = %q\n", rule)
	}
	return block + "}\n\n" + hcl
}

// checkInvariants runs the engine's invariant checker as a TestCheckFunc.
func (e *testEnv) checkInvariants(_ *terraform.State) error {
	return e.engine.Check(context.Background())
}

// checkDestroyed verifies that no resource of the given type in state
// still exists in the engine.
func (e *testEnv) checkDestroyed(resourceType string, get func(ctx context.Context, id string) error) func(*terraform.State) error {
	return func(s *terraform.State) error {
		for address, rs := range s.RootModule().Resources {
			if rs.Type != resourceType || strings.HasPrefix(address, "data.") {
				continue
			}
			err := get(context.Background(), rs.Primary.ID)
			if err == nil {
				return fmt.Errorf("%s %s still exists after destroy", resourceType, rs.Primary.ID)
			}
			if !engine.IsNotFound(err) {
				return err
			}
		}
		return e.engine.Check(context.Background())
	}
}

// idOf returns the ID of a resource address in state.
func idOf(s *terraform.State, address string) (string, error) {
	rs, ok := s.RootModule().Resources[address]
	if !ok {
		return "", fmt.Errorf("%s is not in state", address)
	}
	return rs.Primary.ID, nil
}
