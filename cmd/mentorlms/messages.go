package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"

	"mentorlms/db"
	"mentorlms/static"
	"mentorlms/web"
)

// Every line the command line prints for a person comes from the catalog (static/i18n/cli.*.json
// and the domains' files), in Czech where the system speaks Czech and in English otherwise. No
// Go error text and no path from inside the program reaches a person: an error that is not
// recognised reads as unexpected, and MENTORLMS_DEBUG=1 adds its text for whoever debugs it.

// catalog is loaded once per process; it is embedded, so it fails only in a broken build.
var catalog = sync.OnceValues(func() (*web.Catalog, error) { return web.LoadCatalog(static.Catalog) })

// language is the language of messages on the command line: Czech where the system speaks
// Czech, English otherwise. The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as
// in POSIX.
func language() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "cs") {
				return "cs"
			}
			return "en"
		}
	}
	return "en"
}

// messages returns the localizer of the command line's language.
func messages() (*web.Localizer, error) {
	c, err := catalog()
	if err != nil {
		return nil, err
	}
	return c.For(language()), nil
}

// usageError is a command typed wrongly: its messages are printed with a pointer to the
// command's help, and the exit status is 2.
type usageError struct{ msgs []web.Msg }

func (u *usageError) Error() string { return "usage: " + u.msgs[0].Key }

// misuse reports a command typed wrongly.
func misuse(key string, pairs ...any) error {
	return &usageError{msgs: []web.Msg{web.M(key, pairs...)}}
}

var (
	// errHelp ends a command whose help was asked for (exit status 0).
	errHelp = errors.New("help shown")
	// errReported ends a command that has printed why it failed already (exit status 1).
	errReported = errors.New("failure reported")
)

// flagNames are the flags of user add that the fields of a refused person come from, so that
// a message names what the person typed.
var flagNames = map[string]string{
	"email": "--email", "name": "--name", "roles": "--role", "region": "--region", "birth_date": "--birth-date",
	"birth_place": "--birth-place", "pms_centre": "--pms-centre", "password": "--password-stdin",
}

// describe turns an error into lines a person can act on.
func describe(l *web.Localizer, err error) string {
	if werr, ok := web.AsError(err); ok {
		s := l.Msg(werr.Msg)
		for _, f := range slices.Sorted(maps.Keys(werr.Fields)) {
			name := f
			if n, ok := flagNames[f]; ok {
				name = n
			}
			s += fmt.Sprintf("\n  %s: %s", name, l.Msg(werr.Fields[f]))
		}
		return s
	}
	if key := errorKey(err); key != "" {
		return l.T(key)
	}
	s := l.T("cli.error.unexpected")
	if os.Getenv("MENTORLMS_DEBUG") != "" {
		s += "\n  " + err.Error()
	}
	return s
}

// errorKey is the catalog key of an error of the system or the database that a person can do
// something about.
func errorKey(err error) string {
	switch {
	case errors.Is(err, context.Canceled):
		return "cli.error.interrupted"
	case errors.Is(err, db.ErrNoDatabase):
		return "cli.error.no_database"
	case errors.Is(err, os.ErrExist):
		return "cli.error.exists"
	case errors.Is(err, os.ErrNotExist):
		return "cli.error.not_exist"
	case errors.Is(err, os.ErrPermission):
		return "cli.error.permission"
	case errors.Is(err, syscall.ENOSPC):
		return "cli.error.disk_full"
	case errors.Is(err, syscall.EADDRINUSE):
		return "cli.error.addr_in_use"
	}
	if oe := (*net.OpError)(nil); errors.As(err, &oe) && oe.Op == "listen" {
		return "cli.error.listen"
	}
	if p := db.Trouble(err); p != "" {
		return "cli.error." + string(p)
	}
	return ""
}
