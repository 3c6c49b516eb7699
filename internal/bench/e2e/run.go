package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// sample is what one phase of one run measured.
type sample struct {
	seconds float64
	cpu     float64 // user+system seconds of the CLI and the providers it waited for
	peakKB  int64   // provider processes' VmHWM; 0 for the core floor
	provCPU float64 // user+system seconds of the provider processes alone, last sampled
}

// key names the samples of one phase of one kind of run of one topology
// at one count.
type key struct {
	topo  topology
	n     int
	kind  string
	phase string
}

// run runs every kind of every topology at every count cfg.repeat times,
// in a fresh work directory, and prints the tables.
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
	pairs := cfg.pairs()
	total := len(pairs) * cfg.repeat * len(cfg.kinds)
	done := 0
	started := time.Now()
	for _, pr := range pairs {
		n, t := pr.n, pr.topo
		for r := range cfg.repeat {
			// Rotate the order of kinds so that drift in the machine's
			// load does not always favour the same one.
			order := slices.Clone(cfg.kinds)
			for range r % len(order) {
				order = append(order[1:], order[0])
			}
			for _, kind := range order {
				samples, err := runOnce(ctx, cfg, t, n, kind, r)
				if err != nil {
					return fmt.Errorf("%s N=%d %s run %d: %w", t, n, kind, r+1, err)
				}
				for i, p := range phases {
					k := key{t, n, kind, p}
					results[k] = append(results[k], samples[i])
				}
				done++
				fmt.Fprintf(os.Stderr, "bench: %d/%d runs done (%s N=%d %s), %s elapsed\n", done, total, t, n, kind, time.Since(started).Round(time.Second))
			}
		}
		// Each topology's table as soon as it is complete, so that a
		// long sweep cut short still reports what it measured.
		printTopology(os.Stdout, cfg, t, n, results)
	}
	printSummary(os.Stdout, cfg, results)
	return nil
}

// emit writes the configurations of every kind of every topology for n,
// to run by hand.
func emit(cfg *config, dir string) error {
	n := cfg.ns[0]
	for _, t := range cfg.topologies {
		if !t.holds(n) {
			continue
		}
		for _, kind := range kinds {
			base := filepath.Join(dir, strings.ReplaceAll(t.String(), "/", "-"), kind)
			if err := writeFiles(base, configFor(kind, t, n)); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeFiles writes a configuration under dir.
func writeFiles(dir string, fs files) error {
	for name, content := range fs {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// runOnce applies, plans and destroys one configuration in a fresh
// directory with a fresh store.
func runOnce(ctx context.Context, cfg *config, t topology, n int, kind string, r int) ([]sample, error) {
	dir := filepath.Join(cfg.work, fmt.Sprintf("%s-%d-%s-%d", strings.ReplaceAll(t.String(), "/", "-"), n, kind, r+1))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if !cfg.keep {
			os.RemoveAll(dir)
		}
	}()
	rc := cfg.cliConfig
	if kind == kindBaseline {
		rc = cfg.baselineRC
	}
	if err := writeFiles(dir, configFor(kind, t, n)); err != nil {
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
	if t.style == styleModule {
		// The CLI must install the local module before anything else; not
		// timed. get rather than init: init would look the dev_overrides
		// providers up in the registry.
		if _, err := runPhase(ctx, cfg, dir, env, "", "get", []string{"get", "-no-color"}); err != nil {
			return nil, err
		}
	}
	par := fmt.Sprintf("-parallelism=%d", cfg.parallelism)
	commands := map[string][]string{
		"apply":   {"apply", "-auto-approve", "-input=false", "-no-color", par},
		"plan":    {"plan", "-input=false", "-no-color", "-detailed-exitcode", par},
		"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color", par},
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
			fmt.Fprintf(os.Stderr, "bench:   %s N=%d %-5s %-7s %7.2fs wall %7.2fs CPU (provider %.2fs)  peak RSS %s MB\n", t, n, kind, p, s.seconds, s.cpu, s.provCPU, mb(float64(s.peakKB)))
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
