package postgres

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/engine/enginetest/fixture"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore/storetest"
)

// pgbouncerPath is Debian's PgBouncer; ENI_TEST_PGBOUNCER names another.
func pgbouncerPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("ENI_TEST_PGBOUNCER")
	if path == "" {
		path = "/usr/sbin/pgbouncer"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PgBouncer is required in CI (apt-get install pgbouncer): %v", err)
		}
		t.Skipf("PgBouncer is not installed at %s (apt-get install pgbouncer, or set ENI_TEST_PGBOUNCER)", path)
	}
	return path
}

// bouncerPort is ENI_TEST_PGBOUNCER_PORT, or a free loopback port.
func bouncerPort(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("ENI_TEST_PGBOUNCER_PORT"); p != "" {
		return p
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// startPgBouncer runs PgBouncer in poolMode in front of the test server
// until the test ends, and returns how to write a URL to a database through
// it (the client's password is ignored: PgBouncer trusts its clients and
// logs in to the server itself).
func startPgBouncer(t *testing.T, poolMode string) func(database, password string) string {
	t.Helper()
	bin := pgbouncerPath(t)
	server, err := url.Parse(serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	password, _ := server.User.Password()
	dir, err := os.MkdirTemp("", "pg-team-bouncer")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	// Run as root, PgBouncer runs as postgres, which must read its config.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	port := bouncerPort(t)
	config := fmt.Sprintf(`[databases]
* = host=%s port=%s user=%s password='%s'
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %s
unix_socket_dir =
auth_type = trust
auth_file = %s
pool_mode = %s
max_client_conn = 500
default_pool_size = 8
`, server.Hostname(), server.Port(), server.User.Username(), password, port, filepath.Join(dir, "users.txt"), poolMode)
	for name, content := range map[string]string{"pgbouncer.ini": config, "users.txt": fmt.Sprintf("%q \"\"\n", server.User.Username())} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{filepath.Join(dir, "pgbouncer.ini")}
	if os.Geteuid() == 0 {
		args = append([]string{"-u", "postgres"}, args...)
	}
	cmd := exec.Command(bin, args...)
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("start PgBouncer: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-exited
	})
	waitForPort(t, "127.0.0.1:"+port, exited, &log)
	return func(database, password string) string {
		return fmt.Sprintf("postgres://%s:%s@127.0.0.1:%s/%s?sslmode=disable",
			server.User.Username(), url.QueryEscape(password), port, database)
	}
}

// waitForPort waits until PgBouncer listens on addr; it fails if PgBouncer
// exits first (another one may hold the port, and would be tested instead).
func waitForPort(t *testing.T, addr string, exited <-chan struct{}, log *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatalf("PgBouncer exited before it listened on %s:\n%s", addr, log.String())
		default:
		}
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("PgBouncer did not listen on %s: %v\n%s", addr, err, log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pooledStore makes a database of its own for one test, reached through
// the pooler (a pooler passes no search_path, so a schema cannot stand in
// for a database here).
func pooledStore(t *testing.T, through func(database, password string) string) string {
	t.Helper()
	name, _ := ownDatabase(t)
	return through(name, "pw") + "&" + ParamPooler + "=" + PoolerTransaction
}

// TestConformanceBehindTransactionPooler runs the store's suite through
// PgBouncer in transaction mode, which may run each transaction on another
// server connection.
func TestConformanceBehindTransactionPooler(t *testing.T) {
	through := startPgBouncer(t, "transaction")
	storetest.Run(t, func(t *testing.T) storetest.Opener {
		dbURL := pooledStore(t, through)
		return func() (engine.Store, error) { return Open(context.Background(), dbURL) }
	})
}

// TestConcurrentWritersBehindTransactionPooler has writers of several
// stores, as of several providers, take addresses of one subnet at once
// through the pooler: every NIC is written, each address once.
func TestConcurrentWritersBehindTransactionPooler(t *testing.T) {
	through := startPgBouncer(t, "transaction")
	dbURL := pooledStore(t, through) + "&" + ParamMaxConns + "=2"
	ctx := context.Background()
	subnet := newSubnet(t, fixture.Must(Open(ctx, dbURL))(t), "10.0.0.0/16", "10.0.0.0/20")
	nics := writeNICsAtOnce(t, 8, 10, func() (engine.Store, error) { return Open(ctx, dbURL) }, subnet)
	requireDistinctAddresses(t, nics, 80)
}

// TestStatementPoolerIsRefused checks that a pooler in statement mode, which
// cannot run a transaction, is refused with a message naming the host and
// not the password, and that nothing is written.
func TestStatementPoolerIsRefused(t *testing.T) {
	through := startPgBouncer(t, "statement")
	name, direct := ownDatabase(t)
	_, err := Open(context.Background(), through(name, "S3cretPooled"))
	if err == nil {
		t.Fatal("Open through a statement-mode pooler succeeded")
	}
	msg := err.Error()
	for _, want := range []string{"127.0.0.1:", "statement", "pool_mode", "transaction"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not mention %q: %s", want, msg)
		}
	}
	if strings.Contains(msg, "S3cretPooled") {
		t.Errorf("error shows the password: %s", msg)
	}
	requireNoTables(t, direct)
}

// newSubnet makes a VPC and subnet in s and closes s.
func newSubnet(t *testing.T, s engine.Store, vpcCIDR, subnetCIDR string) engine.Subnet {
	t.Helper()
	ctx := context.Background()
	e, err := engine.New(s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	vpc, err := e.CreateVPC(ctx, engine.VPCInput{Name: "v", CIDR: vpcCIDR})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := e.CreateSubnet(ctx, engine.SubnetInput{VPCID: vpc.ID, Name: "s", CIDR: subnetCIDR, AvailabilityZone: engine.AvailabilityZones[0]})
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

// writeNICsAtOnce has writers stores, each opened by open as a provider
// process would, create each NICs in subnet at the same time.
func writeNICsAtOnce(t *testing.T, writers, each int, open func() (engine.Store, error), subnet engine.Subnet) []engine.NetworkInterface {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var (
		mu   sync.Mutex
		nics []engine.NetworkInterface
		wg   sync.WaitGroup
		errs = make(chan error, writers)
	)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- writeNICs(ctx, w, each, open, subnet, func(n engine.NetworkInterface) {
				mu.Lock()
				nics = append(nics, n)
				mu.Unlock()
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	return nics
}

func writeNICs(ctx context.Context, w, each int, open func() (engine.Store, error), subnet engine.Subnet, got func(engine.NetworkInterface)) error {
	s, err := open()
	if err != nil {
		return fmt.Errorf("writer %d: open: %w", w, err)
	}
	e, err := engine.New(s, engine.Options{})
	if err != nil {
		s.Close()
		return err
	}
	defer e.Close()
	for i := range each {
		n, err := e.CreateNetworkInterface(ctx, engine.NetworkInterfaceInput{SubnetID: subnet.ID, Name: fmt.Sprintf("w%d-%d", w, i)})
		if err != nil {
			return fmt.Errorf("writer %d, NIC %d: %w", w, i, err)
		}
		got(n)
	}
	return nil
}

func requireDistinctAddresses(t *testing.T, nics []engine.NetworkInterface, want int) {
	t.Helper()
	if len(nics) != want {
		t.Fatalf("%d NICs written, want %d", len(nics), want)
	}
	held := map[string]string{}
	for _, n := range nics {
		if other, taken := held[n.PrivateIP]; taken {
			t.Errorf("%s and %s both hold %s", other, n.ID, n.PrivateIP)
		}
		held[n.PrivateIP] = n.ID
	}
}

// requireNoTables checks that the database at dbURL holds no table.
func requireNoTables(t *testing.T, dbURL string) {
	t.Helper()
	db := openDirect(t, dbURL)
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d tables written through a pooler that refused the store", n)
	}
}

// openDirect opens a plain pool on dbURL, closed when the test ends.
func openDirect(t *testing.T, dbURL string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
