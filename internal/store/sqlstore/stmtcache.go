package sqlstore

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query for the life of a
// store, so that SQLite does not parse every statement of every
// transaction again: parsing cost a read of a network interface as much as
// running it. A transaction never waits for a statement: a query it meets
// for the first time runs unprepared while the statement is prepared on
// the side, on a connection of its own (preparing inside the transaction
// would need a second connection while holding the first, and enough
// transactions doing that at once would wait for each other for ever).
// Transactions then use it on their own connections through Tx.StmtContext,
// which prepares it once per connection.
type stmtCache struct {
	db *sql.DB

	mu     sync.Mutex
	stmts  map[string]*sql.Stmt // nil while being prepared
	closed bool
}

// maxCachedStatements bounds the cache; the store's queries are far fewer,
// even counting those built for a filter or a number of rows.
const maxCachedStatements = 256

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}}
}

// get returns the prepared statement for query, or nil (and starts
// preparing it) when there is none yet.
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st, known := c.stmts[query]
	if known || c.closed || len(c.stmts) >= maxCachedStatements {
		return st
	}
	c.stmts[query] = nil
	go c.prepare(query)
	return nil
}

func (c *stmtCache) prepare(query string) {
	st, err := c.db.PrepareContext(context.Background(), query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		delete(c.stmts, query) // tried again on its next use
		return
	}
	if c.closed {
		st.Close()
		return
	}
	c.stmts[query] = st
}

// close closes every prepared statement; queries run unprepared after.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for _, st := range c.stmts {
		if st != nil {
			st.Close()
		}
	}
	c.stmts = nil
}
