// Package location reads the provider's store string: the one parse that
// decides which database it names, what the driver receives and how it is
// shown in messages and logs.
package location

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/store/postgres"
)

// Kind is the database a store string names.
type Kind int

const (
	SQLite Kind = iota + 1
	Postgres
)

func (k Kind) String() string {
	switch k {
	case SQLite:
		return "sqlite"
	case Postgres:
		return "postgres"
	}
	return "unknown"
}

// Accepted lists the forms a store string may take, for error messages.
const Accepted = "a file path, sqlite:///absolute/path.db, sqlite://relative/path.db, " +
	"postgres://user:password@host:port/database (or postgresql://) " +
	"or a PostgreSQL keyword/value string such as \"host=db dbname=eni user=eni\""

// Location is a parsed store string.
type Location struct {
	Kind Kind
	// Target is what the store's Open takes: the SQLite store string or
	// the PostgreSQL connection string, its scheme in lower case.
	Target string
	// Redacted names the store without any password, for messages and logs.
	Redacted string
}

// scheme matches a URL scheme of two letters or more; one letter would be
// a Windows drive.
var scheme = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]+):`)

// keywordValue matches the start of a libpq keyword/value string: one of
// libpq's own keywords, so that a file named a=b.db stays a file.
var keywordValue = regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|passfile|service|connect_timeout|` +
	`sslmode|sslcert|sslkey|sslrootcert|sslpassword|application_name|options|target_session_attrs)\s*=`)

// passwordKeyword finds a password given as a keyword, in a query string or
// a keyword/value string.
var passwordKeyword = regexp.MustCompile(`(?i)(^|[\s&?;])password\s*=`)

// Parse classifies a store string. Schemes are compared case-insensitively;
// anything that is neither a SQLite file nor a PostgreSQL database is an
// error naming the accepted forms, so that a mistyped URL never becomes a
// local file named after it.
func Parse(s string) (Location, error) {
	if m := scheme.FindStringSubmatch(s); m != nil {
		return parseURL(s, strings.ToLower(m[1]), s[len(m[0]):])
	}
	if keywordValue.MatchString(s) {
		return parsePostgres(s)
	}
	if passwordKeyword.MatchString(s) {
		return Location{}, refusal("holds password= but is not a PostgreSQL URL or keyword/value string")
	}
	return Location{Kind: SQLite, Target: s, Redacted: s}, nil
}

func parseURL(s, name, rest string) (Location, error) {
	switch name {
	case "postgres", "postgresql":
		return parsePostgres(name + ":" + rest)
	case "sqlite":
		if !strings.HasPrefix(rest, "//") {
			return Location{}, refusal("is a sqlite URL without // (write sqlite:///absolute/path.db or sqlite://relative/path.db)")
		}
		target := "sqlite:" + rest
		return Location{Kind: SQLite, Target: target, Redacted: target}, nil
	case "file":
		return Location{}, refusal("is a file: URL (write the path itself, or sqlite:///absolute/path.db)")
	}
	return Location{}, refusal(fmt.Sprintf("has the unknown scheme %q (a path with a colon in it: start it with ./)", name))
}

// parsePostgres checks what the driver would split differently from what
// the user meant: an unescaped @ or # in a URL's user name or password.
func parsePostgres(connString string) (Location, error) {
	if strings.Contains(connString, "://") {
		beforeQuery, _, _ := strings.Cut(connString, "?")
		if strings.Count(beforeQuery, "@") > 1 {
			return Location{}, errors.New("the PostgreSQL URL of the store has more than one @; write an @ in the user name or password as %40")
		}
		if strings.Contains(connString, "#") {
			return Location{}, errors.New("the PostgreSQL URL of the store has a #; write a # in the user name or password as %23")
		}
	}
	return Location{Kind: Postgres, Target: connString, Redacted: postgres.Redact(connString)}, nil
}

// refusal never quotes the store string: a refused string may hold a
// password in a form no parser recognises.
func refusal(why string) error {
	return fmt.Errorf("the store string %s; write %s", why, Accepted)
}
