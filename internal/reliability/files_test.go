package reliability

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlite"
)

// TestStoreIsOneFileAfterEachCommand: once a command has finished, its
// provider has checkpointed and closed the SQLite store, so no -wal or
// -shm file is left beside it and engine.db copied alone holds every
// object the command committed. Nothing else opens the store meanwhile:
// a connection of the test's own would keep the log alive.
func TestStoreIsOneFileAfterEachCommand(t *testing.T) {
	requireSuite(t)
	path := filepath.Join(t.TempDir(), "engine.db")
	dir := filepath.Join(t.TempDir(), "ws")
	writeConfig(t, dir, path, `resource "eni_vpc" "one" {
  name = "one-file"
  cidr = "10.61.0.0/16"
}

resource "eni_subnet" "one" {
  vpc_id            = eni_vpc.one.id
  name              = "one-file"
  cidr              = "10.61.1.0/24"
  availability_zone = "local-1a"
}

output "vpc_id" {
  value = eni_vpc.one.id
}
`)
	left := 0
	for _, args := range [][]string{
		{"apply", "-auto-approve", "-input=false", "-json"},
		{"plan", "-input=false", "-json"},
	} {
		r := runCLI(t, dir, nil, args...)
		if r.exit != 0 {
			t.Fatalf("%s", r)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); err == nil {
				left++
				t.Errorf("engine.db%s is left after %s finished", suffix, args[0])
			}
		}
	}

	out := runCLI(t, dir, nil, "output", "-json", "vpc_id")
	var vpcID string
	if err := json.Unmarshal(out.stdout.Bytes(), &vpcID); err != nil || vpcID == "" {
		t.Fatalf("output vpc_id: %v\n%s", err, out)
	}
	copied := filepath.Join(t.TempDir(), "copy.db")
	if err := copyFile(path, copied, 0o600); err != nil {
		t.Fatal(err)
	}
	s := must(sqlite.Open(copied))(t)
	eng := must(engine.New(s, engine.Options{}))(t)
	defer eng.Close()
	ctx := context.Background()
	vpcs := 1
	if _, err := eng.GetVPC(ctx, vpcID); err != nil {
		vpcs = 0
		t.Errorf("engine.db copied alone lacks the VPC the apply committed: %v", err)
	}
	subnets := must(eng.ListSubnets(ctx, engine.SubnetFilter{VPCID: vpcID}))(t)
	if len(subnets) != 1 {
		t.Errorf("engine.db copied alone holds %d subnets of the VPC, want 1", len(subnets))
	}
	figure(t, "after apply and plan: %d -wal/-shm files left (want 0); engine.db copied alone holds %d of 1 VPC and %d of 1 subnet",
		left, vpcs, len(subnets))
}
