package db

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path while others keep writing.
//
// VACUUM INTO reads the database inside one read transaction, so the copy is a snapshot that
// holds every transaction committed before it started. It writes to a temporary file beside
// path first and renames it, so a crash never leaves a half-written backup under the real name.
func Backup(ctx context.Context, d *DB, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("db: backup: %s already exists", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".backup-*.db")
	if err != nil {
		return fmt.Errorf("db: backup: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	os.Remove(tmpName) // VACUUM INTO refuses an existing non-empty file; it wants to create it.
	if _, err := d.R.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		os.Remove(tmpName)
		return fmt.Errorf("db: backup: %w", err)
	}
	if err := os.Rename(tmpName, path); err != nil {
		return errors.Join(fmt.Errorf("db: backup: %w", err), os.Remove(tmpName))
	}
	return nil
}
