// Package db owns the SQLite database: opening it with the right pragmas as a single-connection
// writer pool and a read-only reader pool, applying the embedded migrations, running
// transactions, installation settings and consistent backups of a live database.
package db
