package db

import (
	"errors"

	"github.com/mattn/go-sqlite3"
)

// ErrNoDatabase is returned by OpenExisting for a path where no database file is.
var ErrNoDatabase = errors.New("no such database")

// Problem names what is wrong with a database file in terms a person can act on, so that
// callers outside this package need not know the driver's errors.
type Problem string

// The problems Trouble recognises.
const (
	ProblemBusy        Problem = "busy"         // another writer held the lock too long
	ProblemCorrupt     Problem = "corrupt"      // the file is damaged
	ProblemNotDatabase Problem = "not_database" // the file is something else
	ProblemReadOnly    Problem = "read_only"    // the file or its folder cannot be written
	ProblemFull        Problem = "full"         // the disk is full
	ProblemCantOpen    Problem = "cant_open"    // the file cannot be opened or created
)

// Trouble returns the problem err reports, or "" when it is none of them.
func Trouble(err error) Problem {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Code {
	case sqlite3.ErrBusy, sqlite3.ErrLocked:
		return ProblemBusy
	case sqlite3.ErrCorrupt:
		return ProblemCorrupt
	case sqlite3.ErrNotADB:
		return ProblemNotDatabase
	case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrAuth:
		return ProblemReadOnly
	case sqlite3.ErrFull:
		return ProblemFull
	case sqlite3.ErrCantOpen:
		return ProblemCantOpen
	}
	return ""
}
