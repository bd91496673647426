package goengine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"math"

	"github.com/mattn/go-sqlite3"
)

// driverName is go-sqlite3 with a statement counter on each connection, for INFO's
// sqlite_statements: every statement run (a prepared query's execution, BEGIN, COMMIT)
// counts one, without a wrapper per query.
const driverName = "sqlite3-counted"

func init() { sql.Register(driverName, countingDriver{}) }

type countingDriver struct{}

func (countingDriver) Open(name string) (driver.Conn, error) {
	c, err := (&sqlite3.SQLiteDriver{}).Open(name)
	if err != nil {
		return nil, err
	}
	cc := &countingConn{SQLiteConn: c.(*sqlite3.SQLiteConn)}
	// The SQL functions the named queries may call, as the Rust engine registers them
	// (rust/src/sql_functions.rs): same behaviour, same error texts.
	if err := cc.RegisterFunc("sqlettuce_incr", cc.incr, false); err != nil {
		cc.Close()
		return nil, err
	}
	return cc, nil
}

// countingConn is a go-sqlite3 connection (every method of it promoted) that counts the
// statements it runs. database/sql uses a connection from one goroutine at a time, and
// the engine reads the count from the goroutine that ran them.
type countingConn struct {
	*sqlite3.SQLiteConn
	n int64
	// lastIncr is the value the last sqlettuce_incr call on this connection produced:
	// the engine reads it right after the statement (no RETURNING, which costs a
	// temporary table per call).
	lastIncr int64
}

// sqlettuce_incr's error texts, the Rust engine's: the failed statement's message.
const (
	incrNotInteger = "sqlettuce_incr: not an integer"
	incrOverflow   = "sqlettuce_incr: overflow"
)

// incr is sqlettuce_incr(value, increment): value read as Redis's string2ll does, plus
// the increment, as the decimal bytes INCR stores; an error (and so nothing written) for
// a value that is not an integer or a sum outside 64 bits.
func (c *countingConn) incr(value []byte, by int64) ([]byte, error) {
	old, err := parseInt(value)
	if err != nil {
		return nil, errors.New(incrNotInteger)
	}
	if (by < 0 && old < 0 && by < math.MinInt64-old) || (by > 0 && old > 0 && by > math.MaxInt64-old) {
		return nil, errors.New(incrOverflow)
	}
	c.lastIncr = old + by
	return appendInt(nil, c.lastIncr), nil
}

// take returns the statements run since the last take.
func (c *countingConn) take() int64 {
	n := c.n
	c.n = 0
	return n
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.n++
	return c.SQLiteConn.ExecContext(ctx, query, args)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.n++
	return c.SQLiteConn.QueryContext(ctx, query, args)
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.SQLiteConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &countingStmt{SQLiteStmt: s.(*sqlite3.SQLiteStmt), n: &c.n}, nil
}

func (c *countingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// countingStmt is a prepared statement counting its runs on its connection's counter.
type countingStmt struct {
	*sqlite3.SQLiteStmt
	n *int64
}

func (s *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	*s.n++
	return s.SQLiteStmt.ExecContext(ctx, args)
}

func (s *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	*s.n++
	return s.SQLiteStmt.QueryContext(ctx, args)
}

// counter returns the statement counter of c's driver connection.
func counter(ctx context.Context, c *sql.Conn) (*countingConn, error) {
	var cc *countingConn
	err := c.Raw(func(dc any) error {
		cc = dc.(*countingConn)
		return nil
	})
	return cc, err
}
