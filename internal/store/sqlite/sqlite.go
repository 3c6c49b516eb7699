// Package sqlite opens the embedded store: one SQLite file, written through
// the pure-Go driver modernc.org/sqlite, shared safely by every provider
// process that opens the same path.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// URLPrefix starts a store string that names a SQLite file.
const URLPrefix = "sqlite://"

// openTimeout bounds how long Open waits for other processes' writes
// before it can check the schema.
const openTimeout = time.Minute

// busyTimeout is how long one statement waits for another process's lock
// before SQLite reports busy; Update then retries the transaction.
const busyTimeout = 10 * time.Second

// Synchronous modes for WithSynchronous.
const (
	// SynchronousNormal syncs the WAL only at checkpoints. The database can
	// never be corrupted, but a power loss or OS crash (not a process crash)
	// may undo the last transactions committed before it. The default: the
	// store is a simulation and writes stay fast.
	SynchronousNormal = "NORMAL"
	// SynchronousFull syncs the WAL on every commit, so a committed
	// transaction survives a power loss, at the cost of an fsync per write.
	SynchronousFull = "FULL"
)

type options struct {
	synchronous string
}

// Option changes how Open sets up the store.
type Option func(*options)

// WithSynchronous sets PRAGMA synchronous: SynchronousNormal (the default)
// or SynchronousFull.
func WithSynchronous(mode string) Option {
	return func(o *options) { o.synchronous = mode }
}

// IsURL reports whether store names a SQLite file with the sqlite:// scheme.
func IsURL(store string) bool {
	return strings.HasPrefix(store, URLPrefix)
}

// ParsePath returns the file path a store string names: a bare path, or a
// URL sqlite:///abs/path (absolute) or sqlite://rel/path (relative). A
// leading ~/ stands for the home directory.
func ParsePath(store string) (string, error) {
	if strings.HasPrefix(store, "sqlite:") && !IsURL(store) {
		return "", fmt.Errorf("store %q: write sqlite:///absolute/path or sqlite://relative/path", store)
	}
	path := strings.TrimPrefix(store, URLPrefix)
	if path == "" {
		return "", fmt.Errorf("store %q names no file", store)
	}
	if path == "~" || strings.HasPrefix(path, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("store %q: find home directory: %w", store, err)
		}
		path = filepath.Join(home, strings.TrimPrefix(path, "~"))
	}
	return filepath.Clean(path), nil
}

// maxConns is the size of the connection pool.
const maxConns = 4

// pageCacheKiB is each connection's page cache.
const pageCacheKiB = 512

// Open opens, creating it if needed, the SQLite store that store names (see
// ParsePath). The file is created with mode 0600 and its directory with
// 0700, since the store is private to the user who runs the provider.
func Open(store string, opts ...Option) (*sqlstore.Store, error) {
	o := options{synchronous: SynchronousNormal}
	for _, opt := range opts {
		opt(&o)
	}
	if !strings.EqualFold(o.synchronous, SynchronousNormal) && !strings.EqualFold(o.synchronous, SynchronousFull) {
		return nil, fmt.Errorf("unknown synchronous mode %q (want %s or %s)", o.synchronous, SynchronousNormal, SynchronousFull)
	}
	path, err := ParsePath(store)
	if err != nil {
		return nil, err
	}
	if path, err = filepath.Abs(path); err != nil {
		return nil, fmt.Errorf("sqlite store %s: %w", store, err)
	}
	if err := refuseNonRegular(path); err != nil {
		return nil, err
	}
	created, err := createFile(path)
	if err != nil {
		return nil, err
	}
	s, err := openCreated(path, o)
	if err != nil {
		created.remove()
		return nil, err
	}
	return s, nil
}

// openCreated opens the store at path, whose file exists.
func openCreated(path string, o options) (*sqlstore.Store, error) {
	db, err := sql.Open("sqlite", dsn(path, o))
	if err != nil {
		return nil, fmt.Errorf("open sqlite store at %s: %w", path, err)
	}
	// Readers never wait for the writer in WAL mode, so a few connections
	// are useful; more would only hold file descriptors. All of them stay
	// open once opened: a connection closed for being idle takes its
	// prepared statements and parsed schema with it, and the CLI's
	// parallel requests would reopen it moments later.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	ctx, cancel := context.WithTimeout(context.Background(), openTimeout)
	defer cancel()
	s, err := sqlstore.New(ctx, db, Dialect, path)
	if err != nil {
		db.Close()
		return nil, explainOpenError(err, path)
	}
	if err := useWAL(ctx, db); err != nil {
		s.Close()
		return nil, explainOpenError(fmt.Errorf("sqlite store at %s: switch to write-ahead logging: %w", path, err), path)
	}
	return s, nil
}

// useWAL switches the store to write-ahead logging, so that readers and the
// writer do not block each other. Only once the store is known to be ours:
// the mode is written into the file. It persists, so later opens find it set.
func useWAL(ctx context.Context, db *sql.DB) error {
	for {
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil && !strings.EqualFold(mode, "wal") {
			err = fmt.Errorf("journal mode is %s", mode)
		}
		if err == nil || !Dialect.IsTransient(err) {
			return err
		}
		// Another process holds the file; its lock is short.
		select {
		case <-ctx.Done():
			return err
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// explainOpenError adds what to do when SQLite cannot use the store. The
// errors of sqlstore.New already name the path.
func explainOpenError(err error, path string) error {
	switch errorCode(err) & 0xff {
	case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
		return fmt.Errorf("%w (the provider must be able to write %s and create files in %s)",
			err, path, filepath.Dir(path))
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w (%s is not a SQLite database: point store at a new path, or move the file aside)", err, path)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w (the store is damaged: restore %s from a backup, or point store at a new path)", err, path)
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w (check that %s has free space and supports file locking, as network and some container "+
			"file systems do not; else point store at a local disk)", err, filepath.Dir(path))
	}
	return err
}

// refuseNonRegular refuses a store path that exists and is not a regular
// file before SQLite opens it: a device such as /dev/null would be opened
// and a journal created beside it.
func refuseNonRegular(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return nil //nolint:nilerr // missing, or createFile will say why it cannot be made
	}
	switch {
	case info.Mode().IsRegular():
		return nil
	case info.IsDir():
		return fmt.Errorf("sqlite store %s is a directory; name a file in it, such as %s", path, filepath.Join(path, "engine.db"))
	}
	return fmt.Errorf("sqlite store %s is not a regular file (%v); point store at a file path", path, info.Mode().Type())
}

// created lists what Open made, so that a failed open removes it again.
type created struct {
	file string   // empty if the file was there
	dirs []string // deepest first
}

func (c created) remove() {
	if c.file != "" {
		for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
			_ = os.Remove(c.file + suffix)
		}
	}
	for _, d := range c.dirs {
		_ = os.Remove(d) // fails, as it should, if something else was put there
	}
}

// createFile makes the store's directory and file with private modes
// before SQLite opens it, which would otherwise use the umask.
func createFile(path string) (created, error) {
	var c created
	dir := filepath.Dir(path)
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || d == filepath.Dir(d) {
			break
		}
		c.dirs = append(c.dirs, d)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		c.remove()
		return created{}, fmt.Errorf("create directory %s for sqlite store: %w%s", dir, err, remedy(err))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		c.file = path
	} else if errors.Is(err, fs.ErrExist) {
		f, err = os.OpenFile(path, os.O_RDWR, 0)
	}
	if err != nil {
		c.remove()
		return created{}, fmt.Errorf("open sqlite store: %w%s", err, remedy(err)) // the error names the path
	}
	if err := f.Close(); err != nil {
		c.remove()
		return created{}, fmt.Errorf("open sqlite store: %w", err)
	}
	return c, nil
}

// remedy says what to do about a file system error.
func remedy(err error) string {
	switch {
	case errors.Is(err, syscall.ENAMETOOLONG):
		return " (the path is too long: point store at a shorter one)"
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return " (the provider must be able to write there: point store at a path you can write, or fix its permissions)"
	case errors.Is(err, syscall.ENOTDIR):
		return " (a part of the path is a file, not a directory: point store at another path)"
	case errors.Is(err, syscall.ENOSPC):
		return " (the disk is full: free space, or point store at another disk)"
	}
	return ""
}

// dsn sets every connection up the same way: a busy timeout first, foreign
// keys (journal_mode is set once the store is known to be ours), and
// BEGIN IMMEDIATE for read-write transactions, so that a writer takes the
// write lock before it reads and writers of several processes queue instead
// of failing to upgrade a read lock. Read-only transactions stay deferred.
func dsn(path string, o options) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous("+strings.ToUpper(o.synchronous)+")")
	// Each connection keeps its own page cache outside Go's heap, 2 MB by
	// default; the store of a few thousand NICs is about that size, so the
	// pool would hold it four times over. What a smaller cache misses the
	// operating system's file cache serves.
	q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -pageCacheKiB))
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Dialect is SQLite's flavour of the shared SQL store.
var Dialect = sqlstore.Dialect{
	Name:            "sqlite",
	CacheStatements: true,
	// Views count: a database holding only a view is someone's.
	ListTables:  `SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY 1`,
	ReadMark:    readApplicationID,
	BeforeClose: checkpoint,
	WriteMark: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID))
		return err
	},
	BeginWrite: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
		return db.BeginTx(ctx, nil) // BEGIN IMMEDIATE, from _txlock
	},
	IsUniqueViolation: func(err error) bool {
		code := errorCode(err)
		return code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	},
	IsForeignKeyViolation: func(err error) bool {
		return errorCode(err) == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	},
	IsTransient: func(err error) bool {
		primary := errorCode(err) & 0xff
		return primary == sqlite3.SQLITE_BUSY || primary == sqlite3.SQLITE_LOCKED
	},
}

// ApplicationID is the SQLite application_id (the 32-bit number at offset
// 68 of the file's header) of every ENI store: "ENIS" in ASCII. A file with
// another non-zero application_id belongs to another application and is
// refused untouched; stores made before the mark have 0 and are marked when
// a build that knows it opens them.
const ApplicationID = 0x454e4953

// readApplicationID tells an ENI store's file from another application's.
func readApplicationID(ctx context.Context, tx *sql.Tx) (sqlstore.Mark, error) {
	var id int64
	if err := tx.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		return sqlstore.Mark{}, err
	}
	switch uint32(id) {
	case 0:
		return sqlstore.Mark{}, nil
	case ApplicationID:
		return sqlstore.Mark{Ours: true}, nil
	}
	return sqlstore.Mark{Foreign: fmt.Sprintf("SQLite application_id 0x%08x, not the ENI store's 0x%08x", uint32(id), ApplicationID)}, nil
}

// checkpoint copies the write-ahead log into the store's file and empties
// it, without waiting for other processes: one still using the store keeps
// its log, and the last connection to close removes engine.db-wal and
// engine.db-shm, leaving the file alone to hold every committed write.
func checkpoint(ctx context.Context, db *sql.DB) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return
	}
	_, _ = conn.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// errorCode is the extended SQLite result code of err, or 0.
func errorCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}
