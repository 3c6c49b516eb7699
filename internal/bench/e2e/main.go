// Command bench measures what the eni provider costs a Terraform or OpenTofu
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
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
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

type config struct {
	root        string // repository root
	cli         string // path of tofu or terraform
	cliVersion  string
	ns          []int
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

// sample is what one phase of one run measured.
type sample struct {
	seconds float64
	cpu     float64 // user+system seconds of the CLI and the providers it waited for
	peakKB  int64   // provider processes' VmHWM; 0 for the core floor
	provCPU float64 // user+system seconds of the provider processes alone, last sampled
}

type key struct {
	n     int
	kind  string
	phase string
}

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

func parseFlags() (*config, error) {
	cfg := &config{}
	nList := flag.String("n", envOr("BENCH_N", "100 1000 5000"), "space-separated resource counts (env BENCH_N)")
	flag.IntVar(&cfg.repeat, "repeat", envInt("BENCH_REPEAT", 3), "runs per count and kind; the table shows medians (env BENCH_REPEAT)")
	cli := flag.String("cli", envOr("BENCH_CLI", "tofu"), "tofu, terraform, or a path to either (env BENCH_CLI)")
	flag.IntVar(&cfg.parallelism, "parallelism", 10, "the CLI's -parallelism")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the work directory")
	flag.BoolVar(&cfg.verbose, "v", os.Getenv("BENCH_VERBOSE") != "", "print each phase as it ends (env BENCH_VERBOSE)")
	flag.DurationVar(&cfg.timeout, "phase-timeout", time.Hour, "give up on a phase after this long")
	flag.StringVar(&cfg.baseline, "baseline", os.Getenv("BENCH_BASELINE"), "also run the eni configuration on the provider built at this git `revision`, for a before/after comparison (env BENCH_BASELINE)")
	kindList := flag.String("kinds", envOr("BENCH_KINDS", strings.Join(kinds, " ")), "space-separated kinds of run: eni, floor (plugin floor), core (core floor), twin (schema floor) (env BENCH_KINDS)")
	flag.StringVar(&cfg.emit, "emit", "", "only write the configurations of the first count into `dir`/<kind>/main.tf")
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
	for _, k := range strings.Fields(*kindList) {
		if !slices.Contains(kinds, k) {
			return nil, fmt.Errorf("kind %q: want one of %s", k, strings.Join(kinds, ", "))
		}
		cfg.kinds = append(cfg.kinds, k)
	}
	if cfg.baseline != "" {
		cfg.kinds = append(cfg.kinds, kindBaseline)
	}
	if len(cfg.ns) == 0 || len(cfg.kinds) == 0 || cfg.repeat < 1 {
		return nil, errors.New("nothing to run: give at least one count, one kind and one repeat")
	}
	switch *cli {
	case "tofu", "terraform":
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

func run(ctx context.Context, cfg *config) error {
	work, err := os.MkdirTemp("", "eni-bench-")
	if err != nil {
		return err
	}
	cfg.work = work
	if cfg.keep {
		fmt.Fprintln(os.Stderr, "work directory:", work)
	} else {
		defer os.RemoveAll(work)
	}
	if err := setup(ctx, cfg); err != nil {
		return err
	}
	results := map[key][]sample{}
	total := len(cfg.ns) * cfg.repeat * len(cfg.kinds)
	done := 0
	started := time.Now()
	for _, n := range cfg.ns {
		for r := range cfg.repeat {
			// Rotate the order of kinds so that drift in the machine's
			// load does not always favour the same one.
			order := slices.Clone(cfg.kinds)
			for range r % len(order) {
				order = append(order[1:], order[0])
			}
			for _, kind := range order {
				samples, err := runOnce(ctx, cfg, n, kind, r)
				if err != nil {
					return fmt.Errorf("N=%d %s run %d: %w", n, kind, r+1, err)
				}
				for i, p := range phases {
					k := key{n, kind, p}
					results[k] = append(results[k], samples[i])
				}
				done++
				fmt.Fprintf(os.Stderr, "bench: %d/%d runs done (N=%d %s), %s elapsed\n", done, total, n, kind, time.Since(started).Round(time.Second))
			}
		}
	}
	printTable(os.Stdout, cfg, results)
	return nil
}

// emit writes the configurations of every kind for n, to run by hand.
func emit(dir string, n int) error {
	for _, kind := range kinds {
		if err := os.MkdirAll(filepath.Join(dir, kind), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, kind, "main.tf"), []byte(configFor(kind, newTopology(n))), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// setup builds both providers and writes the CLI configuration that
// points both registries' addresses at them.
func setup(ctx context.Context, cfg *config) error {
	out, err := exec.CommandContext(ctx, cfg.cli, "version").Output()
	if err != nil {
		return fmt.Errorf("%s version: %w", cfg.cli, err)
	}
	cfg.cliVersion = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])

	eniDir := filepath.Join(cfg.work, "providers", "eni")
	floorDir := filepath.Join(cfg.work, "providers", "floor")
	builds := [][]string{
		{"build", "-trimpath", "-o", filepath.Join(eniDir, "terraform-provider-eni"), "."},
		{"build", "-trimpath", "-o", filepath.Join(floorDir, "terraform-provider-floor"), "./internal/bench/floor/plugin"},
	}
	for _, args := range builds {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = cfg.root
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
	}
	cfg.cliConfig = filepath.Join(cfg.work, "cli.tfrc")
	if err := writeCLIConfig(cfg.cliConfig, eniDir, floorDir); err != nil {
		return err
	}
	if cfg.baseline == "" {
		return nil
	}
	baselineDir := filepath.Join(cfg.work, "providers", "baseline")
	if err := buildAt(ctx, cfg, cfg.baseline, filepath.Join(baselineDir, "terraform-provider-eni")); err != nil {
		return err
	}
	cfg.baselineRC = filepath.Join(cfg.work, "cli-baseline.tfrc")
	return writeCLIConfig(cfg.baselineRC, baselineDir, floorDir)
}

// writeCLIConfig points both registries' addresses of the eni and floor
// providers at the directories holding them.
func writeCLIConfig(path, eniDir, floorDir string) error {
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/eni/eni"     = %q
    "registry.opentofu.org/eni/eni"     = %q
    "registry.terraform.io/bench/floor" = %q
    "registry.opentofu.org/bench/floor" = %q
  }
  direct {}
}
`, eniDir, eniDir, floorDir, floorDir)
	return os.WriteFile(path, []byte(rc), 0o644)
}

// buildAt builds the provider as committed at rev into out, from a copy of
// that revision's tree (git archive), leaving the repository alone.
func buildAt(ctx context.Context, cfg *config, rev, out string) error {
	src := filepath.Join(cfg.work, "baseline-src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	archive := exec.CommandContext(ctx, "git", "-C", cfg.root, "archive", "--format=tar", rev)
	untar := exec.CommandContext(ctx, "tar", "-x", "-C", src)
	pipe, err := archive.StdoutPipe()
	if err != nil {
		return err
	}
	untar.Stdin = pipe
	archive.Stderr, untar.Stderr = os.Stderr, os.Stderr
	if err := untar.Start(); err != nil {
		return err
	}
	if err := archive.Run(); err != nil {
		return fmt.Errorf("git archive %s: %w", rev, err)
	}
	if err := untar.Wait(); err != nil {
		return fmt.Errorf("unpack %s: %w", rev, err)
	}
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, ".")
	build.Dir = src
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build the provider at %s: %w", rev, err)
	}
	return os.RemoveAll(src)
}

// runOnce applies, plans, moves and destroys one configuration in a
// fresh directory with a fresh store.
func runOnce(ctx context.Context, cfg *config, n int, kind string, r int) ([]sample, error) {
	dir := filepath.Join(cfg.work, fmt.Sprintf("%s-%d-%d", kind, n, r+1))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if !cfg.keep {
			os.RemoveAll(dir)
		}
	}()
	configKind, rc := kind, cfg.cliConfig
	if kind == kindBaseline {
		configKind, rc = kindENI, cfg.baselineRC
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(configFor(configKind, newTopology(n))), 0o644); err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc,
		"ENI_STORE="+filepath.Join(dir, "engine.db"),
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"TF_LOG=",
		"TF_PLUGIN_CACHE_DIR=",
	)
	par := fmt.Sprintf("-parallelism=%d", cfg.parallelism)
	commands := map[string][]string{
		"apply":   {"apply", "-auto-approve", "-input=false", "-no-color", par},
		"plan":    {"plan", "-input=false", "-no-color", "-detailed-exitcode", par},
		"move":    {"apply", "-auto-approve", "-input=false", "-no-color", par, "-var", "move=true"},
		"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color", par, "-var", "move=true"},
	}
	provider := ""
	switch kind {
	case kindENI, kindBaseline:
		provider = "terraform-provider-eni"
	case kindFloor, kindTwin:
		provider = "terraform-provider-floor"
	}
	var out []sample
	for _, p := range phases {
		s, err := runPhase(ctx, cfg, dir, env, provider, p, commands[p])
		if err != nil {
			return nil, err
		}
		if cfg.verbose {
			fmt.Fprintf(os.Stderr, "bench:   N=%d %-5s %-7s %7.2fs wall %7.2fs CPU (provider %.2fs)  peak RSS %s MB\n", n, kind, p, s.seconds, s.cpu, s.provCPU, mb(float64(s.peakKB)))
		}
		out = append(out, s)
	}
	return out, nil
}

func runPhase(ctx context.Context, cfg *config, dir string, env []string, provider, phase string, args []string) (sample, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	logPath := filepath.Join(dir, phase+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return sample{}, err
	}
	defer logFile.Close()
	cmd := exec.CommandContext(ctx, cfg.cli, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	watched := make(chan providerUsage, 1)
	stopSampling := make(chan struct{})
	go func() { watched <- watchProviders(cmd.Process.Pid, provider, stopSampling) }()
	err = cmd.Wait()
	elapsed := time.Since(start)
	close(stopSampling)
	usage := <-watched
	s := sample{seconds: elapsed.Seconds(), peakKB: usage.peakKB, provCPU: usage.cpu}
	if ps := cmd.ProcessState; ps != nil {
		// The CLI waits for its provider processes, so its usage counts theirs.
		s.cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	}
	if err != nil {
		return s, fmt.Errorf("%s %s: %w\n%s", filepath.Base(cfg.cli), strings.Join(args, " "), err, tail(logPath, 40))
	}
	return s, nil
}

// tail returns the last lines of a log, for errors.
func tail(path string, lines int) string {
	b, _ := os.ReadFile(path)
	all := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// providerUsage is what watchProviders saw of the providers of one command.
type providerUsage struct {
	peakKB int64   // highest VmHWM of any of them
	cpu    float64 // their user+system seconds, summed, as last sampled
}

// watchProviders watches the processes named provider that cli starts (the
// CLI may start several in one command) until stop. VmHWM is the process's
// own peak, so sampling every few milliseconds misses only what grows in its
// last moments; CPU time misses the same moments, which is why it is shown
// beside the CLI's exact total rather than instead of it.
func watchProviders(cli int, provider string, stop <-chan struct{}) providerUsage {
	if provider == "" {
		<-stop
		return providerUsage{}
	}
	var peak int64
	cpu := map[int]float64{}
	known := map[int]bool{} // pid → is a provider of cli
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		for _, pid := range pids() {
			isProvider, seen := known[pid]
			if !seen {
				isProvider = parentOf(pid) == cli && exeName(pid) == provider
				known[pid] = isProvider
			}
			if isProvider {
				peak = max(peak, statusKB(pid, "VmHWM:"))
				if t, ok := cpuSeconds(pid); ok {
					cpu[pid] = t
				}
			}
		}
		select {
		case <-stop:
			var total float64
			for _, t := range cpu {
				total += t
			}
			return providerUsage{peakKB: peak, cpu: total}
		case <-tick.C:
		}
	}
}

func pids() []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		if pid, err := strconv.Atoi(e.Name()); err == nil {
			out = append(out, pid)
		}
	}
	return out
}

// statFields reads /proc/<pid>/stat and returns the fields after the
// command name, which may itself hold spaces and parentheses: the first is
// the state (field 3 of proc(5)).
func statFields(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

func parentOf(pid int) int {
	fields := statFields(pid)
	if len(fields) < 2 {
		return -1
	}
	ppid, _ := strconv.Atoi(fields[1])
	return ppid
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc; 100 on Linux.
const clockTicks = 100

// cpuSeconds is utime+stime (fields 14 and 15 of proc(5)).
func cpuSeconds(pid int) (float64, bool) {
	fields := statFields(pid)
	if len(fields) < 13 {
		return 0, false
	}
	user, err1 := strconv.ParseInt(fields[11], 10, 64)
	sys, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return float64(user+sys) / clockTicks, true
}

func exeName(pid int) string {
	exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid))
	if err != nil {
		return ""
	}
	return filepath.Base(strings.TrimSuffix(exe, " (deleted)"))
}

func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb
		}
	}
	return 0
}

// median is NaN for no values (a kind that was not run), which the tables
// print as NaN.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// mb formats kilobytes as megabytes; "-" when nothing was measured.
func mb(kb float64) string {
	if kb == 0 || math.IsNaN(kb) {
		return "-"
	}
	return fmt.Sprintf("%.1f", kb/1024)
}

func printTable(w io.Writer, cfg *config, results map[key][]sample) {
	fmt.Fprintf(w, "\n%s, -parallelism=%d, median of %d run(s) per cell; store: a fresh SQLite file per run\n",
		cfg.cliVersion, cfg.parallelism, cfg.repeat)
	fmt.Fprintf(w, "N ENIs + N attachments (eni) vs the same counts of floor_noop (plugin floor), terraform_data (core floor)\n"+
		"and twins of the eni resources with the same schemas doing no work (schema floor)\n\n")
	medians := func(n int, kind, p string, of func(sample) float64) float64 {
		var xs []float64
		for _, s := range results[key{n, kind, p}] {
			xs = append(xs, of(s))
		}
		return median(xs)
	}
	wall := func(s sample) float64 { return s.seconds }
	cpu := func(s sample) float64 { return s.cpu }
	provCPU := func(s sample) float64 { return s.provCPU }
	rss := func(s sample) float64 { return float64(s.peakKB) }

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "N\tphase\teni s\tplugin floor s\tcore floor s\tschema floor s\teni/plugin\teni/core\teni/schema\teni peak RSS MB\tfloor peak RSS MB\tschema floor peak RSS MB\t")
	for _, n := range cfg.ns {
		for _, p := range phases {
			e, f, c, t := medians(n, kindENI, p, wall), medians(n, kindFloor, p, wall), medians(n, kindCore, p, wall), medians(n, kindTwin, p, wall)
			fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t%s\t\n", n, p, e, f, c, t, e/f, e/c, e/t,
				mb(medians(n, kindENI, p, rss)), mb(medians(n, kindFloor, p, rss)), mb(medians(n, kindTwin, p, rss)))
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nCPU seconds of the whole command (CLI and providers), less sensitive than wall time to what else the machine runs, and of the provider processes alone:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "N\tphase\teni CPU s\tplugin floor CPU s\tcore floor CPU s\tschema floor CPU s\teni/plugin\teni/core\teni/schema\teni provider\tplugin floor provider\tschema floor provider\t")
	for _, n := range cfg.ns {
		for _, p := range phases {
			e, f, c, t := medians(n, kindENI, p, cpu), medians(n, kindFloor, p, cpu), medians(n, kindCore, p, cpu), medians(n, kindTwin, p, cpu)
			fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", n, p, e, f, c, t, e/f, e/c, e/t,
				medians(n, kindENI, p, provCPU), medians(n, kindFloor, p, provCPU), medians(n, kindTwin, p, provCPU))
		}
	}
	tw.Flush()
	if cfg.baseline != "" {
		fmt.Fprintf(w, "\nagainst the provider as built at %s (baseline), same configuration, same run:\n", cfg.baseline)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "N\tphase\teni s\tbaseline s\teni/baseline\teni CPU s\tbaseline CPU s\teni peak RSS MB\tbaseline peak RSS MB\t")
		for _, n := range cfg.ns {
			for _, p := range phases {
				e, b := medians(n, kindENI, p, wall), medians(n, kindBaseline, p, wall)
				fmt.Fprintf(tw, "%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t\n", n, p, e, b, e/b,
					medians(n, kindENI, p, cpu), medians(n, kindBaseline, p, cpu),
					mb(medians(n, kindENI, p, rss)), mb(medians(n, kindBaseline, p, rss)))
			}
		}
		tw.Flush()
	}
	fmt.Fprintln(w, "\nphases: apply = create all; plan = refresh and plan with no changes; move = 10% of attachments to another server; destroy = everything.")
	fmt.Fprintln(w, "peak RSS: highest VmHWM of the provider processes the CLI started during the phase (median over runs).")
}
