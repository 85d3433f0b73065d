package db_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// open opens path and closes it when the test ends.
func open(t *testing.T, path string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func count(t *testing.T, q sqlx.Queryer, query string, args ...any) int {
	t.Helper()
	var n int
	if err := sqlx.Get(q, &n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestOpenMigratesFreshFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh.db")
	d := open(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the file was not created: %v", err)
	}
	if n := count(t, d.R, `SELECT COUNT(*) FROM regions`); n != 14 {
		t.Errorf("regions = %d, want 14", n)
	}
	versions := count(t, d.R, `SELECT COUNT(*) FROM goose_db_version`)
	latest := count(t, d.R, `SELECT MAX(version_id) FROM goose_db_version`)
	if latest < 1 {
		t.Fatalf("latest migration = %d, want at least 1", latest)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}

	again := open(t, path)
	if n := count(t, again.R, `SELECT COUNT(*) FROM regions`); n != 14 {
		t.Errorf("after reopening regions = %d, want 14", n)
	}
	if n := count(t, again.R, `SELECT COUNT(*) FROM goose_db_version`); n != versions {
		t.Errorf("reopening recorded migrations again: %d rows, had %d", n, versions)
	}
	if n := count(t, again.R, `SELECT MAX(version_id) FROM goose_db_version`); n != latest {
		t.Errorf("latest migration after reopening = %d, want %d", n, latest)
	}
	if err := again.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestOpenPathNeedingEscapes(t *testing.T) {
	for _, name := range []string{"with space.db", "what?mode=ro.db", "hash#frag.db", "100%.db", "čeština.db"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "a dir")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, name)
			d := open(t, path)
			if _, err := d.W.Exec(`INSERT INTO settings (key, value) VALUES ('k', 'v')`); err != nil {
				t.Fatalf("writing: %v", err)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("the database is not at %q: %v", path, err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), name) {
					t.Errorf("stray file %q beside %q", e.Name(), name)
				}
			}
		})
	}
}

func TestWriterPragmas(t *testing.T) {
	d := open(t, filepath.Join(t.TempDir(), "p.db"))
	if got := d.W.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer MaxOpenConnections = %d, want 1", got)
	}
	tests := []struct {
		pragma string
		want   string
	}{
		{"foreign_keys", "1"},
		{"journal_mode", "wal"},
		{"synchronous", "2"}, // FULL
		{"busy_timeout", "10000"},
	}
	for _, tt := range tests {
		t.Run(tt.pragma, func(t *testing.T) {
			var got string
			if err := d.W.Get(&got, "PRAGMA "+tt.pragma); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("PRAGMA %s = %q, want %q", tt.pragma, got, tt.want)
			}
		})
	}
	t.Run("foreign key enforced", func(t *testing.T) {
		_, err := d.W.Exec(`INSERT INTO pms_centres (name, region_code) VALUES ('Nowhere', 'XXX')`)
		if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
			t.Errorf("insert with an unknown region: err = %v, want a FOREIGN KEY failure", err)
		}
	})
}

func TestReaderIsReadOnly(t *testing.T) {
	ctx := context.Background()
	d := open(t, filepath.Join(t.TempDir(), "r.db"))
	// Hold several connections at once so that the check covers more than the first one.
	var conns []*sqlx.Conn
	for i := 0; i < 4; i++ {
		c, err := d.R.Connx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		_, err := c.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, 'v')`, i)
		if err == nil || !strings.Contains(err.Error(), "readonly") {
			t.Errorf("connection %d: INSERT err = %v, want a read-only failure", i, err)
		}
		var fk int
		if err := c.GetContext(ctx, &fk, `PRAGMA foreign_keys`); err != nil || fk != 1 {
			t.Errorf("connection %d: PRAGMA foreign_keys = %d, %v; want 1", i, fk, err)
		}
		c.Close()
	}
	if n := count(t, d.W, `SELECT COUNT(*) FROM settings`); n != 0 {
		t.Errorf("settings has %d rows after writes through the reader, want 0", n)
	}
}

func newTable(t *testing.T, d *db.DB) {
	t.Helper()
	if _, err := d.W.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
}

func insert(v string) func(tx *sqlx.Tx) error {
	return func(tx *sqlx.Tx) error {
		_, err := tx.Exec(`INSERT INTO t (v) VALUES (?)`, v)
		return err
	}
}

func TestTx(t *testing.T) {
	ctx := context.Background()
	d := open(t, filepath.Join(t.TempDir(), "tx.db"))
	newTable(t, d)
	if err := d.Tx(ctx, insert("committed")); err != nil {
		t.Fatalf("Tx: %v", err)
	}

	t.Run("error rolls back", func(t *testing.T) {
		boom := errors.New("boom")
		err := d.Tx(ctx, func(tx *sqlx.Tx) error {
			if err := insert("after error")(tx); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("Tx = %v, want the error of fn", err)
		}
	})

	t.Run("panic rolls back and panics on", func(t *testing.T) {
		type marker struct{ s string }
		var got any
		func() {
			defer func() { got = recover() }()
			_ = d.Tx(ctx, func(tx *sqlx.Tx) error {
				if err := insert("after panic")(tx); err != nil {
					return err
				}
				panic(marker{"in fn"})
			})
		}()
		if got != (marker{"in fn"}) {
			t.Errorf("recovered %v, want the panic of fn", got)
		}
	})

	// The single writer connection must be free again, or this waits until the deadline.
	waitCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := d.Tx(waitCtx, insert("last")); err != nil {
		t.Fatalf("Tx after a rollback: %v", err)
	}
	var got []string
	if err := d.R.Select(&got, `SELECT v FROM t ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, ",") != "committed,last" {
		t.Errorf("rows = %v, want [committed last]", got)
	}
}

func TestSecret(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	d := open(t, path)
	first, err := d.Secret(ctx, "csrf")
	if err != nil {
		t.Fatal(err)
	}
	second, err := d.Secret(ctx, "csrf")
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 32 {
		t.Errorf("len(secret) = %d, want 32", len(first))
	}
	if !bytes.Equal(first, second) {
		t.Errorf("Secret changed between calls: %x then %x", first, second)
	}
	if bytes.Equal(first, make([]byte, 32)) {
		t.Error("the secret is all zeros")
	}
	other, err := d.Secret(ctx, "other")
	if err != nil || bytes.Equal(other, first) {
		t.Errorf("Secret(other) = %x, %v; want a different secret", other, err)
	}
	d.Close()
	reopened, err := open(t, path).Secret(ctx, "csrf")
	if err != nil || !bytes.Equal(reopened, first) {
		t.Errorf("after reopening Secret = %x, %v; want %x", reopened, err, first)
	}
}
