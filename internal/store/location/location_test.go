package location

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestParseClassifies(t *testing.T) {
	cases := []struct {
		in     string
		kind   Kind
		target string
	}{
		{"/var/lib/eni/engine.db", SQLite, "/var/lib/eni/engine.db"},
		{"engine.db", SQLite, "engine.db"},
		{"./my:store.db", SQLite, "./my:store.db"},
		{"a=b.db", SQLite, "a=b.db"},
		{"sqlite:///var/engine.db", SQLite, "sqlite:///var/engine.db"},
		{"SQLITE:///var/engine.db", SQLite, "sqlite:///var/engine.db"},
		{"Sqlite://rel/engine.db", SQLite, "sqlite://rel/engine.db"},
		{"postgres://team:pw@db:5432/eni?sslmode=require", Postgres, "postgres://team:pw@db:5432/eni?sslmode=require"},
		{"POSTGRES://team:pw@db:5432/eni?sslmode=require", Postgres, "postgres://team:pw@db:5432/eni?sslmode=require"},
		{"Postgres://team:pw@db/eni", Postgres, "postgres://team:pw@db/eni"},
		{"PostgreSQL://team:pw@db/eni", Postgres, "postgresql://team:pw@db/eni"},
		{"host=db port=5432 dbname=eni user=team password=pw", Postgres, "host=db port=5432 dbname=eni user=team password=pw"},
		{"  dbname=eni host=db", Postgres, "  dbname=eni host=db"},
	}
	for _, c := range cases {
		loc, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if loc.Kind != c.kind || loc.Target != c.target {
			t.Errorf("Parse(%q) = %v %q, want %v %q", c.in, loc.Kind, loc.Target, c.kind, c.target)
		}
	}
}

// TestParseRefusesWhatIsNeitherStore covers strings that used to become a
// SQLite file named after them, password included.
func TestParseRefusesWhatIsNeitherStore(t *testing.T) {
	for _, in := range []string{
		"postgress://team:s3cr3t@db:5432/eni",
		"mysql://team:s3cr3t@db/eni",
		"file:///var/lib/eni/engine.db?password=s3cr3t",
		"sqlite:/var/engine.db",
		"http://team:s3cr3t@db/eni",
		"db.example.com password=s3cr3t",
		"my database password=s3cr3t",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", in)
			continue
		}
		if strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("Parse(%q) error shows the password: %v", in, err)
		}
		if !strings.Contains(err.Error(), "postgres://user:password@host:port/database") || !strings.Contains(err.Error(), "sqlite:///") {
			t.Errorf("Parse(%q) error does not name the accepted forms: %v", in, err)
		}
	}
}

// TestParseRefusesAmbiguousUserinfo: the driver splits at the first @ and
// the user meant the last; neither guess is safe.
func TestParseRefusesAmbiguousUserinfo(t *testing.T) {
	for _, in := range []string{
		"postgres://team:pZ@qZ@db:5432/eni",
		"postgres://team:pZ@qZ/w@db/eni",
		"postgres://team:pZ#qZ@db/eni",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", in)
			continue
		}
		if strings.Contains(err.Error(), "Z") {
			t.Errorf("Parse(%q) error shows part of the password: %v", in, err)
		}
		if !strings.Contains(err.Error(), "%40") && !strings.Contains(err.Error(), "%23") {
			t.Errorf("Parse(%q) error does not say how to escape: %v", in, err)
		}
	}
}

func TestRedactedHidesEveryPasswordForm(t *testing.T) {
	t.Setenv("PGPASSWORD", "")
	for in, secret := range map[string]string{
		"postgres://team:s3cr3t@db/eni":                             "s3cr3t",
		"POSTGRES://team:s3cr3t@db:5432/eni?sslmode=require":        "s3cr3t",
		"postgresql://team:p%40ss@db/eni":                           "p@ss",
		"postgres://team@db/eni?password=s3cr3t":                    "s3cr3t",
		"host=db user=team password=s3cr3t dbname=eni":              "s3cr3t",
		"host=db user=team password=p@ss@db dbname=eni":             "p@ss",
		"host=db user=team password='s3 cr3t' dbname=eni":           "s3 cr3t",
		"postgres://team:s3cr3t@db/eni?password=0th3r&sslmode=none": "s3cr3t",
	} {
		loc, err := Parse(in)
		if err != nil {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		for _, shown := range []string{secret, strings.ReplaceAll(secret, "@", "%40"), "0th3r"} {
			if strings.Contains(loc.Redacted, shown) {
				t.Errorf("Parse(%q).Redacted = %q shows %q", in, loc.Redacted, shown)
			}
		}
		if !strings.Contains(loc.Redacted, "db") {
			t.Errorf("Parse(%q).Redacted = %q does not name the host", in, loc.Redacted)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "engine.db", "/var/engine.db", "~/eni.db", "sqlite:///var/engine.db", "SQLITE://rel.db", "sqlite:x",
		"postgres://team:pw@db:5432/eni?sslmode=require", "POSTGRES://team:pw@db/eni", "postgresql://t:p%40ss@db/eni",
		"postgres://t:p@ss@db/eni", "postgres://t@db/eni?password=pw", "postgres://t:pw@db:port/eni",
		"host=db password=pw", "host=db password='p w'", `host=db password=p\ w`, "host=db password='unclosed",
		"mysql://t:pw@db/eni", "file:///x.db", "C:\\eni.db", "a=b", "x password=pw", "postgres://[::1]:5432/eni",
	} {
		f.Add(seed)
	}
	f.Setenv("PGPASSWORD", "")
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := Parse(s)
		again, err2 := Parse(s)
		if (err == nil) != (err2 == nil) || loc != again {
			t.Fatalf("Parse(%q) is not stable: %v %v / %v %v", s, loc, err, again, err2)
		}
		if err != nil {
			return
		}
		if reparsed, err := Parse(loc.Target); err != nil || reparsed.Kind != loc.Kind {
			t.Fatalf("Parse(%q) gives target %q, which parses as %v, %v", s, loc.Target, reparsed.Kind, err)
		}
		if loc.Kind != Postgres {
			return
		}
		cfg, err := pgx.ParseConfig(loc.Target)
		if err != nil || cfg.Password == "" {
			return
		}
		// A password may coincide with what the form shows for another
		// reason (a host named like it, or a single @); a longer one that
		// does not must never show.
		fields := strings.Join([]string{cfg.User, cfg.Host, cfg.Database}, " ")
		if len(cfg.Password) >= 6 && !strings.Contains(fields, cfg.Password) && strings.Contains(loc.Redacted, cfg.Password) {
			t.Fatalf("Parse(%q).Redacted = %q shows the password %q", s, loc.Redacted, cfg.Password)
		}
		if again, err := pgx.ParseConfig(loc.Redacted); err == nil && again.Password != "" && again.Password != "xxxxx" {
			t.Fatalf("Parse(%q).Redacted = %q still carries a password %q", s, loc.Redacted, again.Password)
		}
	})
}
