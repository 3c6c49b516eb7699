package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccStorePasswordNeverShown runs a real CLI at TRACE on store strings
// that hold a password, given in the configuration and in ENI_STORE:
// neither the diagnostic nor the log may show it, and nothing may be
// written locally in its name.
func TestAccStorePasswordNeverShown(t *testing.T) {
	const secret = "s3cr3tZq"
	for i, c := range []struct{ store, want string }{
		{"POSTGRES://team:" + secret + "@127.0.0.1:1/eni?sslmode=disable&connect_timeout=2", "connect to postgres store"},
		{"postgres://team:p%40" + secret + "@127.0.0.1:1/eni?sslmode=disable&connect_timeout=2", "connect to postgres store"},
		{"host=127.0.0.1 port=1 user=team password=p@" + secret + " sslmode=disable connect_timeout=2", "connect to postgres store"},
		{"postgres://team:p@" + secret + "@127.0.0.1:1/eni", "more than one @"},
		{"mysql://team:" + secret + "@127.0.0.1:1/eni", "unknown scheme"},
		{" postgres://team:" + secret + "@127.0.0.1:1/eni", "starts or ends with a space"},
		{`"postgres://team:` + secret + `@127.0.0.1:1/eni"`, "starts or ends with a space or a quote"},
		{"postgres//team:" + secret + "@127.0.0.1:1/eni", "looks like a URL"},
		{"postgres:/team:" + secret + "@127.0.0.1:1/eni", "without // after its scheme"},
		{"postgres:team:" + secret + "@127.0.0.1:1/eni", "without // after its scheme"},
	} {
		for _, fromEnv := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d/env=%v", i, fromEnv), func(t *testing.T) {
				config := fmt.Sprintf("provider \"eni\" {\n  store = %q\n}\n\n", c.store)
				if fromEnv {
					config = ""
					t.Setenv(StoreEnvVar, c.store)
				}
				config += "data \"eni_availability_zones\" \"all\" {}\n"
				log := traceOfFailedPlan(t, config, c.want)
				for _, line := range strings.Split(log, "\n") {
					// The CLI quotes the provider block as written when
					// configuring fails; only ENI_STORE keeps it out.
					if strings.Contains(line, secret) && (fromEnv || !strings.Contains(line, "|   store = ")) {
						t.Errorf("the TRACE log shows the password: %s", line)
					}
				}
			})
		}
	}
}

// traceOfFailedPlan plans config, which must fail saying want, in an empty
// working directory that must stay empty, and returns the CLI's and the
// provider's TRACE log.
func traceOfFailedPlan(t *testing.T, config, want string) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	logPath := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			// The CLI wraps the diagnostic's lines at any space.
			ExpectError: regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(want), " ", `\s+`)),
		}},
	})
	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(log), want) {
		t.Errorf("the TRACE log does not hold the diagnostic %q", want)
	}
	wantEmptyDir(t, dir)
	return string(log)
}
