package postgres

import (
	"context"
	"strings"
	"testing"
)

func TestSplitParams(t *testing.T) {
	tests := []struct {
		in, rest string
		want     params
	}{
		{"postgres://u:p@h:5432/db", "postgres://u:p@h:5432/db", params{PoolerNone, DefaultMaxConns}},
		{"postgres://u:p@h/db?eni_pooler=transaction", "postgres://u:p@h/db", params{PoolerTransaction, DefaultMaxConns}},
		{"postgres://u:p@h/db?sslmode=disable&eni_max_conns=2&application_name=x", "postgres://u:p@h/db?sslmode=disable&application_name=x", params{PoolerNone, 2}},
		{"postgres://u:p@h/db?ENI_POOLER=Session&eni_max_conns=64", "postgres://u:p@h/db", params{PoolerNone, 64}},
		{"postgres://h1:5432,h2:5433/db?eni_pooler=transaction&target_session_attrs=read-write", "postgres://h1:5432,h2:5433/db?target_session_attrs=read-write", params{PoolerTransaction, DefaultMaxConns}},
		{"host=h password='a&b eni_x' eni_max_conns=3 dbname=d", "host=h password='a&b eni_x' dbname=d", params{PoolerNone, 3}},
		{"host=h eni_pooler = transaction", "host=h", params{PoolerTransaction, DefaultMaxConns}},
		{"host=h password='x eni_pooler=statement' user=u", "host=h password='x eni_pooler=statement' user=u", params{PoolerNone, DefaultMaxConns}},
		{`host=h password=a\ eni_max_conns=9`, `host=h password=a\ eni_max_conns=9`, params{PoolerNone, DefaultMaxConns}},
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
		{"postgres://h/db?eni_max_conns=0", "eni_max_conns=0 is not a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=65", "eni_max_conns=65 is not a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=four", "eni_max_conns=four is not a whole number from 1 to 64"},
		{"postgres://h/db?eni_max_conns=", "eni_max_conns= is not a whole number from 1 to 64"},
		{"postgres://h/db?eni_pooler=bouncy", "eni_pooler=bouncy is not one of none, transaction"},
		{"postgres://h/db?eni_pooler=statement", "a pooler in statement mode cannot run the store's transactions"},
		{"postgres://h/db?eni_max_connections=4", "eni_max_connections is not a parameter of the store; it knows eni_pooler and eni_max_conns"},
		{"host=h eni_max_conns=x'y", "eni_max_conns=xxxxx is not"},
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
	want := "postgres store postgres://u:xxxxx@db.example:5432/eni: eni_max_conns=500 is not a whole number from 1 to 64"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}
