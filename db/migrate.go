package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"mentorlms/migrations"
)

// Migrate applies every pending migration, each in its own transaction.
func Migrate(ctx context.Context, conn *sql.DB) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, conn, migrations.FS)
	if err != nil {
		return fmt.Errorf("db: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("db: migrate: %w", err)
	}
	return nil
}
