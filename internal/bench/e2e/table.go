package main

import (
	"fmt"
	"io"
	"math"
	"slices"
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
