package postgres

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// ReconnectWait bounds how long a call whose connection broke waits for a
// server that takes writes: long enough for a standby to be promoted by
// hand or by a failover manager, short enough that an apply against a
// server that is gone for good still ends.
const ReconnectWait = 30 * time.Second

// Error codes of a server ending its connections.
const (
	codeAdminShutdown = "57P01" // shut down, or the backend terminated
	codeCrashShutdown = "57P02" // another backend crashed
	codeCannotConnect = "57P03" // starting up, shutting down or in recovery
)

// isConnectionLost reports whether err means the connection in use broke:
// the socket closed or failed under it, or the server ended it. A server
// that is stopped immediately, or crashes, gives these.
func isConnectionLost(err error) bool {
	if isUnreachable(err) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "08") || // connection exception
			pgErr.Code == codeAdminShutdown || pgErr.Code == codeCrashShutdown || pgErr.Code == codeCannotConnect
	}
	var netErr *net.OpError
	return errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, driver.ErrBadConn)
}

// isUnreachable reports whether err means no server the string names took
// a new connection that can write (target_session_attrs=read-write turns a
// standby away).
func isUnreachable(err error) bool {
	var connectErr *pgconn.ConnectError
	return errors.As(err, &connectErr)
}
