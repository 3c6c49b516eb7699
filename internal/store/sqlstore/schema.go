package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// ErrSchemaTooNew matches (with errors.Is) the error New returns for a
// store that a newer build of the provider has written.
var ErrSchemaTooNew = errors.New("store schema is newer than this provider")

// SchemaTooNewError refuses a store written by a newer build: this build
// cannot know what the newer schema means, so it leaves the store alone.
type SchemaTooNewError struct {
	Where   string
	Version int // the store's
	Known   int // the newest this build knows
}

func (e *SchemaTooNewError) Error() string {
	return fmt.Sprintf("store at %s was written by schema version %d; this provider knows up to version %d; upgrade the provider",
		e.Where, e.Version, e.Known)
}

// Is makes errors.Is(err, ErrSchemaTooNew) hold.
func (e *SchemaTooNewError) Is(target error) bool { return target == ErrSchemaTooNew }

// migrations lists the schema changes in order; migrations[i] takes a store
// from version i to version i+1. Append only: a released entry never changes.
//
// The DDL is portable between SQLite and PostgreSQL: TEXT, INTEGER and
// BIGINT only (no BOOLEAN), IPv4 addresses kept as BIGINT numbers so that
// range and gap queries can use the indexes.
var migrations = [][]string{
	schemaV1,
	schemaV2,
	schemaV3,
	schemaV4,
}

var schemaV1 = []string{
	`CREATE TABLE vpcs (
		id          TEXT PRIMARY KEY,
		name        TEXT NOT NULL,
		cidr        TEXT NOT NULL,
		description TEXT NOT NULL
	)`,
	`CREATE TABLE subnets (
		id                TEXT PRIMARY KEY,
		vpc_id            TEXT NOT NULL REFERENCES vpcs (id),
		name              TEXT NOT NULL,
		cidr              TEXT NOT NULL,
		availability_zone TEXT NOT NULL,
		gateway_ip        TEXT NOT NULL,
		description       TEXT NOT NULL,
		first_ip          BIGINT NOT NULL,
		last_ip           BIGINT NOT NULL,
		next_ip           BIGINT NOT NULL
	)`,
	`CREATE INDEX subnets_vpc_id ON subnets (vpc_id)`,
	`CREATE TABLE security_groups (
		id          TEXT PRIMARY KEY,
		vpc_id      TEXT NOT NULL REFERENCES vpcs (id),
		name        TEXT NOT NULL,
		description TEXT NOT NULL,
		rules       TEXT NOT NULL
	)`,
	`CREATE INDEX security_groups_vpc_id ON security_groups (vpc_id)`,
	// primary_network_interface_id has no foreign key: the server and its
	// primary NIC point at each other.
	`CREATE TABLE servers (
		id                           TEXT PRIMARY KEY,
		name                         TEXT NOT NULL,
		kind                         TEXT NOT NULL,
		flavor                       TEXT NOT NULL,
		availability_zone            TEXT NOT NULL,
		vpc_id                       TEXT NOT NULL,
		subnet_id                    TEXT NOT NULL REFERENCES subnets (id),
		primary_network_interface_id TEXT NOT NULL
	)`,
	`CREATE INDEX servers_subnet_id ON servers (subnet_id)`,
	// server_id is checked at commit so that a server and its primary NIC
	// can be written, or removed, in either order within one transaction.
	// UNIQUE (server_id, device_index) also serves lookups by server_id;
	// NULLs (an available NIC) never collide.
	`CREATE TABLE network_interfaces (
		id                TEXT PRIMARY KEY,
		name              TEXT NOT NULL,
		description       TEXT NOT NULL,
		subnet_id         TEXT NOT NULL REFERENCES subnets (id),
		vpc_id            TEXT NOT NULL,
		availability_zone TEXT NOT NULL,
		private_ip        TEXT NOT NULL,
		ip_num            BIGINT NOT NULL,
		mac               TEXT NOT NULL UNIQUE,
		is_primary        INTEGER NOT NULL,
		server_id         TEXT REFERENCES servers (id) DEFERRABLE INITIALLY DEFERRED,
		device_index      INTEGER,
		attachment_id     TEXT,
		UNIQUE (subnet_id, ip_num),
		UNIQUE (server_id, device_index)
	)`,
	`CREATE INDEX network_interfaces_vpc_id ON network_interfaces (vpc_id)`,
	// position keeps the order in which the ENI's groups were given.
	`CREATE TABLE network_interface_security_groups (
		network_interface_id TEXT NOT NULL REFERENCES network_interfaces (id) ON DELETE CASCADE,
		security_group_id    TEXT NOT NULL REFERENCES security_groups (id),
		position             INTEGER NOT NULL,
		PRIMARY KEY (network_interface_id, security_group_id),
		UNIQUE (network_interface_id, position)
	)`,
	`CREATE INDEX network_interface_security_groups_group ON network_interface_security_groups (security_group_id)`,
	// Deleting a NIC unbinds its EIP rather than failing.
	`CREATE TABLE eips (
		id                   TEXT PRIMARY KEY,
		public_ip            TEXT NOT NULL UNIQUE,
		ip_num               BIGINT NOT NULL UNIQUE,
		bandwidth_mbps       INTEGER NOT NULL,
		network_interface_id TEXT UNIQUE REFERENCES network_interfaces (id) ON DELETE SET NULL
	)`,
}

// schemaV2 adds each subnet's released addresses, which allocation reuses
// once the cursor has passed the subnet's last address, and lists there
// every address a store written before it has free below a cursor (the
// gateway among them: the engine skips it).
var schemaV2 = []string{
	`CREATE TABLE released_ips (
		subnet_id TEXT NOT NULL REFERENCES subnets (id),
		ip_num    BIGINT NOT NULL,
		PRIMARY KEY (subnet_id, ip_num)
	)`,
	`INSERT INTO released_ips (subnet_id, ip_num)
	WITH RECURSIVE below (subnet_id, ip_num, stop) AS (
		SELECT id, first_ip, next_ip FROM subnets WHERE first_ip < next_ip
		UNION ALL
		SELECT subnet_id, ip_num + 1, stop FROM below WHERE ip_num + 1 < stop
	)
	SELECT b.subnet_id, b.ip_num FROM below b
	WHERE NOT EXISTS (SELECT 1 FROM network_interfaces n WHERE n.subnet_id = b.subnet_id AND n.ip_num = b.ip_num)`,
}

// schemaV3 adds secondary private IPs, virtual IPs, IPv6, the
// source/destination check and tags. Every address a subnet gives out, to
// whatever holder, is a row of addresses, whose key makes one address of a
// subnet have one holder at most; the primary addresses of the NICs already
// stored are copied there. family is 4 or 6; host is an IPv4 address as its
// number, or the host part (low 64 bits, as a signed number) of an IPv6
// address of the subnet's /64. Tags are one JSON object per row: read and
// written whole, filtered after reading. Existing NICs keep the check on.
var schemaV3 = []string{
	`CREATE TABLE addresses (
		subnet_id TEXT NOT NULL REFERENCES subnets (id),
		family    INTEGER NOT NULL,
		host      BIGINT NOT NULL,
		address   TEXT NOT NULL,
		holder    TEXT NOT NULL,
		kind      TEXT NOT NULL,
		PRIMARY KEY (subnet_id, family, host)
	)`,
	`CREATE INDEX addresses_holder ON addresses (holder)`,
	`INSERT INTO addresses (subnet_id, family, host, address, holder, kind)
	SELECT subnet_id, 4, ip_num, private_ip, id, 'primary' FROM network_interfaces`,
	`CREATE TABLE virtual_ips (
		id                   TEXT PRIMARY KEY,
		subnet_id            TEXT NOT NULL REFERENCES subnets (id),
		ip_address           TEXT NOT NULL,
		network_interface_id TEXT REFERENCES network_interfaces (id),
		tags                 TEXT NOT NULL
	)`,
	`CREATE INDEX virtual_ips_subnet_id ON virtual_ips (subnet_id)`,
	`CREATE INDEX virtual_ips_network_interface_id ON virtual_ips (network_interface_id)`,
	`ALTER TABLE network_interfaces ADD COLUMN source_dest_check INTEGER NOT NULL DEFAULT 1`,
	`ALTER TABLE network_interfaces ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
	`ALTER TABLE vpcs ADD COLUMN ipv6_cidr TEXT`,
	`CREATE UNIQUE INDEX vpcs_ipv6_cidr ON vpcs (ipv6_cidr)`,
	`ALTER TABLE vpcs ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
	`ALTER TABLE subnets ADD COLUMN ipv6_cidr TEXT`,
	`CREATE UNIQUE INDEX subnets_ipv6_cidr ON subnets (ipv6_cidr)`,
	`ALTER TABLE subnets ADD COLUMN next_ipv6 BIGINT NOT NULL DEFAULT 1`,
	`ALTER TABLE subnets ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
	`ALTER TABLE security_groups ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
	`ALTER TABLE servers ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
	`ALTER TABLE eips ADD COLUMN tags TEXT NOT NULL DEFAULT '{}'`,
}

// schemaV4 adds route tables, routes, network ACLs and the associations of
// subnets with them. Each VPC has one default route table (the partial
// unique index keeps it one); a VPC stored before gets one, whose ID is
// its own with the route table prefix, so that the migration needs no
// random numbers. A route is keyed by its table and destination; its next
// hop ID is "" for the internet. A subnet has at most one association of
// each kind; an association keeps its subnet's VPC, which writers lock.
// ACL rules are one text column per direction (see encodeACLRules).
var schemaV4 = []string{
	`CREATE TABLE route_tables (
		id          TEXT PRIMARY KEY,
		vpc_id      TEXT NOT NULL REFERENCES vpcs (id),
		name        TEXT NOT NULL,
		description TEXT NOT NULL,
		is_default  INTEGER NOT NULL,
		tags        TEXT NOT NULL
	)`,
	`CREATE INDEX route_tables_vpc_id ON route_tables (vpc_id)`,
	`CREATE UNIQUE INDEX route_tables_default ON route_tables (vpc_id) WHERE is_default = 1`,
	`CREATE TABLE routes (
		route_table_id   TEXT NOT NULL REFERENCES route_tables (id),
		destination_cidr TEXT NOT NULL,
		next_hop_type    TEXT NOT NULL,
		next_hop_id      TEXT NOT NULL,
		description      TEXT NOT NULL,
		PRIMARY KEY (route_table_id, destination_cidr)
	)`,
	`CREATE INDEX routes_next_hop_id ON routes (next_hop_id)`,
	`CREATE TABLE network_acls (
		id          TEXT PRIMARY KEY,
		vpc_id      TEXT NOT NULL REFERENCES vpcs (id),
		name        TEXT NOT NULL,
		description TEXT NOT NULL,
		ingress     TEXT NOT NULL,
		egress      TEXT NOT NULL,
		tags        TEXT NOT NULL
	)`,
	`CREATE INDEX network_acls_vpc_id ON network_acls (vpc_id)`,
	`CREATE TABLE subnet_associations (
		id        TEXT PRIMARY KEY,
		subnet_id TEXT NOT NULL REFERENCES subnets (id),
		vpc_id    TEXT NOT NULL,
		kind      TEXT NOT NULL,
		target_id TEXT NOT NULL,
		UNIQUE (subnet_id, kind)
	)`,
	`CREATE INDEX subnet_associations_target_id ON subnet_associations (target_id)`,
	`ALTER TABLE vpcs ADD COLUMN default_route_table_id TEXT`,
	`INSERT INTO route_tables (id, vpc_id, name, description, is_default, tags)
	SELECT 'rtb-' || substr(id, 5), id, 'default', '', 1, '{}' FROM vpcs`,
	`UPDATE vpcs SET default_route_table_id = 'rtb-' || substr(id, 5)`,
}

// CreateSchemaAt writes into the empty database db the schema of an older
// version, exactly as a build that knew no newer one wrote it, so that tests
// can fill a store of a released version and open it with this build.
func CreateSchemaAt(ctx context.Context, db *sql.DB, version int) error {
	if version < 1 || version > LatestSchemaVersion() {
		return fmt.Errorf("no schema version %d (versions run from 1 to %d)", version, LatestSchemaVersion())
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	stmts := []string{`CREATE TABLE schema_version (version INTEGER NOT NULL)`}
	for _, m := range migrations[:version] {
		stmts = append(stmts, m...)
	}
	stmts = append(stmts, fmt.Sprintf(`INSERT INTO schema_version (version) VALUES (%d)`, version))
	for _, stmt := range stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("schema version %d: %w", version, err)
		}
	}
	return tx.Commit()
}

// LatestSchemaVersion is the schema version this build writes.
func LatestSchemaVersion() int { return len(migrations) }

// migrate brings the store to LatestSchemaVersion inside tx, which must be a
// serialized write transaction so that two processes opening a fresh store
// at once cannot both create it. A database the store does not own, or a
// store of an unknown version, is refused before anything is written.
func migrate(ctx context.Context, tx *sql.Tx, d *Dialect, where string) error {
	current, marked, err := ownedSchemaVersion(ctx, tx, d, where)
	if err != nil {
		return err
	}
	latest := LatestSchemaVersion()
	if current == 0 {
		if _, err := tx.ExecContext(ctx, `CREATE TABLE schema_version (version INTEGER NOT NULL)`); err != nil {
			return fmt.Errorf("store at %s: create schema_version table: %w", where, err)
		}
	}
	for v := current; v < latest; v++ {
		for _, stmt := range migrations[v] {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("migrate store at %s to schema version %d: %w", where, v+1, err)
			}
		}
	}
	if current != latest {
		if err := writeSchemaVersion(ctx, tx, d, current, latest); err != nil {
			return err
		}
	}
	if !marked && d.WriteMark != nil {
		if err := d.WriteMark(ctx, tx); err != nil {
			return fmt.Errorf("store at %s: mark it as an ENI store: %w", where, err)
		}
	}
	return nil
}

// ErrNotAStore matches (with errors.Is) the error New returns for a
// database that is not an ENI store of a version this build knows.
var ErrNotAStore = errors.New("not an ENI store")

// ownedSchemaVersion returns the store's schema version, 0 for an empty
// database, and whether it carries the store's mark. It refuses a database
// marked by another application, one that holds someone else's tables or
// views, our tables without a version, or a version no build writes. An
// unmarked database with tables is a store made before marks only if its
// schema_version holds a known version and every table of that version is
// there; a foreign schema_version alone does not make a database ours. It
// only reads, so that opening a current store needs no right to create
// tables.
func ownedSchemaVersion(ctx context.Context, tx *sql.Tx, d *Dialect, where string) (int, bool, error) {
	var mark Mark
	if d.ReadMark != nil {
		var err error
		if mark, err = d.ReadMark(ctx, tx); err != nil {
			return 0, false, fmt.Errorf("store at %s: read its mark: %w", where, err)
		}
	}
	if mark.Foreign != "" {
		return 0, false, fmt.Errorf("store at %s: %w: it is marked as another application's database (%s); "+
			"point store at a new file or an empty database (or schema) of its own", where, ErrNotAStore, mark.Foreign)
	}
	v, readErr := readSchemaVersionTolerantly(ctx, tx)
	var odd *oddVersionError
	if errors.As(readErr, &odd) {
		return 0, false, fmt.Errorf("store at %s: %w: schema_version holds %s, not an integer version: "+
			"this is not an ENI store, or it is damaged; restore it from a backup, or point store at a new file or an empty database",
			where, ErrNotAStore, odd.what)
	}
	tables, err := listTables(ctx, tx, d)
	if err != nil {
		return 0, false, fmt.Errorf("store at %s: %w", where, err)
	}
	switch {
	case readErr == nil:
	case len(tables) == 0:
		return 0, mark.Ours, nil
	case slices.Contains(tables, "vpcs"):
		return 0, false, fmt.Errorf("store at %s: %w: it has the provider's tables but no schema_version table, "+
			"so its version is unknown; restore it from a backup, or point store at a new file or an empty database", where, ErrNotAStore)
	default:
		return 0, false, fmt.Errorf("store at %s: %w: it already holds other tables or views (%s); "+
			"point store at a new file or an empty database (or schema) of its own", where, ErrNotAStore, preview(tables))
	}
	if err := checkVersion(where, v); err != nil {
		return 0, false, err
	}
	if !mark.Ours {
		if missing := missingTables(tables, v); len(missing) > 0 {
			return 0, false, fmt.Errorf("store at %s: %w: it has a schema_version table of version %d but not the provider's tables "+
				"(no %s), and no ENI store mark; point store at a new file or an empty database (or schema) of its own",
				where, ErrNotAStore, v, preview(missing))
		}
	}
	return v, mark.Ours, nil
}

// createTable finds the tables a migration creates.
var createTable = regexp.MustCompile(`^CREATE TABLE (\w+)`)

// missingTables lists the tables of schema version v that tables lacks.
func missingTables(tables []string, v int) []string {
	var missing []string
	for _, m := range migrations[:v] {
		for _, stmt := range m {
			if name := createTable.FindStringSubmatch(stmt); name != nil && !slices.Contains(tables, name[1]) {
				missing = append(missing, name[1])
			}
		}
	}
	return missing
}

func checkVersion(where string, v int) error {
	latest := LatestSchemaVersion()
	if v > latest {
		return &SchemaTooNewError{Where: where, Version: v, Known: latest}
	}
	if v < 1 {
		return fmt.Errorf("store at %s: %w: it records schema version %d, which no provider writes (versions run from 1 to %d); "+
			"restore it from a backup, or point store at a new file or an empty database", where, ErrNotAStore, v, latest)
	}
	return nil
}

func listTables(ctx context.Context, tx *sql.Tx, d *Dialect) ([]string, error) {
	rows, err := tx.QueryContext(ctx, d.ListTables)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("list tables: %w", err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return tables, nil
}

// preview names a few tables, enough to recognise whose they are.
func preview(tables []string) string {
	const most = 3
	if len(tables) <= most {
		return strings.Join(tables, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(tables[:most], ", "), len(tables)-most)
}

// readSchemaVersionTolerantly reads under a savepoint, since a missing
// table aborts a PostgreSQL transaction.
func readSchemaVersionTolerantly(ctx context.Context, tx *sql.Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT eni_schema`); err != nil {
		return 0, err
	}
	v, err := readSchemaVersion(ctx, tx)
	if err != nil {
		_, _ = tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT eni_schema`)
	}
	_, _ = tx.ExecContext(ctx, `RELEASE SAVEPOINT eni_schema`)
	return v, err
}

// oddVersionError is a schema_version table whose value is no integer.
type oddVersionError struct{ what string }

func (e *oddVersionError) Error() string { return "schema_version holds " + e.what }

// readSchemaVersion reads the highest version recorded, 0 if none. Each
// row is read as it is stored, so that a text, real or blob value (which
// SQLite lets any column hold) is named rather than taken for a missing
// table.
func readSchemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_version`)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	defer rows.Close()
	highest, found := 0, false
	for rows.Next() {
		var value any
		if err := rows.Scan(&value); err != nil {
			return 0, fmt.Errorf("read schema version: %w", err)
		}
		v, err := integerVersion(value)
		if err != nil {
			return 0, err
		}
		if !found || v > highest {
			highest, found = v, true
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return highest, nil
}

// integerVersion accepts the integers the drivers return and names
// anything else.
func integerVersion(value any) (int, error) {
	switch v := value.(type) {
	case int64:
		return int(v), nil
	case int32:
		return int(v), nil
	case nil:
		return 0, &oddVersionError{"a NULL"}
	case string:
		return 0, &oddVersionError{fmt.Sprintf("a text value %s", quoteShort(v))}
	case []byte:
		return 0, &oddVersionError{fmt.Sprintf("a blob of %d bytes", len(v))}
	case float64, float32:
		return 0, &oddVersionError{fmt.Sprintf("a real value %v", v)}
	}
	return 0, &oddVersionError{fmt.Sprintf("a value of type %T", value)}
}

// quoteShort quotes a text value, cut short: it comes from a file that
// may be anything.
func quoteShort(s string) string {
	const most = 20
	if len([]rune(s)) > most {
		s = string([]rune(s)[:most]) + "…"
	}
	return "'" + s + "'"
}

func writeSchemaVersion(ctx context.Context, tx *sql.Tx, d *Dialect, from, to int) error {
	query := `UPDATE schema_version SET version = ?`
	if from == 0 {
		query = `INSERT INTO schema_version (version) VALUES (?)`
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(query), to); err != nil {
		return fmt.Errorf("record schema version %d: %w", to, err)
	}
	return nil
}
