package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
)

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

// The targets of the provider against the floors of the same graph, in
// the same run: apply and destroy within 1.25× the schema floor and 2.5×
// the core floor; the refresh-plan within 1.25× the schema floor. A
// refresh reads every object back from the store, which neither floor
// does: that read is the accepted gap, so the plugin floor, which has no
// schema to read into, sets no target for it.
var targets = map[string]map[string]float64{
	"apply":   {kindTwin: 1.25, kindCore: 2.5},
	"plan":    {kindTwin: 1.25},
	"destroy": {kindTwin: 1.25, kindCore: 2.5},
}

// cell is the median of one measure of the samples of one key.
func cell(results map[key][]sample, k key, of func(sample) float64) float64 {
	var xs []float64
	for _, s := range results[k] {
		xs = append(xs, of(s))
	}
	return median(xs)
}

func wall(s sample) float64    { return s.seconds }
func cpu(s sample) float64     { return s.cpu }
func provCPU(s sample) float64 { return s.provCPU }
func rss(s sample) float64     { return float64(s.peakKB) }

// verdict compares the eni wall time of a phase with the floors that have
// a target for it: "ok", the ratios over target, or "" when no floor with
// a target was run.
func verdict(results map[key][]sample, t topology, n int, phase string) string {
	e := cell(results, key{t, n, kindENI, phase}, wall)
	var over []string
	checked := false
	for _, kind := range []string{kindTwin, kindCore, kindFloor} {
		limit, ok := targets[phase][kind]
		f := cell(results, key{t, n, kind, phase}, wall)
		if !ok || math.IsNaN(f) || math.IsNaN(e) {
			continue
		}
		checked = true
		if e/f > limit {
			over = append(over, fmt.Sprintf("%s %.2f>%.2f", floorNames[kind], e/f, limit))
		}
	}
	switch {
	case !checked:
		return ""
	case len(over) == 0:
		return "ok"
	}
	return "OVER: " + strings.Join(over, ", ")
}

var floorNames = map[string]string{kindTwin: "schema", kindCore: "core", kindFloor: "plugin", kindBaseline: "baseline"}

// printTopology prints the tables of one topology at one count: wall
// seconds with the ratios to each floor and the verdict against the
// targets, then CPU seconds and the providers' peak RSS.
func printTopology(w io.Writer, cfg *config, t topology, n int, results map[key][]sample) {
	fmt.Fprintf(w, "\n== %s, N=%d: %s; %s, -parallelism=%d, median of %d run(s)\n",
		t, n, t.describe(n), cfg.cliVersion, cfg.parallelism, cfg.repeat)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\teni s\tschema floor s\tcore floor s\tplugin floor s\teni/schema\teni/core\teni/plugin\t\ttargets\t")
	for _, p := range phases {
		e := cell(results, key{t, n, kindENI, p}, wall)
		f := func(kind string) float64 { return cell(results, key{t, n, kind, p}, wall) }
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\t%s\t\n", p, e, f(kindTwin), f(kindCore), f(kindFloor),
			e/f(kindTwin), e/f(kindCore), e/f(kindFloor), verdict(results, t, n, p))
	}
	tw.Flush()
	fmt.Fprintln(w, "CPU seconds of the whole command (CLI and providers), of the provider processes alone, and the providers' peak RSS:")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\teni CPU s\tschema CPU s\tcore CPU s\tplugin CPU s\teni provider CPU s\tschema provider CPU s\teni peak RSS MB\tschema peak RSS MB\t")
	for _, p := range phases {
		c := func(kind string, of func(sample) float64) float64 { return cell(results, key{t, n, kind, p}, of) }
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%s\t%s\t\n", p,
			c(kindENI, cpu), c(kindTwin, cpu), c(kindCore, cpu), c(kindFloor, cpu),
			c(kindENI, provCPU), c(kindTwin, provCPU), mb(c(kindENI, rss)), mb(c(kindTwin, rss)))
	}
	tw.Flush()
	if cfg.baseline != "" {
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "phase\teni s\tbaseline (%s) s\teni/baseline\tCPU eni/baseline\tprovider CPU eni/baseline\t\n", cfg.baseline)
		for _, p := range phases {
			c := func(kind string, of func(sample) float64) float64 { return cell(results, key{t, n, kind, p}, of) }
			e, b := c(kindENI, wall), c(kindBaseline, wall)
			fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t\n", p, e, b, e/b,
				c(kindENI, cpu)/c(kindBaseline, cpu), c(kindENI, provCPU)/c(kindBaseline, provCPU))
		}
		tw.Flush()
	}
}

// printSummary prints one row per topology, count and phase: the eni wall
// time, its ratios to the floors and the verdict, so that topologies can
// be compared with each other.
func printSummary(w io.Writer, cfg *config, results map[key][]sample) {
	fmt.Fprintf(w, "\n== summary: %s, -parallelism=%d, median of %d run(s) per cell; store: a fresh SQLite file per run\n", cfg.cliVersion, cfg.parallelism, cfg.repeat)
	fmt.Fprintln(w, "topology = style/NICs per server/subnets, N NICs; or routing, N routes over 5 tables and N/100 ACLs of 100 rules each way; floors have the same resources and references: schema = the eni schemas doing no work,")
	fmt.Fprintln(w, "core = terraform_data, plugin = a one-argument framework resource. Targets: apply, destroy <= 1.25x schema and <= 2.5x core; plan <= 1.25x schema (the gap is the store read a refresh must do; no plugin-floor target).")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "topology\tN\tphase\teni s\tschema s\tcore s\tplugin s\teni/schema\teni/core\teni/plugin\teni s per N\tCPU eni/schema\tCPU eni/core\t\ttargets\t")
	for _, pr := range cfg.pairs() {
		t, n := pr.topo, pr.n
		for _, p := range phases {
			e := cell(results, key{t, n, kindENI, p}, wall)
			f := func(kind string) float64 { return cell(results, key{t, n, kind, p}, wall) }
			c := func(kind string) float64 { return cell(results, key{t, n, kind, p}, cpu) }
			fmt.Fprintf(tw, "%s\t%d\t%s\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.4f\t%.2f\t%.2f\t\t%s\t\n", t, n, p, e, f(kindTwin), f(kindCore), f(kindFloor),
				e/f(kindTwin), e/f(kindCore), e/f(kindFloor), e/float64(n), c(kindENI)/c(kindTwin), c(kindENI)/c(kindCore), verdict(results, t, n, p))
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "\nphases: apply = create all; plan = refresh and plan with no changes; destroy = everything.")
	fmt.Fprintln(w, "targets are judged on wall time; the CPU ratios (whole command) say how much of a gap is load on the machine rather than work.")
	fmt.Fprintln(w, "peak RSS: highest VmHWM of the provider processes the CLI started during the phase (median over runs).")
}
