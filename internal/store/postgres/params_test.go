package postgres

import (
	"context"
	"net/url"
	"strings"
	"testing"
)

func TestSplitParams(t *testing.T) {
	tests := []struct {
		in, rest string
		want     params
	}{
		{"postgres://u:p@h:5432/db", "postgres://u:p@h:5432/db", params{PoolerNone, DefaultMaxConns, false}},
		{"postgres://u:p@h/db?eni_pooler=transaction", "postgres://u:p@h/db", params{PoolerTransaction, DefaultMaxConns, false}},
		{"postgres://u:p@h/db?sslmode=disable&eni_max_conns=2&application_name=x", "postgres://u:p@h/db?sslmode=disable&application_name=x", params{PoolerNone, 2, false}},
		{"postgres://u:p@h/db?ENI_POOLER=Session&eni_max_conns=64", "postgres://u:p@h/db", params{PoolerNone, 64, false}},
		{"postgres://h1:5432,h2:5433/db?eni_pooler=transaction&target_session_attrs=read-write", "postgres://h1:5432,h2:5433/db?target_session_attrs=read-write", params{PoolerTransaction, DefaultMaxConns, false}},
		{"host=h password='a&b eni_x' eni_max_conns=3 dbname=d", "host=h password='a&b eni_x' dbname=d", params{PoolerNone, 3, false}},
		{"host=h eni_pooler = transaction", "host=h", params{PoolerTransaction, DefaultMaxConns, false}},
		{"postgres://h/db?eni_locks=region", "postgres://h/db", params{PoolerNone, DefaultMaxConns, true}},
		{"postgres://h/db?eni_locks=VPC", "postgres://h/db", params{PoolerNone, DefaultMaxConns, false}},
		{"host=h password='x eni_pooler=statement' user=u", "host=h password='x eni_pooler=statement' user=u", params{PoolerNone, DefaultMaxConns, false}},
		{`host=h password=a\ eni_max_conns=9`, `host=h password=a\ eni_max_conns=9`, params{PoolerNone, DefaultMaxConns, false}},
	}
	for _, tt := range tests {
		rest, got, err := splitParams(tt.in)
		if err != nil {
			t.Errorf("splitParams(%q): %v", tt.in, err)
			continue
		}
		if rest != tt.rest || got != tt.want {
			t.Errorf("splitParams(%q) = %q, %+v; want %q, %+v", tt.in, rest, got, tt.rest, tt.want)
		}
	}
}

func TestSplitParamsRefusesBadValues(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://h/db?eni_max_conns=0", "eni_max_conns must be a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=65", "eni_max_conns must be a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=four", "eni_max_conns must be a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=", "eni_max_conns must be a whole number from 1 to 64"},
		{"postgres://h/db?eni_locks=server", "eni_locks must be one of vpc, region"},
		{"postgres://h/db?eni_pooler=bouncy", "eni_pooler must be one of none, transaction"},
		{"postgres://h/db?eni_pooler=statement", "a pooler in statement mode cannot run the store's transactions"},
		{"postgres://h/db?eni_max_connections=4", "eni_max_connections is not a parameter of the store; it knows eni_pooler, eni_max_conns and eni_locks"},
		{"host=h eni_max_conns=x'y", "eni_max_conns must be"},
	}
	for _, tt := range tests {
		_, _, err := splitParams(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("splitParams(%q) = %v, want an error containing %q", tt.in, err, tt.want)
		}
	}
}

// TestOpenRefusesBadParamWithoutPassword checks that Open refuses a bad
// store parameter before connecting, naming the store without its password.
func TestOpenRefusesBadParamWithoutPassword(t *testing.T) {
	_, err := Open(context.Background(), "postgres://u:Hush1234@db.example:5432/eni?eni_max_conns=500")
	if err == nil {
		t.Fatal("Open accepted eni_max_conns=500")
	}
	want := "postgres store postgres://u:xxxxx@db.example:5432/eni: eni_max_conns must be a whole number from 1 to 64"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

// TestMultiHostURL checks that a URL naming several servers is shown with
// each of them and no password, and opens on the one that takes writes.
func TestMultiHostURL(t *testing.T) {
	multi := "postgres://u:Hush1234@h1.example:5432,h2.example:5433/eni?target_session_attrs=read-write&eni_pooler=transaction"
	if got, want := Redact(multi), "postgres://u:xxxxx@h1.example:5432,h2.example:5433/eni"; got != want {
		t.Errorf("Redact(%q) = %q, want %q", multi, got, want)
	}
	kv := "host=h1,h2 port=5432,5433 dbname=eni user=u password=Hush1234"
	if got, want := Redact(kv), "postgres://u:xxxxx@h1:5432,h2:5433/eni"; got != want {
		t.Errorf("Redact(%q) = %q, want %q", kv, got, want)
	}
}

// TestMultiHostOpensOnReachableServer names a dead server first and the
// test server second: the store opens on the second.
func TestMultiHostOpensOnReachableServer(t *testing.T) {
	u, err := url.Parse(freshDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	u.Host = "127.0.0.1:1," + u.Host
	q := u.Query()
	q.Set("target_session_attrs", "read-write")
	u.RawQuery = q.Encode()
	s, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatalf("open %s: %v", Redact(u.String()), err)
	}
	s.Close()
}

// TestReadOnlyServerIsRefused gives a server whose sessions are read-only,
// as a standby's are, as the only host: it is refused by name before
// anything is written.
func TestReadOnlyServerIsRefused(t *testing.T) {
	_, direct := ownDatabase(t)
	u, err := url.Parse(direct)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("default_transaction_read_only", "on")
	u.RawQuery = q.Encode()
	_, err = Open(context.Background(), u.String())
	want := "(host " + u.Hostname() + ", port " + u.Port() + "): the server is read-only"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Open on a read-only server: %v, want an error containing %q", err, want)
	}
	password, _ := u.User.Password()
	if strings.Contains(err.Error(), password) {
		t.Errorf("error shows the password: %v", err)
	}
	requireNoTables(t, direct)
}

// TestMultiHostAndParamsNeverShowPassword mangles multi-host strings and
// strings with the store's own parameters as a user might, and checks that
// neither Redact nor Open's refusal shows the password.
func TestMultiHostAndParamsNeverShowPassword(t *testing.T) {
	const pw = "Zq9s3cr3t"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, s := range []string{
		"postgres://team:" + pw + "@h1:5432,h2:5433/eni?target_session_attrs=read-write",
		"postgres://team:" + pw + "@h1:5432,h2/eni?eni_max_conns=" + pw,
		"postgres://team:" + pw + "h1:5432,h2:5433/eni?eni_pooler=x",
		"postgres://team@h1,h2/eni?password=" + pw + "&eni_max_conns=2",
		"postgres://team@h1,h2/eni?eni_max_conns=2password=" + pw,
		"postgres://team:" + pw + "@h1:5432,,h2:x/eni",
		"host=h1,h2 port=5432,5433 user=team password=" + pw + " eni_pooler=transaction",
		"host=h1,h2 user=team eni_max_conns=" + pw,
		"host=h1,h2 user=team eni_" + pw + "=1",
		"host=h1,h2 user=team password='" + pw + " eni_max_conns=9",
	} {
		if got := Redact(s); strings.Contains(got, pw) {
			t.Errorf("Redact(%q) = %q shows the password", s, got)
		}
		if _, err := Open(ctx, s); err == nil || strings.Contains(err.Error(), pw) {
			t.Errorf("Open(%q) = %v, want a refusal without the password", s, err)
		}
	}
}
