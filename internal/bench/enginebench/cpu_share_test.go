package enginebench_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// What caps concurrent writers on one machine is either the processor or
// the locks. A probe, started and stopped around a timed run, reports
// beside ns/op what tells the two apart:
//
//   - cpu-cores: CPU seconds of the bench process and of the local
//     PostgreSQL server per second of wall time (server-cores is the
//     server's part). On a 2-core machine a figure near 2 means the
//     processor is the cap.
//   - machine-idle-%: the whole machine's idle share, and other-cores the
//     cores busy with anything but the bench and its server (other work on
//     a shared machine, kernel work charged to no process), so that the
//     load of others shows.
//   - lock-wait-%, lwlock-wait-%, io-wait-%: the share of samples in which
//     at least one of the run's backends waits on a heavyweight lock
//     (advisory locks, rows, transaction IDs), a lightweight lock or I/O;
//     lock-waiters is how many wait on a heavyweight lock, on average.

// userHZ is the unit of the CPU times in /proc: USER_HZ, 100 on every
// architecture Linux exposes to user space (sysconf needs cgo to ask).
const userHZ = 100

// sampleEvery is how often the run's backends are sampled: often enough to
// see waits of a few milliseconds, rarely enough to cost little CPU.
const sampleEvery = 5 * time.Millisecond

// probe holds the counters a run started from.
type probe struct {
	start      time.Time
	self       time.Duration
	server     *serverCPU
	serverFrom int64
	machine    machineCPU
	waits      *waitSampler
}

// tagBackends names the run's connections after its schema (application
// _name), so that the sampler counts only them: not itself, not another
// case's or another test's on a shared server.
func tagBackends(dbURL string) (tagged, app string) {
	u, err := url.Parse(dbURL)
	if err != nil {
		return dbURL, ""
	}
	q := u.Query()
	app = q.Get("search_path")
	q.Set("application_name", app)
	u.RawQuery = q.Encode()
	return u.String(), app
}

// startProbe reads every counter just before a timed run; db is a
// connection to the run's server, not one of the run's own.
func startProbe(b *testing.B, db *sql.DB, serverURL, app string) *probe {
	b.Helper()
	p := &probe{server: localServer(b, db, serverURL)}
	if p.server != nil {
		p.serverFrom = p.server.ticks()
	}
	p.machine = readMachineCPU()
	p.self = selfCPU()
	p.waits = sampleWaits(db, app)
	p.start = time.Now()
	return p
}

// stop reads the counters again and reports the differences beside ns/op.
func (p *probe) stop(b *testing.B) {
	b.Helper()
	wall := time.Since(p.start).Seconds()
	cpu := (selfCPU() - p.self).Seconds()
	w := p.waits.stop()
	if p.server != nil {
		server := float64(p.server.ticks()-p.serverFrom) / userHZ
		b.ReportMetric(server/wall, "server-cores")
		cpu += server
	}
	b.ReportMetric(cpu/wall, "cpu-cores")
	if idle, busy, ok := readMachineCPU().since(p.machine); ok {
		b.ReportMetric(idle, "machine-idle-%")
		if p.server != nil {
			b.ReportMetric(busy/wall-cpu/wall, "other-cores")
		}
	}
	w.report(b)
}

// selfCPU is the CPU time of the bench process: the writers, the driver,
// the sampler and the garbage collector.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// skipOnce logs once per process why a figure is missing, rather than once
// per case and count.
var skipOnce sync.Once

func logSkip(b *testing.B, format string, args ...any) {
	skipOnce.Do(func() { b.Logf(format, args...) })
}

// serverCPU is a local PostgreSQL server, known by its postmaster.
type serverCPU struct{ postmaster int }

// localServer finds the postmaster of the server db talks to, or returns
// nil (and says why) when its CPU cannot be read here.
func localServer(b *testing.B, db *sql.DB, serverURL string) *serverCPU {
	if !isLocal(serverURL) {
		logSkip(b, "server-cores: the server is not on this machine")
		return nil
	}
	var backend int
	if err := db.QueryRow(`SELECT pg_backend_pid()`).Scan(&backend); err != nil {
		logSkip(b, "server-cores: %v", err)
		return nil
	}
	// Every backend is a child of the postmaster.
	st, err := readStat(backend)
	if err != nil {
		logSkip(b, "server-cores: %v", err)
		return nil
	}
	// A server in another PID namespace (a container) has backend PIDs that
	// name other processes here, or none.
	pm, err := readStat(st.ppid)
	if err != nil || (pm.comm != "postgres" && pm.comm != "postmaster") {
		logSkip(b, "server-cores: process %d, the parent of backend %d, is not a local postmaster", st.ppid, backend)
		return nil
	}
	return &serverCPU{postmaster: st.ppid}
}

// isLocal reports whether the URL names a server on this machine: a
// loopback address or a Unix socket.
func isLocal(serverURL string) bool {
	cfg, err := pgx.ParseConfig(serverURL)
	if err != nil {
		return false
	}
	if strings.HasPrefix(cfg.Host, "/") || cfg.Host == "localhost" {
		return true
	}
	ip := net.ParseIP(cfg.Host)
	return ip != nil && ip.IsLoopback()
}

// ticks is the CPU time, in USER_HZ ticks, of the postmaster and its
// children: the live ones' own, and the ended ones' that the postmaster
// has reaped (its cutime and cstime), so that a backend ending during the
// run keeps its share. A child reaped while /proc is read would count
// twice or not at all, so the read is repeated until no child was reaped
// during it: the previous case's backends end as the next case starts.
func (s *serverCPU) ticks() int64 {
	var total int64
	for range 10 {
		before, err := readStat(s.postmaster)
		if err != nil {
			return 0
		}
		children := s.childTicks()
		after, err := readStat(s.postmaster)
		if err != nil {
			return 0
		}
		total = after.utime + after.stime + after.cutime + after.cstime + children
		if after.cutime == before.cutime && after.cstime == before.cstime {
			break
		}
	}
	return total
}

// childTicks is the CPU time of the postmaster's live children.
func (s *serverCPU) childTicks() int64 {
	var total int64
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range procs {
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil {
			continue
		}
		if st, err := readStat(pid); err == nil && st.ppid == s.postmaster {
			total += st.utime + st.stime
		}
	}
	return total
}

// procStat is what the probe reads of /proc/<pid>/stat.
type procStat struct {
	comm                         string
	ppid                         int
	utime, stime, cutime, cstime int64
}

func readStat(pid int) (procStat, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, err
	}
	// The command name is in parentheses and may hold spaces; the fields
	// after it start with the state (field 3).
	s := string(raw)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return procStat{}, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(s[end+1:])
	if len(f) < 15 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	num := func(i int) int64 { n, _ := strconv.ParseInt(f[i], 10, 64); return n }
	return procStat{
		comm: s[open+1 : end], ppid: int(num(1)),
		utime: num(11), stime: num(12), cutime: num(13), cstime: num(14),
	}, nil
}

// machineCPU is the machine's idle time (all CPUs, idle and iowait from
// /proc/stat) when it was read. Only idle time is taken: a tickless kernel
// measures it exactly, while busy time is sampled by a tick that misses
// much of the short bursts between idle spells, which a writer waiting on
// its server makes; busy time is the rest of the CPUs' time.
type machineCPU struct {
	idle int64
	cpus int
	at   time.Time
}

func readMachineCPU() machineCPU {
	raw, err := os.ReadFile("/proc/stat")
	if err != nil {
		return machineCPU{}
	}
	m := machineCPU{at: time.Now()}
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) > 5 && f[0] == "cpu": // cpu user nice system idle iowait ...
			idle, _ := strconv.ParseInt(f[4], 10, 64)
			iowait, _ := strconv.ParseInt(f[5], 10, 64)
			m.idle = idle + iowait
		case len(f) > 0 && strings.HasPrefix(f[0], "cpu"): // cpu0, cpu1, ...
			m.cpus++
		}
	}
	return m
}

// since is the machine's idle share, in percent, and its busy CPU
// seconds since from.
func (m machineCPU) since(from machineCPU) (idlePct, busy float64, ok bool) {
	all := m.at.Sub(from.at).Seconds() * float64(m.cpus)
	if all <= 0 || from.cpus == 0 {
		return 0, 0, false
	}
	idle := min(float64(m.idle-from.idle)/userHZ, all)
	return 100 * idle / all, all - idle, true
}

// waitSampler polls pg_stat_activity for the run's backends.
type waitSampler struct {
	cancel context.CancelFunc
	done   chan waitCounts
}

// waitCounts is what the samples saw.
type waitCounts struct {
	samples, lock, lwlock, io, lockWaiters int
	events                                 map[string]int // waits by type and event: Lock:advisory
	err                                    error
}

// sampleWaits samples, on db's own connection, what the backends named
// app wait for until stopped.
func sampleWaits(db *sql.DB, app string) *waitSampler {
	ctx, cancel := context.WithCancel(context.Background())
	s := &waitSampler{cancel: cancel, done: make(chan waitCounts, 1)}
	go func() {
		c := waitCounts{events: map[string]int{}}
		t := time.NewTicker(sampleEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				s.done <- c
				return
			case <-t.C:
				if err := c.sample(ctx, db, app); err != nil && ctx.Err() == nil {
					c.err = err
				}
			}
		}
	}()
	return s
}

func (s *waitSampler) stop() waitCounts {
	s.cancel()
	return <-s.done
}

// sample reads one snapshot of the run's backends and counts their waits.
func (c *waitCounts) sample(ctx context.Context, db *sql.DB, app string) error {
	rows, err := db.QueryContext(ctx, `SELECT coalesce(wait_event_type, ''), coalesce(wait_event, '')
		FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'`, app)
	if err != nil {
		return err
	}
	defer rows.Close()
	var lock, lwlock, io int
	for rows.Next() {
		var kind, event string
		if err := rows.Scan(&kind, &event); err != nil {
			return err
		}
		if kind == "Lock" || kind == "LWLock" || kind == "IO" {
			c.events[kind+":"+event]++
		}
		switch kind {
		case "Lock":
			lock++
		case "LWLock":
			lwlock++
		case "IO":
			io++
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.samples++
	c.lockWaiters += lock
	c.lwlock += min(lwlock, 1)
	c.io += min(io, 1)
	c.lock += min(lock, 1)
	return nil
}

// report puts the wait shares beside ns/op and logs what was waited for:
// Lock:advisory is the store's VPC and region locks, any other Lock one of
// PostgreSQL's own (Lock:extend, a table growing), LWLock and IO the
// server's internals.
func (c waitCounts) report(b *testing.B) {
	if c.err != nil {
		logSkip(b, "lock-wait-%%: sampling pg_stat_activity: %v", c.err)
	}
	if c.samples == 0 {
		return
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(c.samples) }
	b.ReportMetric(pct(c.lock), "lock-wait-%")
	b.ReportMetric(float64(c.lockWaiters)/float64(c.samples), "lock-waiters")
	b.ReportMetric(pct(c.lwlock), "lwlock-wait-%")
	b.ReportMetric(pct(c.io), "io-wait-%")
	if len(c.events) > 0 && b.N > 1 {
		events := make([]string, 0, len(c.events))
		for e, n := range c.events {
			events = append(events, fmt.Sprintf("%s %.2f", e, float64(n)/float64(c.samples)))
		}
		sort.Strings(events)
		b.Logf("%d samples; backends waiting, on average, by event: %s", c.samples, strings.Join(events, ", "))
	}
}

// TestReadStat checks the parse of /proc/<pid>/stat on this process, whose
// parent and command are known.
func TestReadStat(t *testing.T) {
	st, err := readStat(os.Getpid())
	if err != nil {
		t.Skipf("no /proc here: %v", err)
	}
	comm := filepath.Base(os.Args[0])
	comm = comm[:min(len(comm), 15)] // the kernel keeps 15 bytes of it
	if st.ppid != os.Getppid() || st.comm != comm {
		t.Errorf("readStat = %+v, want parent %d and command %q", st, os.Getppid(), comm)
	}
}

// TestIsLocal checks which servers count as on this machine.
func TestIsLocal(t *testing.T) {
	for url, want := range map[string]bool{
		"postgres://u:p@127.0.0.1:5432/db": true,
		"postgres://u:p@[::1]:5432/db":     true,
		"postgres://u:p@localhost/db":      true,
		"postgres:///db?host=/tmp":         true,
		"postgres://u:p@db.example/db":     false,
		"postgres://u:p@10.1.2.3/db":       false,
	} {
		if got := isLocal(url); got != want {
			t.Errorf("isLocal(%q) = %v, want %v", url, got, want)
		}
	}
}
