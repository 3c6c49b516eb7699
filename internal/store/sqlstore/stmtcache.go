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

	// preparing counts the prepares under way. Each holds a connection
	// that db.Close, which closes only idle ones, would leave open (and
	// the file locked) until the prepare ends: close waits for them.
	preparing sync.WaitGroup
	// prepareCtx ends, when the cache closes, the prepares still waiting
	// for a connection.
	prepareCtx    context.Context
	stopPreparing context.CancelFunc

	mu     sync.Mutex
	stmts  map[string]*sql.Stmt // nil while being prepared
	closed bool
}

// maxCachedStatements bounds the cache; the store's queries are far fewer,
// even counting those built for a filter or a number of rows.
const maxCachedStatements = 256

func newStmtCache(db *sql.DB) *stmtCache {
	ctx, cancel := context.WithCancel(context.Background())
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, prepareCtx: ctx, stopPreparing: cancel}
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
	c.preparing.Add(1) // under mu, so never after close has begun to wait
	go c.prepare(query)
	return nil
}

func (c *stmtCache) prepare(query string) {
	defer c.preparing.Done()
	st, err := c.db.PrepareContext(c.prepareCtx, query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		delete(c.stmts, query) // tried again on its next use
		return
	}
	c.stmts[query] = st // closed by close, which waits for this prepare
}

// close waits for the prepares under way, so that every connection is back
// in the pool for db.Close, and closes every prepared statement; queries
// run unprepared after.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.stopPreparing()
	c.preparing.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		if st != nil {
			st.Close()
		}
	}
	c.stmts = nil
}
