// Package migrations holds the numbered SQL migrations, embedded into the binary so that a
// fresh database is created and brought up to date by the program itself.
package migrations

import "embed"

// FS holds every NNNN_name.sql file of this directory.
//
//go:embed *.sql
var FS embed.FS
