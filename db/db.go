package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/mattn/go-sqlite3" // the SQLite driver, registered as "sqlite3"
)

// DB is the application's database: W is the only pool that writes, R the pool that reads.
//
// SQLite allows one writer at a time; a single writer connection turns contention into a queue
// inside Go instead of SQLITE_BUSY errors, and _txlock=immediate makes every write transaction
// take the write lock at BEGIN so that read-then-write logic (capacity, numbering) cannot
// interleave.
type DB struct {
	W    *Writer
	R    *sqlx.DB
	Path string
	gen  atomic.Uint64
}

// Open opens (creating if needed) the SQLite file at path and applies pending migrations.
func Open(ctx context.Context, path string) (*DB, error) {
	return open(ctx, path, true)
}

// OpenExisting opens the database at path without creating or migrating it: a tool that works
// on a live database (a backup) must neither invent an empty one from a mistyped path nor change
// the schema under a running server.
func OpenExisting(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("db: %s: %w", path, ErrNoDatabase)
	}
	return open(ctx, path, false)
}

func open(ctx context.Context, path string, migrate bool) (*DB, error) {
	mode := "rwc"
	if !migrate {
		mode = "rw"
	}
	w, err := sqlx.Open("sqlite3", dsn(path, mode, "immediate"))
	if err != nil {
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("db: open %s: %w", path, err)
	}
	if migrate {
		if err := Migrate(ctx, w.DB); err != nil {
			w.Close()
			return nil, err
		}
	}
	r, err := sqlx.Open("sqlite3", dsn(path, "ro", "deferred"))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("db: open %s for reading: %w", path, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	// Every reader stays open when idle, and with it the statements it has prepared.
	r.SetMaxIdleConns(max(4, runtime.NumCPU()))
	d := &DB{R: r, Path: path}
	d.W = &Writer{DB: w, gen: &d.gen}
	return d, nil
}

// dsn builds the connection string; the pragmas live here so that every connection of a pool
// gets them, not only the first one.
func dsn(path, mode, txlock string) string {
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", txlock)
	// Attendance and certificates are legal records: an acknowledged commit must survive power loss.
	q.Set("_synchronous", "FULL")
	// Each connection keeps its most recently used statements prepared: parsing and planning the same
	// SQL again was a fifth of a roster save.
	q.Set("_stmt_cache_size", "128")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close closes both pools.
func (d *DB) Close() error {
	return errors.Join(d.R.Close(), d.W.Close())
}

// Ping reports whether the database answers a query.
func (d *DB) Ping(ctx context.Context) error {
	var one int
	return d.R.GetContext(ctx, &one, "SELECT 1")
}

// Tx runs fn inside a write transaction, committing when fn returns nil and rolling back
// otherwise (also when fn panics, after which the panic continues).
func (d *DB) Tx(ctx context.Context, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := d.W.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	err = tx.Commit()
	d.gen.Add(1)
	if err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

// Querier is what both a pool and a transaction offer; store methods that may run either
// inside a caller's transaction or alone take it.
type Querier interface {
	sqlx.ExtContext
	GetContext(ctx context.Context, dest any, query string, args ...any) error
	SelectContext(ctx context.Context, dest any, query string, args ...any) error
	NamedExecContext(ctx context.Context, query string, arg any) (sql.Result, error)
}

// TimeLayout stores instants as fixed-width UTC text, so that comparing the text in SQL
// compares the instants (RFC 3339 with trimmed fractions would not: "…00.5Z" < "…00Z").
const TimeLayout = "2006-01-02T15:04:05.000000000Z"

// Stamp formats an instant for storage.
func Stamp(t time.Time) string { return t.UTC().Format(TimeLayout) }
