package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/jmoiron/sqlx"
)

// Every write moves the generation once it has returned, and a reader that sees the new
// generation sees the write.
func TestGeneration(t *testing.T) {
	d := open(t, filepath.Join(t.TempDir(), "gen.db"))
	newTable(t, d)
	ctx := context.Background()
	steps := []struct {
		name  string
		write func() error
		rows  int
		moves bool
	}{
		{"ExecContext", func() error {
			_, err := d.W.ExecContext(ctx, `INSERT INTO t (v) VALUES ('a')`)
			return err
		}, 1, true},
		{"Exec", func() error { _, err := d.W.Exec(`INSERT INTO t (v) VALUES ('b')`); return err }, 2, true},
		{"NamedExecContext", func() error {
			_, err := d.W.NamedExecContext(ctx, `INSERT INTO t (v) VALUES (:v)`, map[string]any{"v": "c"})
			return err
		}, 3, true},
		{"Tx", func() error { return d.Tx(ctx, insert("d")) }, 4, true},
		{"a Tx that fails", func() error {
			err := d.Tx(ctx, func(tx *sqlx.Tx) error {
				_ = insert("e")(tx)
				return errors.New("no")
			})
			if err == nil {
				return errors.New("the failing Tx returned nil")
			}
			return nil
		}, 4, false}, // nothing was written

	}
	for _, s := range steps {
		before := d.Generation()
		if err := s.write(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if moved := d.Generation() != before; moved != s.moves {
			t.Errorf("%s: the generation moved %v, want %v", s.name, moved, s.moves)
		}
		if n := count(t, d.R, `SELECT COUNT(*) FROM t`); n != s.rows {
			t.Errorf("%s: a reader sees %d rows, want %d", s.name, n, s.rows)
		}
	}
	before := d.Generation()
	count(t, d.R, `SELECT COUNT(*) FROM t`)
	if d.Generation() != before {
		t.Error("a read moved the generation")
	}
}

// The generation moves after a write has returned, never before: a reader that has seen the
// generation of the k-th write sees at least k rows, whenever it looks (run with -race).
func TestGenerationFollowsTheWrite(t *testing.T) {
	d := open(t, filepath.Join(t.TempDir(), "order.db"))
	newTable(t, d)
	ctx := context.Background()
	g0 := d.Generation()
	const writes = 300
	done := make(chan struct{})
	var stop atomic.Bool
	defer func() { stop.Store(true); <-done }() // the writer ends before the test does
	go func() {
		defer close(done)
		for i := 0; i < writes && !stop.Load(); i++ {
			var err error
			if i%2 == 0 {
				_, err = d.W.ExecContext(ctx, `INSERT INTO t (v) VALUES ('w')`)
			} else {
				err = d.Tx(ctx, insert("tx"))
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for checks := 0; ; checks++ {
		select {
		case <-done:
			if checks == 0 {
				t.Fatal("no check ran while writing")
			}
			return
		default:
		}
		seen := d.Generation() - g0
		if n := count(t, d.R, `SELECT COUNT(*) FROM t`); uint64(n) < seen {
			t.Fatalf("the generation had moved %d times, a reader then saw %d rows", seen, n)
		}
	}
}
