// Package postgres opens the shared store for teams: a PostgreSQL database
// reached through pgx, holding the same schema as the embedded store.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// writeLockKey names the advisory lock every write transaction takes first,
// so that writers of all processes sharing a database run one at a time.
const writeLockKey int64 = 0x656e6973746f7265 // "enistore" in ASCII

// connectTimeout bounds a connection attempt when the URL sets none.
const connectTimeout = 10 * time.Second

// PostgreSQL error codes the store acts on.
const (
	codeUniqueViolation      = "23505"
	codeForeignKeyViolation  = "23503"
	codeSerializationFailure = "40001"
	codeDeadlockDetected     = "40P01"
)

// IsURL reports whether a store string names a PostgreSQL database.
func IsURL(store string) bool {
	return strings.HasPrefix(store, "postgres://") || strings.HasPrefix(store, "postgresql://")
}

var (
	// keywordPassword matches password=... in a query string or a
	// keyword/value connection string, quoted or not.
	keywordPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)`)
	// userinfoPassword matches user:password@ up to the last @, for URLs
	// too malformed to parse: better to hide too much than too little.
	userinfoPassword = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*://[^:@/?#]*):.*@`)
)

// Redact returns a connection string with any password replaced by xxxxx,
// keeping user, host, port, database and options for messages.
func Redact(connString string) string {
	u, err := url.Parse(connString)
	if err == nil && u.Scheme != "" && u.Opaque == "" && u.Fragment == "" {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		connString = u.String()
	} else {
		connString = userinfoPassword.ReplaceAllString(connString, "${1}:xxxxx@")
	}
	return keywordPassword.ReplaceAllString(connString, "${1}xxxxx")
}

// Open connects to the database a postgres:// URL names and brings it to
// the current schema. Its errors name the server and database, never the
// password.
func Open(ctx context.Context, connString string) (*sqlstore.Store, error) {
	where := Redact(connString)
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %w", where, scrubbed(err, connString))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	db := stdlib.OpenDB(*cfg)
	// Writers of one process queue in the store, not in the pool, so a few
	// connections serve one provider; many providers may share the server.
	// They stay open for the provider's life (a CLI command): closing one
	// that falls idle would cost a new login and its prepared statements
	// when the CLI's parallel requests come back a moment later.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres store %s (host %s, port %d, database %s, user %s): %w",
			where, cfg.Host, cfg.Port, cfg.Database, cfg.User, scrubbed(err, connString))
	}
	// From here on errors come from the server, which never repeats the
	// password, and name the store by its redacted URL.
	s, err := sqlstore.New(ctx, db, Dialect, where)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Dialect is PostgreSQL's flavour of the shared SQL store.
var Dialect = sqlstore.Dialect{
	Name:                 "postgres",
	NumberedPlaceholders: true,
	BeginWrite:           beginSerializedWrite,
	BeginRead: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
		// Repeatable read gives one snapshot for the whole transaction; a
		// read-only one never fails to serialize.
		return db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	},
	IsUniqueViolation:     hasCode(codeUniqueViolation),
	IsForeignKeyViolation: hasCode(codeForeignKeyViolation),
	IsTransient:           hasCode(codeSerializationFailure, codeDeadlockDetected),
}

// beginSerializedWrite takes the store's advisory lock before anything
// else, so a writer's reads see every earlier commit and no later writer
// can change what it read until it commits. The lock ends with the
// transaction, however it ends.
func beginSerializedWrite(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLockKey); err != nil {
		_ = tx.Rollback()
		return nil, fmt.Errorf("take the store's write lock: %w", err)
	}
	return tx, nil
}

func hasCode(codes ...string) func(error) bool {
	return func(err error) bool {
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) {
			return false
		}
		for _, c := range codes {
			if pgErr.Code == c {
				return true
			}
		}
		return false
	}
}

// scrubbed hides the URL's password should a driver message repeat it,
// as a client-side parse or connect error might; errors.Is and errors.As
// still see the original error.
func scrubbed(err error, connString string) error {
	secrets := passwords(connString)
	msg := err.Error()
	for _, s := range secrets {
		msg = strings.ReplaceAll(msg, s, "xxxxx")
	}
	return &scrubbedError{msg: msg, err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// passwords returns the password of a connection string in the forms a
// message might quote it: as written and decoded.
func passwords(connString string) []string {
	var found []string
	add := func(s string) {
		if s != "" {
			found = append(found, s)
			if dec, err := url.QueryUnescape(s); err == nil && dec != s {
				found = append(found, dec)
			}
		}
	}
	if u, err := url.Parse(connString); err == nil {
		if p, ok := u.User.Password(); ok {
			add(p)
			add(url.PathEscape(p))
		}
	}
	if m := userinfoPassword.FindString(connString); m != "" {
		rest := m[strings.Index(m, "://")+3:]
		if i := strings.Index(rest, ":"); i >= 0 {
			add(strings.TrimSuffix(rest[i+1:], "@"))
		}
	}
	for _, m := range keywordPassword.FindAllStringSubmatch(connString, -1) {
		add(strings.Trim(m[2], "'"))
	}
	return found
}
