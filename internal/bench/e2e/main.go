// Command e2e measures what the eni provider costs a Terraform or OpenTofu
// run against two floors measured in the same run, on the same CLI:
//
//   - the core floor: terraform_data resources, served by the CLI itself;
//   - the plugin floor: floor_noop resources of internal/bench/floor, a
//     framework provider served like ours that does no work at all.
//
// For each N it applies N network interfaces with N attachments across
// servers in several subnets (and the same number of floor resources, wired
// the same way), plans again with nothing to change, moves 10% of the
// interfaces to another server, and destroys everything. Every run starts
// from an empty directory and a fresh SQLite store. It prints one table:
// median wall seconds per phase, the ratios to both floors, CPU seconds (of
// the whole command and of the provider processes alone) and the peak RSS
// (VmHWM) of the provider processes the CLI started.
//
//	go run ./internal/bench/e2e -n "100 1000" -repeat 3 -cli tofu
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// The kinds of run, in the order the table shows them. The schema floor
// (twin) is the eni configuration on the floor provider's twins of the eni
// resources: the same schemas doing no work. The baseline, run only when
// asked for, is the eni configuration on the provider as built at another
// revision.
const (
	kindENI      = "eni"
	kindFloor    = "floor"
	kindCore     = "core"
	kindTwin     = "twin"
	kindBaseline = "baseline"
)

var kinds = []string{kindENI, kindFloor, kindCore, kindTwin}

// The phases of one run.
var phases = []string{"apply", "plan", "move", "destroy"}

func main() {
	cfg, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.emit != "" {
		err = emit(cfg.emit, cfg.ns[0])
	} else {
		err = run(ctx, cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
