// Package postgres opens the shared store for teams: a PostgreSQL database
// reached through pgx, holding the same schema as the embedded store.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/eni/terraform-provider-eni/internal/engine"
	"github.com/eni/terraform-provider-eni/internal/store/sqlstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// WriteLockKey names the region's advisory lock: a writer that touches one
// VPC shares it, any other writer (and a schema migration) holds it alone,
// so that holding it alone stops every writer of every process.
const WriteLockKey int64 = 0x656e6973746f7265 // "enistore" in ASCII

// connectTimeout bounds a connection attempt when the URL sets none.
const connectTimeout = 10 * time.Second

// PostgreSQL error codes the store acts on.
const (
	codeUniqueViolation       = "23505"
	codeForeignKeyViolation   = "23503"
	codeSerializationFailure  = "40001"
	codeDeadlockDetected      = "40P01"
	codeInsufficientPrivilege = "42501"
	codeTooManyConnections    = "53300"
)

// IsURL reports whether a store string is a PostgreSQL URL, whatever the
// case of its scheme.
func IsURL(store string) bool {
	scheme, _, found := strings.Cut(store, "://")
	return found && (strings.EqualFold(scheme, "postgres") || strings.EqualFold(scheme, "postgresql"))
}

// normalized lowers a URL's scheme, which the driver only recognises in
// lower case.
func normalized(connString string) string {
	if IsURL(connString) {
		scheme, rest, _ := strings.Cut(connString, "://")
		return strings.ToLower(scheme) + "://" + rest
	}
	return connString
}

var (
	// keywordPassword matches a password value in a keyword/value string:
	// quoted (an unclosed quote runs to the end) or with backslash escapes.
	keywordPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'?|(?:\\.|[^\s\\])*)`)
	// queryPassword matches password=... in a URL's query string.
	queryPassword = regexp.MustCompile(`(?i)([?&]password=)[^&]*`)
)

// Redact names a connection string's database without its password. It
// renders what the driver parses (user, host, port, database), so that it
// hides exactly the password the driver would send, however the string
// splits. A string the driver cannot parse is redacted conservatively.
func Redact(connString string) string {
	connString = normalized(connString)
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return redactUnparsed(connString)
	}
	scheme, _, found := strings.Cut(connString, "://")
	if !found {
		scheme = "postgres"
	}
	var b strings.Builder
	b.WriteString(scheme + "://")
	if cfg.User != "" {
		b.WriteString(shownUser(cfg.User))
		if cfg.Password != "" {
			b.WriteString(":xxxxx")
		}
		b.WriteString("@")
	}
	fmt.Fprintf(&b, "%s/%s", strings.Join(hostPorts(cfg), ","), shownDatabase(cfg.Database))
	return b.String()
}

// shownUser is how messages show a user name: masked when it is not a
// plain one, since a password may be joined to it by a lost colon.
func shownUser(user string) string {
	if !plainUser.MatchString(user) {
		return "xxxxx"
	}
	return url.PathEscape(user)
}

// shownHost is how messages show a host: masked when it is not a host
// name or address, since a query whose ? and / were lost ends up in it.
func shownHost(host string) string {
	if !hostName.MatchString(host) {
		return "xxxxx"
	}
	return host
}

// hostPorts lists the servers a parsed string names, each once, as
// host:port with the host shown as shownHost shows it: a multi-host string
// gives the driver its later hosts as fallbacks.
func hostPorts(cfg *pgx.ConnConfig) []string {
	seen := map[string]bool{}
	var out []string
	add := func(host string, port uint16) {
		hp := fmt.Sprintf("%s:%d", shownHost(host), port)
		if !seen[hp] {
			seen[hp] = true
			out = append(out, hp)
		}
	}
	add(cfg.Host, cfg.Port)
	for _, f := range cfg.Fallbacks {
		add(f.Host, f.Port)
	}
	return out
}

// shownServers names the servers of a parsed string for a message: "host
// h, port p" for one, "hosts h1:p1, h2:p2" for several.
func shownServers(cfg *pgx.ConnConfig) string {
	hps := hostPorts(cfg)
	if len(hps) == 1 {
		return fmt.Sprintf("host %s, port %d", shownHost(cfg.Host), cfg.Port)
	}
	return "hosts " + strings.Join(hps, ", ")
}

var hostName = regexp.MustCompile(`^[A-Za-z0-9._:\[\]%/-]+$`)

// shownDatabase is how messages show a database name: masked when it is
// not a plain word, since a query whose ? was lost puts its password= in it.
func shownDatabase(name string) string {
	if !plainValue.MatchString(name) {
		return "xxxxx"
	}
	return name
}

// redactUnparsed shows of a malformed URL its scheme, its plain user name,
// its host and port, its database name when plain and its query with every
// value masked but plain ones of harmless keywords; of a keyword/value
// string, only the plain values of harmless keywords. Once a URL is
// mangled (a ? before the user name, a lost colon or ?), a password may
// sit in any part, so only a part that could not hold one is shown.
func redactUnparsed(connString string) string {
	scheme, rest, found := strings.Cut(connString, "://")
	if !found {
		return shownPairs(connString)
	}
	shown := scheme + "://"
	if strings.Count(rest, "@") > 1 || strings.ContainsAny(rest[:max(strings.Index(rest, "@"), 0)], "/?&= ") {
		// Where the user part ends is anyone's guess.
		return shown + "…"
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		user, _, hasPassword := strings.Cut(rest[:at], ":")
		user = shownUser(user)
		if hasPassword && user != "xxxxx" {
			user += ":xxxxx"
		}
		shown += user + "@"
		rest = rest[at+1:]
	}
	hostPort, rest := cutAt(rest, "/? ")
	if strings.HasPrefix(rest, " ") {
		hostPort = "xxxxx" // no host ends with a space: a word of a mangled string
	} else if host, port, found := strings.Cut(hostPort, ":"); found && !digits.MatchString(port) {
		// Not a port: a password whose @ was lost, perhaps.
		hostPort = host + ":xxxxx"
	}
	shown += hostPort
	if path, ok := strings.CutPrefix(rest, "/"); ok {
		var database string
		database, rest = cutAt(path, "? ")
		shown += "/" + shownDatabase(database)
	}
	if query, ok := strings.CutPrefix(rest, "?"); ok {
		return shown + "?" + maskQuery(query)
	}
	if rest != "" {
		shown += " …"
	}
	return shown
}

// cutAt cuts s before the first of chars: what comes before, and the rest.
func cutAt(s, chars string) (string, string) {
	if i := strings.IndexAny(s, chars); i >= 0 {
		return s[:i], s[i:]
	}
	return s, ""
}

var digits = regexp.MustCompile(`^[0-9]+$`)

// shownPairs is a keyword/value string no parser took, reduced to the
// pairs of harmless keywords (host, port, dbname, user, sslmode...) whose
// values are plain words, then … for whatever else it held: under a
// mangled keyword or quote, any other part may be a password.
func shownPairs(s string) string {
	var shown []string
	for _, field := range strings.Fields(s) {
		key, value, ok := strings.Cut(field, "=")
		if ok && shownKeywords[strings.ToLower(key)] && plainValue.MatchString(value) {
			shown = append(shown, field)
		}
	}
	return strings.Join(append(shown, "…"), " ")
}

// plainValue is a value a message may show: a plain word, unquoted.
var plainValue = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// plainUser is a user name as URLs write it; anything else in the user
// part of a malformed URL may be a password.
var plainUser = regexp.MustCompile(`^[A-Za-z0-9._~%+-]*$`)

// maskQuery hides the value of every parameter of a malformed URL's query
// but the harmless ones: a mangled password= may be any of them.
func maskQuery(query string) string {
	pairs := strings.Split(query, "&")
	for i, pair := range pairs {
		key, value, found := strings.Cut(pair, "=")
		switch {
		case !plainKey.MatchString(key):
			pairs[i] = "xxxxx" // a mangled query: the key may hold the password
		case found && !(shownKeywords[strings.ToLower(key)] && plainValue.MatchString(value)):
			pairs[i] = key + "=xxxxx"
		}
	}
	return strings.Join(pairs, "&")
}

// plainKey is a query parameter's name a message may show.
var plainKey = regexp.MustCompile(`^[A-Za-z_]+$`)

// shownKeywords are the keywords whose values a malformed keyword/value
// string shows; any other value may be a password under a mangled keyword.
var shownKeywords = map[string]bool{
	"host": true, "hostaddr": true, "port": true, "dbname": true, "user": true, "sslmode": true,
	"connect_timeout": true, "application_name": true, "target_session_attrs": true, "search_path": true,
}

// Open connects to the database a postgres:// URL (or keyword/value
// string) names and brings it to the current schema. The string may carry
// the store's own parameters (eni_pooler, eni_max_conns), which the driver
// never sees. Its errors name the server and database, never the password.
func Open(ctx context.Context, connString string) (*sqlstore.Store, error) {
	connString = normalized(connString)
	driverString, p, err := splitParams(connString)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %w", Redact(connString), err)
	}
	connString = driverString
	where := Redact(connString)
	cfg, err := pgx.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("postgres store %s: %w; write postgres://user:password@host:port/database "+
			"with any @, :, / or # in the user name or password %%-escaped", where, parseFailure(err, connString))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connectTimeout
	}
	if p.pooler == PoolerTransaction {
		// Each transaction may run on another server connection: keep no
		// named statement there, only the descriptions here.
		cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	}
	db := stdlib.OpenDB(*cfg)
	// A provider opens at most a few connections and queues its requests
	// for them, so that many providers share one server. An idle one
	// closes after a minute: a CLI's parallel requests come in bursts.
	db.SetMaxOpenConns(p.maxConns)
	db.SetMaxIdleConns(p.maxConns)
	db.SetConnMaxIdleTime(time.Minute)
	if err := pingWhileCrowded(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to postgres store %s (%s, database %s, user %s): %w; "+
			"check that the server runs and is reachable from here and that the user, password and database are right",
			where, shownServers(cfg), shownDatabase(cfg.Database), shownUser(cfg.User), scrubbed(err, connString))
	}
	if err := refuseReadOnly(ctx, db, cfg, where); err != nil {
		db.Close()
		return nil, err
	}
	// From here on errors come from the server, which never repeats the
	// password, and name the store by its redacted URL.
	d := Dialect
	d.Writers = p.maxConns
	if p.regionLocks {
		d.Locks = &sqlstore.Locks{Region: locks.Region}
	}
	s, err := sqlstore.New(ctx, db, d, where)
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// refuseReadOnly refuses a server that takes no writes (a standby, or a
// session read-only by default) before anything is tried on it, naming the
// server it reached: every provider command may write.
func refuseReadOnly(ctx context.Context, db *sql.DB, cfg *pgx.ConnConfig, where string) error {
	var readOnly bool
	err := db.QueryRowContext(ctx, `SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'`).Scan(&readOnly)
	if err != nil {
		return fmt.Errorf("postgres store %s: ask whether the server takes writes: %w", where, err)
	}
	if readOnly {
		return fmt.Errorf("postgres store %s (%s): the server is read-only (a standby, or read-only by default) "+
			"and the store must write; name the primary, or list every server with target_session_attrs=read-write",
			where, shownServers(cfg))
	}
	return nil
}

// crowdedWait bounds how long Open waits for a server that has no free
// connection (too many clients), as when many CLIs start at once.
const crowdedWait = 2 * time.Minute

// pingWhileCrowded connects, waiting while the server turns clients away
// for want of connection slots: other providers' connections free soon.
func pingWhileCrowded(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(crowdedWait)
	for n := 0; ; n++ {
		err := db.PingContext(ctx)
		if !isTooManyClients(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(crowdedPause(n)):
		case <-ctx.Done():
			return err
		}
	}
}

// crowdedPause grows from 10ms to about a second, with jitter so that
// providers turned away together do not come back together.
func crowdedPause(attempt int) time.Duration {
	base := 10 * time.Millisecond << min(attempt, 7)
	return base/2 + rand.N(base)
}

var isTooManyClients = hasCode(codeTooManyConnections)

// Dialect is PostgreSQL's flavour of the shared SQL store.
var Dialect = sqlstore.Dialect{
	Name:                 "postgres",
	NumberedPlaceholders: true,
	BeginWrite:           beginWrite,
	Locks:                locks,
	BeginRead: func(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
		// Repeatable read gives one snapshot for the whole transaction; a
		// read-only one never fails to serialize.
		tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		return tx, explainBegin(err)
	},
	ListTables:            `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
	ReadMark:              readMark,
	WriteMark:             writeMark,
	IsUniqueViolation:     hasCode(codeUniqueViolation),
	IsForeignKeyViolation: hasCode(codeForeignKeyViolation),
	IsTransient:           hasCode(codeSerializationFailure, codeDeadlockDetected, codeTooManyConnections),
	IsConnectionLost:      isConnectionLost,
	IsUnreachable:         isUnreachable,
	ReconnectWait:         ReconnectWait,
}

// beginWrite starts a write transaction at read committed: each statement
// sees every commit before it, and the advisory locks the transaction takes
// first (see locks) keep what it read from changing until it commits.
func beginWrite(ctx context.Context, db *sql.DB) (*sql.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	return tx, explainBegin(err)
}

// locks are transaction-scoped advisory locks, which end with their
// transaction however it ends and so survive a pooler in transaction mode.
// WriteLockKey is the region's: whole-region writers take it alone, VPC
// writers share it and take their VPC's key (its ID hashed) alone.
var locks = &sqlstore.Locks{
	Region: fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, WriteLockKey),
	VPCOf: map[engine.ScopeKind]string{
		engine.ScopeSubnet:           vpcLockOf(`SELECT vpc_id FROM subnets WHERE id = ?`),
		engine.ScopeNetworkInterface: vpcLockOf(`SELECT vpc_id FROM network_interfaces WHERE id = ?`),
		engine.ScopeServer:           vpcLockOf(`SELECT vpc_id FROM servers WHERE id = ?`),
		engine.ScopeVirtualIP:        vpcLockOf(`SELECT s.vpc_id FROM virtual_ips v JOIN subnets s ON s.id = v.subnet_id WHERE v.id = ?`),
		engine.ScopeVPC:              vpcLockOf(`SELECT id FROM vpcs WHERE id = ?`),
		engine.ScopeRouteTable:       vpcLockOf(`SELECT vpc_id FROM route_tables WHERE id = ?`),
		engine.ScopeNetworkACL:       vpcLockOf(`SELECT vpc_id FROM network_acls WHERE id = ?`),
		engine.ScopeAssociation:      vpcLockOf(`SELECT vpc_id FROM subnet_associations WHERE id = ?`),
	},
	Keys: `SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM unnest(?::text[]) AS k`,
}

// vpcLockOf is the query that shares the region's lock, then takes the VPC
// that lookup (a query of one VPC ID by the object's ID, its parameter)
// finds, in that order (a select list is evaluated in order), and says
// whether the object exists.
func vpcLockOf(lookup string) string {
	return fmt.Sprintf(`SELECT found FROM (
		SELECT pg_advisory_xact_lock_shared(%d) AS region,
		       pg_advisory_xact_lock(hashtextextended('vpc:' || v.vpc_id, 0)) AS vpc,
		       v.vpc_id IS NOT NULL AS found
		FROM (SELECT (%s) AS vpc_id) v OFFSET 0) q`, WriteLockKey, lookup)
}

// explainBegin adds to a refused BEGIN what to do when a pooler in
// statement mode refused it: such a pooler runs no transaction, and the
// store writes nothing outside one.
func explainBegin(err error) error {
	if err != nil && strings.Contains(err.Error(), "statement pooling mode") {
		return fmt.Errorf("%w; a pooler in statement mode cannot run the store's transactions: "+
			"set its pool_mode to transaction and add %s=%s to the store URL", err, ParamPooler, PoolerTransaction)
	}
	return err
}

// Mark is the comment on the schema_version table of every ENI store:
// with the table set of its version, it tells an ENI store from a schema
// that merely has a table of that name.
const Mark = "ENI store schema version (terraform-provider-eni)"

func readMark(ctx context.Context, tx *sql.Tx) (sqlstore.Mark, error) {
	var comment sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT obj_description(to_regclass('schema_version'), 'pg_class')`).Scan(&comment)
	return sqlstore.Mark{Ours: comment.String == Mark}, err
}

// writeMark comments the schema_version table, which only its owner may
// do: a user with no more than the rights to read and write a store made
// before the mark leaves it unmarked, and its tables still identify it.
func writeMark(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT eni_mark`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `COMMENT ON TABLE schema_version IS '`+Mark+`'`)
	if hasCode(codeInsufficientPrivilege)(err) {
		_, err = tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT eni_mark`)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `RELEASE SAVEPOINT eni_mark`)
	return err
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
	if cfg, err := pgx.ParseConfig(connString); err == nil {
		add(cfg.Password)
	}
	if _, rest, ok := strings.Cut(connString, "://"); ok {
		beforeQuery, _, _ := strings.Cut(rest, "?")
		if at := strings.LastIndex(beforeQuery, "@"); at >= 0 {
			if _, password, ok := strings.Cut(beforeQuery[:at], ":"); ok {
				add(password)
			}
		}
	}
	for _, m := range keywordPassword.FindAllStringSubmatch(connString, -1) {
		add(strings.Trim(m[2], "'"))
	}
	for _, m := range queryPassword.FindAllString(connString, -1) {
		add(m[strings.Index(m, "=")+1:])
	}
	return found
}

// parseFailure says why the driver could not parse a connection string
// without quoting any of it: the driver's message repeats the string, and
// redacting a string that does not parse is guesswork.
func parseFailure(err error, connString string) error {
	var pce *pgconn.ParseConfigError
	msg := err.Error()
	if errors.As(err, &pce) {
		bare := *pce
		bare.ConnString = ""
		msg = strings.TrimPrefix(bare.Error(), "cannot parse ``: ")
	}
	// Only the driver's words before the first thing it quotes or explains:
	// what it quotes may be any piece of a password it failed to find.
	if i := strings.IndexAny(msg, "(:\"`'"); i > 0 {
		msg = strings.TrimSpace(msg[:i])
	}
	return scrubbed(&scrubbedError{msg: msg, err: err}, connString)
}
