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

// refusal shows the refused string with anything that may be a password
// masked: a refused string may hold one in a form no parser recognises.
func refusal(s, why string) error {
	return fmt.Errorf("the store string %q %s; write a file path (starting with ./ if it holds a : or @), "+
		"a URL, or a keyword/value string: %s", Mask(s), why, Accepted)
}

var (
	// schemePrefix is what comes before a URL's user name, mangled or not.
	schemePrefix = regexp.MustCompile(`^\s*["'\x60]?[A-Za-z][A-Za-z0-9+.-]*:/*`)
	// passwordValue is what follows the word password: after =, : or
	// spaces, quoted or up to a space, & or ;.
	passwordValue = regexp.MustCompile(`(?i)(password)(\s*[=:]\s*|\s+)?('(?:[^'\\]|\\.)*'?|"[^"]*"?|[^\s&;'"]*)`)
)

// Mask hides, in any string, whatever could be a password by any reading
// of it: the value after the word password, the value of any key=value
// pair but harmless keywords, and what follows the first :
// of a user:password@ part up to its last @ (or, with no @, up to the
// next /). It keeps enough of the rest to recognise the string.
func Mask(s string) string {
	s = passwordValue.ReplaceAllString(s, "${1}${2}xxxxx")
	s = postgres.MaskValues(s)
	skip := len(schemePrefix.FindString(s))
	rest := s[skip:]
	colon := strings.IndexByte(rest, ':')
	if colon < 0 {
		// What looked like a scheme was a user name: u:password@host.
		skip, rest, colon = 0, s, strings.IndexByte(s, ':')
	}
	if colon < 0 {
		return s
	}
	end := strings.LastIndexByte(rest, '@')
	if end < colon {
		end = strings.IndexByte(rest[colon:], '/')
		if end < 0 {
			end = len(rest)
		} else {
			end += colon
		}
	}
	return s[:skip] + rest[:colon+1] + "xxxxx" + rest[end:]
}
