// Command e2e measures what the eni provider costs a Terraform or OpenTofu
// run against three floors measured in the same run, on the same CLI, each
// with the same resources and the same references between them, so that the
// CLI walks the same graph:
//
//   - the schema floor: twins of the eni resources (internal/bench/floor)
//     with the same schemas, doing no work;
//   - the core floor: terraform_data resources, served by the CLI itself;
//   - the plugin floor: floor_noop resources, a framework provider served
//     like ours with one argument and no work at all.
//
// It sweeps topologies as well as counts: how many NICs each server has,
// how many subnets share them, and how the configuration names each
// attachment's server (count.index % S, a for_each map keyed by server, one
// module per server, or one block per resource). For each it applies N
// network interfaces with N attachments, plans again with nothing to change
// and destroys everything, every run from an empty directory and a fresh
// SQLite store. It prints per topology the median wall seconds per phase,
// the ratios to each floor against the targets, CPU seconds (of the whole
// command and of the provider processes alone) and the peak RSS (VmHWM) of
// the provider processes the CLI started; then a summary of all topologies.
//
//	go run ./internal/bench/e2e -n "100 1000" -topologies "count/10/1 module/10/1" -repeat 3 -cli tofu
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
var phases = []string{"apply", "plan", "destroy"}

func main() {
	cfg, err := parseFlags()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if cfg.emit != "" {
		err = emit(cfg, cfg.emit)
	} else {
		err = run(ctx, cfg)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
