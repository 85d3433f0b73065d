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
// path, which is synced (VACUUM INTO does not sync) and then linked to path: a crash never
// leaves a half-written backup under the real name, and an existing file is never replaced.
func Backup(ctx context.Context, d *DB, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("db: backup: %s: %w", path, os.ErrExist)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".backup-*.db")
	if err != nil {
		return fmt.Errorf("db: backup: %w", err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpName)
	if _, err := d.R.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("db: backup: %w", err)
	}
	if err := syncPath(tmpName); err != nil {
		return fmt.Errorf("db: backup: %w", err)
	}
	if err := os.Link(tmpName, path); err != nil {
		return fmt.Errorf("db: backup: %w", err)
	}
	return syncPath(dir)
}

// syncPath flushes a file or a directory to stable storage.
func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	return errors.Join(f.Sync(), f.Close())
}
