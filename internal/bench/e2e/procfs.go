package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

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
	known := map[int]bool{} // pid → is a provider of cli, once that is settled
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		for _, pid := range pids() {
			isProvider, settled := known[pid]
			if !settled {
				isProvider, settled = classify(pid, cli, provider)
				if settled {
					known[pid] = isProvider
				}
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

// classify says whether pid is a provider process of cli, and whether that
// is settled. A child of cli that is not (yet) the provider binary is left
// unsettled: between fork and exec it still runs the CLI's image, and a
// sample that caught it there must not hide the provider it becomes.
func classify(pid, cli int, provider string) (isProvider, settled bool) {
	if parentOf(pid) != cli {
		return false, true
	}
	if exeName(pid) == provider {
		return true, true
	}
	return false, false
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
