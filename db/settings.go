package db

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Secret returns the installation's random secret stored under name, creating it on first use.
// Secrets live in the database so that they survive restarts and travel with backups.
func (d *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	// INSERT OR IGNORE keeps the first secret when two processes start at once.
	if _, err := d.W.ExecContext(ctx,
		`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		"secret:"+name, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("db: secret %s: %w", name, err)
	}
	var v string
	if err := d.W.GetContext(ctx, &v, `SELECT value FROM settings WHERE key = ?`, "secret:"+name); err != nil {
		return nil, fmt.Errorf("db: secret %s: %w", name, err)
	}
	return hex.DecodeString(v)
}
