package db

import (
	"context"
	"database/sql"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
)

// Writer is the pool that writes. It counts the writes that have returned, so that whatever is
// kept in memory from the database can tell that it may be stale (see DB.Generation).
//
// The count goes up after the statement (or, in Tx, the commit) has returned, never before:
// a reader that sees the new count is sure to see the new rows. Statements run inside a
// transaction are counted once, at its commit; transactions are begun through DB.Tx, never on
// the writer itself, whose own Begin would not be counted. Only the methods Writer defines
// count; the ones it inherits from sqlx.DB (QueryxContext, QueryRowxContext, Begin*, Prepare*,
// MustExec, NamedExec) do not, and are not used to write.
type Writer struct {
	*sqlx.DB
	gen *atomic.Uint64
}

// ExecContext runs a statement outside any transaction and counts it.
func (w *Writer) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	defer w.gen.Add(1)
	return w.DB.ExecContext(ctx, query, args...)
}

// Exec runs a statement outside any transaction and counts it.
func (w *Writer) Exec(query string, args ...any) (sql.Result, error) {
	defer w.gen.Add(1)
	return w.DB.Exec(query, args...)
}

// NamedExecContext runs a named statement outside any transaction and counts it.
func (w *Writer) NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error) {
	defer w.gen.Add(1)
	return w.DB.NamedExecContext(ctx, query, arg)
}

// GetContext reads through the writer and counts it: a statement with RETURNING writes too.
func (w *Writer) GetContext(ctx context.Context, dest any, query string, args ...any) error {
	defer w.gen.Add(1)
	return w.DB.GetContext(ctx, dest, query, args...)
}

// SelectContext reads through the writer and counts it, as GetContext does.
func (w *Writer) SelectContext(ctx context.Context, dest any, query string, args ...any) error {
	defer w.gen.Add(1)
	return w.DB.SelectContext(ctx, dest, query, args...)
}

// Generation is a number that changes whenever a write of this process has returned. A value
// computed from the database at one generation is still true while the generation is the same,
// as far as this process knows: another process writing the same file (a command-line tool
// beside the server) is not counted, so whoever keeps values should also keep them briefly.
func (d *DB) Generation() uint64 { return d.gen.Load() }
