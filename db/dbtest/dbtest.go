// Package dbtest gives tests a real, migrated SQLite database in a temporary directory.
package dbtest

import (
	"context"
	"path/filepath"
	"testing"

	"mentorlms/db"
)

// Open returns a fresh migrated database that is closed when the test ends.
func Open(t testing.TB) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
