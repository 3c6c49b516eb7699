package pluginserver

import (
	"context"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"google.golang.org/grpc"
)

// The benchmarks serve the real provider through tf6server over a Unix
// socket (see harness_test.go), with the binary's GC settings, and send
// the requests of a refresh plan from as many clients as the CLI's default
// -parallelism. A plan of 5000 NICs sends one provider process some 60,000
// requests, 20,000 rounds:
//
//	go test ./internal/pluginserver -run '^$' -bench 'RetainedHeap/wrapper$' -benchtime 20000x -cpu 2
//
// The client shares the process: cpu-ns/req counts its CPU too, and
// peak-RSS-MiB is the process's, comparable only with one sub-benchmark
// per process.

const cliParallelism = 10

// BenchmarkRetainedHeap reports the live heap, after a collection, that the
// requests leave behind, per request.
func BenchmarkRetainedHeap(b *testing.B) {
	for _, v := range []struct {
		name string
		wrap func(tfprotov6.ProviderServer) tfprotov6.ProviderServer
	}{
		{"framework", func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return s }},
		{"wrapper", New},
		{"wrapper_without_clearing", func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer {
			w := New(s).(*server)
			w.clearEvery = math.MaxInt64
			return w
		}},
	} {
		b.Run(v.name, func(b *testing.B) {
			tuneGC()
			h := newHarness(b, v.wrap, tf6serverOptions()...)
			h.refreshAndPlan(context.Background())
			before, gcs, cpu := liveHeap(), numGC(), cpuTime()
			b.ResetTimer()
			inParallel(b.N, cliParallelism, func() { h.refreshAndPlan(context.Background()) })
			b.StopTimer()
			requests := float64(b.N * requestsPerRound)
			b.ReportMetric(float64(cpuTime()-cpu)/requests, "cpu-ns/req")
			b.ReportMetric(float64(numGC()-gcs)/requests*1000, "gc/1k-req")
			b.ReportMetric(float64(liveHeap()-before)/requests, "retained-B/req")
			b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
		})
	}
}

// BenchmarkServeCPU reports the process's CPU time per request with
// tf6server's gRPC options, which Serve uses, and with a pool of gRPC
// stream workers added, whose goroutines keep the stacks that a request
// grows (see the package's log for why Serve does without them).
func BenchmarkServeCPU(b *testing.B) {
	for _, v := range []struct {
		name string
		opts []grpc.ServerOption
	}{
		{"tf6server_options", tf6serverOptions()},
		{"stream_workers", append(tf6serverOptions(), grpc.NumStreamWorkers(16))},
	} {
		b.Run(v.name, func(b *testing.B) {
			tuneGC()
			h := newHarness(b, New, v.opts...)
			h.refreshAndPlan(context.Background())
			start := cpuTime()
			b.ResetTimer()
			inParallel(b.N, cliParallelism, func() { h.refreshAndPlan(context.Background()) })
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N*requestsPerRound), "cpu-ns/req")
		})
	}
}

// tf6serverOptions are the gRPC options tf6server.Serve gives its server.
func tf6serverOptions() []grpc.ServerOption {
	return []grpc.ServerOption{grpc.MaxRecvMsgSize(256 << 20), grpc.MaxSendMsgSize(256 << 20)}
}

// inParallel runs f n times from workers goroutines.
func inParallel(n, workers int, f func()) {
	next := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range next {
				f()
			}
		})
	}
	for range n {
		next <- struct{}{}
	}
	close(next)
	wg.Wait()
}

func numGC() uint32 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.NumGC
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func peakRSS() int64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")), 10, 64)
			return n << 10
		}
	}
	return 0
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
