package enginebench_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/postgres"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

// BenchmarkPostgresWriters measures, in one run, NIC creation on
// PostgreSQL by one writer and by 8 concurrent writers (each with its own
// store, as 8 provider processes) in 8 VPCs and in one, with the store's
// VPC locks and with one region lock (eni_locks=region, as before VPC
// locks). The last case, ratios, reports the ratios of the cases' median
// times over -count: spread-vs-one-VPC is what writers in separate VPCs
// gain, single-vpc-vs-region what VPC locks cost one writer. (Metrics of a
// benchmark with sub-benchmarks are never printed, hence a case of its own.)
// Each case also reports the processor's use and its backends' lock waits
// (cpu_share_test.go), which tell whether the processor or the locks cap it.
func BenchmarkPostgresWriters(b *testing.B) {
	server := os.Getenv("ENI_TEST_POSTGRES_URL")
	if server == "" {
		b.Skip("ENI_TEST_POSTGRES_URL is not set (scripts/pg-start.sh starts a server and prints one)")
	}
	db, err := sql.Open("pgx", server)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	perOp := map[string]runTimes{}
	for _, c := range []struct {
		name          string
		writers, vpcs int
		locks         string
	}{
		{"single/vpc", 1, 1, "vpc"},
		{"single/region", 1, 1, "region"},
		{"8writers/8vpcs", 8, 8, "vpc"},
		{"8writers/1vpc", 8, 1, "vpc"},
		{"8writers/8vpcs/region", 8, 8, "region"},
	} {
		perOp[c.name] = runTimes{}
		b.Run(c.name, func(b *testing.B) {
			dbURL, app := tagBackends(storetest.FreshSchema(b, db, server, "eni_bench_"))
			run := func() *probe { return startProbe(b, db, server, app) }
			perOp[c.name][b] = createConcurrently(b, dbURL+"&eni_locks="+c.locks, c.writers, c.vpcs, run)
		})
	}
	b.Run("ratios", func(b *testing.B) {
		for name, r := range perOp {
			if len(r) == 0 {
				b.Skipf("%s did not run (-bench left it out)", name)
			}
		}
		ratio := func(a, b string) float64 { return float64(perOp[b].median()) / float64(perOp[a].median()) }
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(ratio("8writers/8vpcs", "8writers/1vpc"), "spread-vs-one-VPC")
		b.ReportMetric(ratio("8writers/8vpcs", "8writers/8vpcs/region"), "spread-vs-region-lock")
		b.ReportMetric(ratio("single/vpc", "single/region"), "single-region-vs-vpc")
	})
}

// runTimes holds a case's time per NIC by run: -count runs a case anew
// with a *testing.B of its own, and within a run the last, timed call
// overwrites the one-iteration probe before it.
type runTimes map[*testing.B]time.Duration

// median is the middle of the runs' times, which one run slowed by other
// work on a shared machine does not move.
func (r runTimes) median() time.Duration {
	times := slices.Sorted(maps.Values(r))
	if len(times) == 0 {
		return 0
	}
	return times[len(times)/2]
}

// createConcurrently creates b.N NICs with writers concurrent writers,
// writer w in VPC w%vpcs, and returns the wall time per NIC; a probe
// started by run watches the timed part.
func createConcurrently(b *testing.B, dbURL string, writers, vpcs int, run func() *probe) time.Duration {
	ctx := context.Background()
	setup := openPostgresEngine(b, dbURL)
	subnets := make([]engine.Subnet, vpcs)
	for v := range subnets {
		vpc, err := setup.CreateVPC(ctx, engine.VPCInput{Name: "bench", CIDR: fmt.Sprintf("10.%d.0.0/16", v)})
		if err != nil {
			b.Fatal(err)
		}
		subnets[v], err = setup.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "bench", CIDR: vpc.CIDR, AvailabilityZone: "local-1a"})
		if err != nil {
			b.Fatal(err)
		}
	}
	engines := make([]*engine.Engine, writers)
	for w := range engines {
		engines[w] = openPostgresEngine(b, dbURL)
	}
	errs := make(chan error, writers)
	var wg sync.WaitGroup
	p := run()
	b.ResetTimer()
	start := time.Now()
	// The writers carry the case's name as a profiler label, so that a
	// CPU profile of the whole benchmark can be cut to one case
	// (go tool pprof -tagfocus case=8writers/8vpcs$).
	labels := pprof.Labels("case", strings.TrimPrefix(b.Name(), "BenchmarkPostgresWriters/"))
	for w, e := range engines {
		wg.Add(1)
		go pprof.Do(ctx, labels, func(ctx context.Context) {
			defer wg.Done()
			for i := w; i < b.N; i += writers {
				if _, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnets[w%vpcs].ID, Name: "nic"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	p.stop(b)
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return elapsed / time.Duration(b.N)
}

func openPostgresEngine(b *testing.B, dbURL string) *engine.Engine {
	b.Helper()
	st, err := postgres.Open(context.Background(), dbURL)
	if err != nil {
		b.Fatal(err)
	}
	e, err := engine.New(st, engine.Options{})
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = e.Close() })
	return e
}
