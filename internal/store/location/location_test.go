package location

import (
	"context"

	"github.com/eni/terraform-provider-eni/internal/store/postgres"
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

// TestParseRefusesMangledURLs covers strings that became a SQLite file or
// directory named with the password, or an error quoting it.
func TestParseRefusesMangledURLs(t *testing.T) {
	for _, in := range []string{
		" postgres://u:s3cr3tZ@h/db",
		`"postgres://u:s3cr3tZ@h/db"`,
		"'postgres://u:s3cr3tZ@h/db'",
		"postgres//u:s3cr3tZ@h/db",
		"postgres:/u:s3cr3tZ@h/db",
		"postgres:u:s3cr3tZ@h/db",
		"u:s3cr3tZ@h/db",
		"data/u:s3cr3tZ@h/db",
		"postgres//u@h/db?password=s3cr3tZ",
		"'password=s3cr3tZ'",
		"host=h user=u passwords3cr3tZ dbname=db",
		"host=h user=u password s3cr3tZ dbname=db",
		"sqlite:///var/u:s3cr3tZ@h/db",
		"engine.db ",
	} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded", in)
			continue
		}
		msg := err.Error()
		if strings.Contains(msg, "s3cr3tZ") {
			t.Errorf("Parse(%q) error shows the password: %v", in, err)
		}
		if !strings.Contains(msg, "the store string "+shownStart(in)) {
			t.Errorf("Parse(%q) error does not name the string by its start: %v", in, err)
		}
		if !strings.Contains(msg, "starting with ./") || !strings.Contains(msg, "postgres://user:password@host:port/database") {
			t.Errorf("Parse(%q) error does not say how to write a path or a URL: %v", in, err)
		}
	}
}

func TestParseKeepsPathsWithColonsAfterASlash(t *testing.T) {
	for _, in := range []string{"./a:b/x.db", "/var/lib/eni:old/engine.db", "./me@home/engine.db", "data/x@y.db", "a=b.db"} {
		loc, err := Parse(in)
		if err != nil || loc.Kind != SQLite || loc.Target != in {
			t.Errorf("Parse(%q) = %v, %v; want the SQLite file %q", in, loc, err, in)
		}
	}
}

// FuzzStoreStringNeverShowsPassword mangles well-formed store strings with
// up to two edits (a space, a quote, a lost or doubled : / @ =, ...) that
// leave the password itself intact: whatever the result, no error, no
// redacted form and no file name may hold the password, and neither may
// the error of opening it as a PostgreSQL store.
func FuzzStoreStringNeverShowsPassword(f *testing.F) {
	f.Add(uint8(0), "s3cr3tZq", []byte{0, 0, ' '})
	f.Add(uint8(0), "s3cr3tZq", []byte{0, 0, '"', 0, 255, '"'})
	f.Add(uint8(0), "s3cr3tZq", []byte{1, 8, 0})
	f.Add(uint8(0), "s3cr3tZq", []byte{2, 9, 0})
	f.Add(uint8(0), "s3cr3tZq", []byte{1, 9, 0})
	f.Add(uint8(0), "s3cr3tZq", []byte{1, 14, 0, 1, 8, 0})
	f.Add(uint8(1), "s3cr3tZq", []byte{1, 9, 0})
	f.Add(uint8(2), "s3cr3tZq", []byte{1, 30, 0})
	f.Add(uint8(3), "s3cr3tZq", []byte{2, 30, ' '})
	f.Setenv("PGPASSWORD", "")
	f.Setenv("PGPASSFILE", "/nonexistent")
	forms := []string{
		"postgres://team:%s@db.example:5432/eni?sslmode=disable",
		"postgresql://team@db.example/eni?password=%s&sslmode=disable",
		"host=db.example user=team password=%s dbname=eni",
		"host=db.example user=team password='%s' dbname=eni",
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	f.Fuzz(func(t *testing.T, form uint8, password string, edits []byte) {
		if !strongPassword(password) || len(edits) > 6 {
			return
		}
		before, after, _ := strings.Cut(forms[int(form)%len(forms)], "%s")
		for i := 0; i+2 < len(edits); i += 3 {
			before, after = edit(before, after, edits[i], edits[i+1], edits[i+2])
		}
		s := before + password + after
		loc, err := Parse(s)
		if err != nil {
			if strings.Contains(err.Error(), password) {
				t.Fatalf("Parse(%q) error shows the password: %v", s, err)
			}
			return
		}
		if joinedToUser(s, password) {
			return // an edit joined the password to the user name, which messages show
		}
		if strings.Contains(loc.Redacted, password) || (loc.Kind == SQLite && strings.Contains(loc.Target, password)) {
			t.Fatalf("Parse(%q) = %v %q (shown as %q): the password is in a file name or message", s, loc.Kind, loc.Target, loc.Redacted)
		}
		if loc.Kind == Postgres {
			_, err := postgres.Open(cancelled, loc.Target)
			if err == nil || strings.Contains(err.Error(), password) {
				t.Fatalf("opening %q: %v", s, err)
			}
		}
	})
}

// strongPassword keeps passwords no message could show by chance: eight
// letters and digits or more, of both cases and with a digit.
func strongPassword(p string) bool {
	if len(p) < 8 || len(p) > 32 || strings.Contains(strings.ToLower(p), "xxxxx") {
		return false
	}
	var lower, upper, digit bool
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		default:
			return false
		}
	}
	return lower && upper && digit
}

// mangles are the characters an edit inserts or puts in place of another.
const mangles = " \t\"'`:/@=?&;#.\\%"

// edit applies one edit to the text around the password: op 0 inserts, 1
// deletes, 2 replaces; pos counts across before and after.
func edit(before, after string, op, pos, char byte) (string, string) {
	n := len(before) + len(after)
	at := int(pos) % (n + 1)
	c := string(mangles[int(char)%len(mangles)])
	apply := func(s string, i int) string {
		switch op % 3 {
		case 0:
			return s[:i] + c + s[i:]
		case 1:
			if i < len(s) {
				return s[:i] + s[i+1:]
			}
		case 2:
			if i < len(s) {
				return s[:i] + c + s[i+1:]
			}
		}
		return s
	}
	if at <= len(before) && (op%3 == 0 || at < len(before)) {
		return apply(before, at), after
	}
	return before, apply(after, at-len(before))
}

// joinedToUser reports whether the password is joined to a word of
// characters a user or host name may hold, before or after it (the colon,
// = or @ between them was lost or moved): no parser can tell such a word
// from a user or host name, which messages show.
func joinedToUser(s, password string) bool {
	before, after, _ := strings.Cut(s, password)
	const separators = "/?&=: \t'\"@"
	wordBefore := before[strings.LastIndexAny(before, separators)+1:]
	wordAfter := after
	if i := strings.IndexAny(after, separators); i >= 0 {
		wordAfter = after[:i]
	}
	joined := func(word string) bool { return word != "" && strings.Trim(word, nameChars) == "" }
	return joined(wordBefore) || joined(wordAfter)
}

// nameChars are the characters of a plain user or host name.
const nameChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~%+-"
