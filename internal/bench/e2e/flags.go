package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// config is what one invocation runs, from its flags and environment.
type config struct {
	root        string // repository root
	cli         string // path of tofu or terraform
	cliVersion  string
	ns          []int
	topologies  []topology
	repeat      int
	parallelism int
	keep        bool
	work        string
	cliConfig   string
	verbose     bool
	timeout     time.Duration
	emit        string
	baseline    string // a git revision, or ""
	kinds       []string
	baselineRC  string
}

func parseFlags() (*config, error) {
	cfg := &config{}
	nList := flag.String("n", envOr("BENCH_N", "1000"), "space-separated counts of network interfaces (each with its attachment), or of routes for the routing topology (env BENCH_N)")
	topoList := flag.String("topologies", envOr("BENCH_TOPOLOGIES", strings.Join(defaultTopologies, " ")),
		"space-separated topologies, each style/NICs per server/subnets (styles: "+strings.Join(styles, ", ")+"), or "+styleRouting+" (env BENCH_TOPOLOGIES)")
	flag.IntVar(&cfg.repeat, "repeat", envInt("BENCH_REPEAT", 3), "runs per count and kind; the table shows medians (env BENCH_REPEAT)")
	cli := flag.String("cli", envOr("BENCH_CLI", "tofu"), "a CLI in bin/ (tofu, terraform, or another name of scripts/clis.sh) or a path to one (env BENCH_CLI)")
	flag.IntVar(&cfg.parallelism, "parallelism", 10, "the CLI's -parallelism")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work directory")
	flag.BoolVar(&cfg.verbose, "v", os.Getenv("BENCH_VERBOSE") != "", "print each phase as it ends (env BENCH_VERBOSE)")
	flag.DurationVar(&cfg.timeout, "phase-timeout", time.Hour, "give up on a phase after this long")
	flag.StringVar(&cfg.baseline, "baseline", os.Getenv("BENCH_BASELINE"), "also run the eni configuration on the provider built at this git `revision`, for a before/after comparison (env BENCH_BASELINE)")
	kindList := flag.String("kinds", envOr("BENCH_KINDS", strings.Join(kinds, " ")), "space-separated kinds of run: eni, floor (plugin floor), core (core floor), twin (schema floor) (env BENCH_KINDS)")
	flag.StringVar(&cfg.emit, "emit", "", "only write the configurations of the first count into `dir`/<style>-<NICs per server>-<subnets>/<kind>/")
	flag.Parse()

	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	cfg.root = root
	for _, f := range strings.Fields(*nList) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 10 {
			return nil, fmt.Errorf("count %q: want a whole number of at least 10", f)
		}
		cfg.ns = append(cfg.ns, n)
	}
	for _, f := range strings.Fields(*topoList) {
		t, err := parseTopology(f)
		if err != nil {
			return nil, err
		}
		cfg.topologies = append(cfg.topologies, t)
	}
	for _, k := range strings.Fields(*kindList) {
		if !slices.Contains(kinds, k) {
			return nil, fmt.Errorf("kind %q: want one of %s", k, strings.Join(kinds, ", "))
		}
		cfg.kinds = append(cfg.kinds, k)
	}
	if err := checkPairs(cfg, os.Stderr); err != nil {
		return nil, err
	}
	if cfg.baseline != "" {
		cfg.kinds = append(cfg.kinds, kindBaseline)
	}
	if len(cfg.ns) == 0 || len(cfg.topologies) == 0 || len(cfg.kinds) == 0 || cfg.repeat < 1 {
		return nil, errors.New("nothing to run: give at least one count, one topology, one kind and one repeat")
	}
	switch {
	case !strings.ContainsRune(*cli, filepath.Separator):
		// A name: one of the pinned CLIs in bin/ (scripts/clis.sh names them).
		cfg.cli = filepath.Join(root, "bin", *cli)
	default:
		cfg.cli, err = filepath.Abs(*cli)
		if err != nil {
			return nil, err
		}
	}
	if _, err := os.Stat(cfg.cli); err != nil {
		return nil, fmt.Errorf("CLI %s: %w (make tools builds bin/tofu and bin/terraform)", cfg.cli, err)
	}
	return cfg, nil
}

// defaultTopologies is the sweep: the dense topology (10 NICs to a server,
// every NIC in one /18 subnet) written each of the four ways, then with
// fewer NICs per server, then spread over ten subnets; then N routes and
// their ACLs.
var defaultTopologies = []string{"count/10/1", "foreach/10/1", "module/10/1", "blocks/10/1", "count/1/1", "count/5/1", "count/10/10", styleRouting}

// pair is one topology at one count.
type pair struct {
	n    int
	topo topology
}

// pairs are the topologies at the counts they hold, counts first: the
// routing topology sits out counts above what a VPC's tables hold, so that
// a sweep of 5000 NICs still runs with the default topologies.
func (cfg *config) pairs() []pair {
	var out []pair
	for _, n := range cfg.ns {
		for _, t := range cfg.topologies {
			if t.holds(n) {
				out = append(out, pair{n, t})
			}
		}
	}
	return out
}

// checkPairs says which topologies sit out which counts, and refuses a
// run where every one does.
func checkPairs(cfg *config, w io.Writer) error {
	for _, n := range cfg.ns {
		for _, t := range cfg.topologies {
			if !t.holds(n) {
				fmt.Fprintf(w, "bench: %s skipped at N=%d: it holds at most %d routes (%d tables of %d)\n", t, n, routingMaxRoute, routingTables, routesPerTable)
			}
		}
	}
	if len(cfg.pairs()) == 0 {
		return fmt.Errorf("nothing to run: the %s topology holds at most %d routes", styleRouting, routingMaxRoute)
	}
	return nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

// repoRoot finds the module root from the working directory up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "internal", "bench", "floor")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the terraform-provider-eni repository")
		}
		dir = parent
	}
}
