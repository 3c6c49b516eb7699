package postgres

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The store's own parameters of a connection string. They are taken out
// before the string reaches the driver, which would otherwise send them to
// the server as settings it does not know.
const (
	// ParamPooler says what stands between the store and the server:
	// "none" (the default, or a pooler in session mode) or "transaction"
	// (a pooler such as PgBouncer in transaction mode, which may give each
	// transaction another server connection: the store then keeps no named
	// prepared statement on the server).
	ParamPooler = "eni_pooler"
	// ParamMaxConns bounds the connections one provider process opens.
	ParamMaxConns = "eni_max_conns"
	// ParamLocks says what a writer locks: "vpc" (the default: the VPC it
	// touches, or the whole region when it touches more) or "region"
	// (always the whole region, one writer at a time, as stores before
	// VPC locks did; for comparison).
	ParamLocks = "eni_locks"
)

// DefaultMaxConns is how many connections a provider process opens at most
// when the string does not say: enough for a CLI's parallel requests,
// few enough that dozens of CLIs fit a server's max_connections.
const DefaultMaxConns = 4

// maxMaxConns is the most eni_max_conns accepts: more connections than this
// from one process only crowd the server.
const maxMaxConns = 64

// Poolers the store knows how to work behind.
const (
	PoolerNone        = "none"
	PoolerTransaction = "transaction"
)

// params are the store's own settings from a connection string.
type params struct {
	pooler      string
	maxConns    int
	regionLocks bool
}

// splitParams takes the store's own parameters out of a connection string,
// returning what remains for the driver. An unknown eni_ parameter or a bad
// value is refused; the message quotes only the parameter, never the rest.
func splitParams(connString string) (string, params, error) {
	p := params{pooler: PoolerNone, maxConns: DefaultMaxConns}
	var errs []string
	take := func(key, value string) {
		if err := p.set(strings.ToLower(key), value); err != nil {
			errs = append(errs, err.Error())
		}
	}
	var rest string
	if IsURL(connString) {
		rest = splitQuery(connString, take)
	} else {
		rest = splitKeywords(connString, take)
	}
	if len(errs) > 0 {
		return "", params{}, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return rest, p, nil
}

// splitQuery hands each eni_ parameter of a URL's query to take and
// returns the URL without them. The rest of the URL is left byte for byte.
func splitQuery(u string, take func(key, value string)) string {
	base, query, found := strings.Cut(u, "?")
	if !found {
		return u
	}
	var kept []string
	for _, pair := range strings.Split(query, "&") {
		key, value, _ := strings.Cut(pair, "=")
		if len(key) > 4 && strings.EqualFold(key[:4], "eni_") {
			take(key, value)
			continue
		}
		if pair != "" {
			kept = append(kept, pair)
		}
	}
	if len(kept) == 0 {
		return base
	}
	return base + "?" + strings.Join(kept, "&")
}

// splitKeywords hands each eni_ pair of a keyword/value string to take and
// returns the string without them. It reads values as libpq does (quoted
// with ' and \ escapes, or up to a space), so that nothing inside a quoted
// password is taken for a pair.
func splitKeywords(s string, take func(key, value string)) string {
	var kept strings.Builder
	for i := 0; i < len(s); {
		start := i
		for i < len(s) && s[i] != '=' && !isSpace(s[i]) {
			i++
		}
		key := s[start:i]
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) || s[i] != '=' || key == "" {
			kept.WriteString(s[start:i]) // not a pair: the driver will say so
			if i < len(s) && !isSpace(s[i]) && s[i] != '=' {
				continue
			}
			if i < len(s) {
				kept.WriteByte(s[i])
				i++
			}
			continue
		}
		i++ // the =
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		valueStart := i
		i = valueEnd(s, i)
		own := len(key) > 4 && strings.EqualFold(key[:4], "eni_")
		if own {
			take(key, s[valueStart:i])
		} else {
			kept.WriteString(s[start:i])
		}
		for i < len(s) && isSpace(s[i]) {
			if !own {
				kept.WriteByte(s[i])
			}
			i++
		}
	}
	return strings.TrimSpace(kept.String())
}

// valueEnd finds where the value starting at i ends.
func valueEnd(s string, i int) int {
	if i < len(s) && s[i] == '\'' {
		for i++; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '\'':
				return i + 1
			}
		}
		return len(s)
	}
	for ; i < len(s) && !isSpace(s[i]); i++ {
		if s[i] == '\\' {
			i++
		}
	}
	return min(i, len(s))
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// set takes one of the store's parameters.
func (p *params) set(key, value string) error {
	switch key {
	case ParamPooler:
		switch strings.ToLower(value) {
		case PoolerNone, "session":
			p.pooler = PoolerNone
		case PoolerTransaction:
			p.pooler = PoolerTransaction
		case "statement":
			return fmt.Errorf("%s=statement: a pooler in statement mode cannot run the store's transactions; "+
				"set its pool_mode to transaction and write %s=%s", ParamPooler, ParamPooler, PoolerTransaction)
		default:
			return fmt.Errorf("%s must be one of %s, %s", ParamPooler, PoolerNone, PoolerTransaction)
		}
	case ParamLocks:
		switch strings.ToLower(value) {
		case "vpc":
			p.regionLocks = false
		case "region":
			p.regionLocks = true
		default:
			return fmt.Errorf("%s must be one of vpc, region", ParamLocks)
		}
	case ParamMaxConns:
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > maxMaxConns {
			return fmt.Errorf("%s must be a whole number from 1 to %d", ParamMaxConns, maxMaxConns)
		}
		p.maxConns = n
	default:
		return fmt.Errorf("%s is not a parameter of the store; it knows %s, %s and %s", shownParamName(key), ParamPooler, ParamMaxConns, ParamLocks)
	}
	return nil
}

// shownParamName is how a message shows the name of an unknown eni_
// parameter: as written when it looks like one, else masked, since a
// mangled string may have joined a password to it. Values are never shown:
// a refused value may be a password that lost its key.
func shownParamName(key string) string {
	if !paramName.MatchString(key) {
		return "eni_…"
	}
	return key
}

var paramName = regexp.MustCompile(`^eni_[a-z_]{1,30}$`)
