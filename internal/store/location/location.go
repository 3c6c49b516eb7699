// Package location reads the provider's store string: the one parse that
// decides which database it names, what the driver receives and how it is
// shown in messages and logs.
package location

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

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

// passwordKeyword finds the word password, with or without the = that
// makes it a keyword: a file path never needs it, and a mangled URL or
// keyword/value string that has it may hold a password.
var passwordKeyword = regexp.MustCompile(`(?i)password`)

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
	if why := notAPath(s); why != "" {
		return Location{}, refusal(s, why)
	}
	return Location{Kind: SQLite, Target: s, Redacted: s}, nil
}

var (
	// mangledScheme is a known scheme that lost its colon: postgres//u@h/db.
	mangledScheme = regexp.MustCompile(`(?i)^(postgres|postgresql|sqlite|file)/`)
	// keywordAnywhere is a libpq keyword and = after a space: a
	// keyword/value string whose first keyword was mangled.
	keywordAnywhere = regexp.MustCompile(`(?i)\s(host|hostaddr|port|dbname|user|passfile|sslmode|connect_timeout)\s*=`)
	// credentials is user:password@ anywhere: no file path holds it.
	credentials = regexp.MustCompile(`:[^@]*@`)
	// query is a URL's ?key=value, which no file name needs.
	query = regexp.MustCompile(`\?[^/]*=`)
)

// notAPath says why s, which has no scheme, cannot be taken as a file path
// without risking a file named after a mangled URL and its password; ""
// when it can. A path that needs a : or @ early on can start with ./.
func notAPath(s string) string {
	if s == "" {
		return "" // the SQLite store says it names no file
	}
	first, _, _ := strings.Cut(s, "/")
	switch {
	case s != strings.TrimSpace(s) || strings.ContainsAny(s[:1]+s[len(s)-1:], "\"'`"):
		return "starts or ends with a space or a quote"
	case strings.Contains(s, "://") || mangledScheme.MatchString(s):
		return "looks like a URL but does not start with its scheme"
	case passwordKeyword.MatchString(s):
		return "holds password but is not a PostgreSQL URL or keyword/value string"
	case strings.ContainsAny(first, ":@"):
		return "has a : or @ before its first /, as a URL has"
	case keywordAnywhere.MatchString(s):
		return "holds a PostgreSQL keyword and =, as a keyword/value string has"
	case credentials.MatchString(s):
		return "holds a user:password@host part, as a URL has"
	case strings.Contains(s, "//") && strings.Contains(s, "@"):
		return "holds // and an @, as a URL has"
	case query.MatchString(s):
		return "holds a ?key=value query, as a URL has"
	}
	return ""
}

func parseURL(s, name, rest string) (Location, error) {
	switch name {
	case "postgres", "postgresql":
		if !strings.HasPrefix(rest, "//") {
			return Location{}, refusal(s, "is a PostgreSQL URL without // after its scheme")
		}
		return parsePostgres(name + ":" + rest)
	case "sqlite":
		if !strings.HasPrefix(rest, "//") {
			return Location{}, refusal(s, "is a sqlite URL without // (write sqlite:///absolute/path.db or sqlite://relative/path.db)")
		}
		if why := notAPath(strings.TrimPrefix(rest, "//")); why != "" && !strings.Contains(why, "before its first /") {
			return Location{}, refusal(s, "is a sqlite URL whose path "+why)
		}
		target := "sqlite:" + rest
		return Location{Kind: SQLite, Target: target, Redacted: target}, nil
	case "file":
		return Location{}, refusal(s, "is a file: URL (write the path itself, or sqlite:///absolute/path.db)")
	}
	return Location{}, refusal(s, fmt.Sprintf("has the unknown scheme %q (a path with a colon in it: start it with ./)", name))
}

// parsePostgres checks what the driver would split differently from what
// the user meant: an unescaped @ or # in a URL's user name or password.
func parsePostgres(connString string) (Location, error) {
	if !strings.Contains(connString, "://") {
		if bareWord.MatchString(connString) {
			return Location{}, refusal(connString, "is a keyword/value string with the word password not followed by =")
		}
	} else {
		beforeQuery, _, _ := strings.Cut(connString, "?")
		if strings.Count(beforeQuery, "@") > 1 {
			return Location{}, errors.New("the PostgreSQL URL of the store has more than one @; write an @ in the user name or password as %40")
		}
		_, afterScheme, _ := strings.Cut(beforeQuery, "://")
		if _, path, found := strings.Cut(afterScheme, "/"); found && strings.Contains(path, "@") {
			return Location{}, errors.New("the PostgreSQL URL of the store has an @ after the host, in the database name; " +
				"write postgres://user:password@host/database, with an @ in the database name as %40")
		}
		if _, path, found := strings.Cut(afterScheme, "/"); found && strings.ContainsAny(path, "=&") {
			return Location{}, errors.New("the PostgreSQL URL of the store has an = or & in the database name; " +
				"start its parameters with ?, as in postgres://user@host/database?sslmode=require&password=…")
		}
		if strings.Contains(connString, "#") {
			return Location{}, errors.New("the PostgreSQL URL of the store has a #; write a # in the user name or password as %23")
		}
	}
	return Location{Kind: Postgres, Target: connString, Redacted: postgres.Redact(connString)}, nil
}

// bareWord finds the word password not used as a keyword: a keyword/value
// string that lost its = would send the password as a parameter's name.
var bareWord = regexp.MustCompile(`(?i)password(\s*[^\s=]|\s*$)`)

// refusal names the refused string by its start alone: a string no parser
// recognises may hold a password anywhere, in a form no mask foresees.
func refusal(s, why string) error {
	return fmt.Errorf("the store string %s %s; write a file path (starting with ./ if it holds a : or @), "+
		"a URL, or a keyword/value string: %s", shownStart(s), why, Accepted)
}

// shownStart is how a refusal shows s: its letters and digits up to the
// first other character, which comes before any user name or password of
// a URL or keyword/value string, however mangled.
func shownStart(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	switch {
	case end == 0:
		return fmt.Sprintf("(starting with %q)", s[:utf8.RuneLen([]rune(s)[0])])
	case end < 0:
		return "(letters and digits only)"
	}
	return fmt.Sprintf("starting %q", s[:end]+"…")
}
