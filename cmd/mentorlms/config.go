package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"mentorlms/static"
	"mentorlms/web"
)

// env is what a command runs with.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	catalog        *web.Catalog
	clock          func() time.Time
}

var errUsage = errors.New("usage")

// command is one subcommand.
type command struct {
	summary string
	run     func(e *env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"serve":   {"start the web server (the default)", cmdServe},
		"migrate": {"apply pending database migrations and exit", cmdMigrate},
		"user":    {"user add --email E --name N --role R [--region K] [--password-stdin]: create a person", cmdUser},
		"token":   {"token create --email E: print a new API token once", cmdToken},
		"demo":    {"load the demo data (a second run adds nothing)", cmdDemo},
		"backup":  {"backup FILE: write a consistent copy of the live database", cmdBackup},
		"help":    {"list the commands and their flags", func(e *env, _ []string) error { usage(e.stdout); return nil }},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `mentorlms: training and accreditation of community mentors

Usage: mentorlms [command] [flags]

Every flag falls back to an environment variable MENTORLMS_<FLAG>, e.g. MENTORLMS_DB or
MENTORLMS_BASE_URL; a flag given on the command line wins.

Commands:
  serve      start the web server (the default)
               --addr      listen address (MENTORLMS_ADDR, default :8080)
               --db        SQLite file (MENTORLMS_DB, default ./mentorlms.db)
               --base-url  public URL for links (MENTORLMS_BASE_URL, default http://localhost:8080)
               --demo      load demo data before serving (MENTORLMS_DEMO)
               --record-max-age  days a criminal-record extract may be old on the day an
                           enrolment is approved (MENTORLMS_RECORD_MAX_AGE, default 90)
               --trusted-proxies  reverse proxies (addresses or CIDRs, comma-separated) whose
                           X-Forwarded-For/-Proto are believed (MENTORLMS_TRUSTED_PROXIES)
               --issuer-name, --issuer-address, --issuer-ico, --issuer-place,
               --issuer-signatory  the organisation printed on certificates
                           (MENTORLMS_ISSUER_NAME, …); until name, address, IČO and
                           signatory are set no certificate is issued, except in the
                           demo, whose certificates are marked VZOR (sample)
               --certificate-number  how numbers read (MENTORLMS_CERTIFICATE_NUMBER,
                           default {series}/{year}/{seq:4}: RM/2026/0042, S/2026/0007)
  migrate    apply pending database migrations and exit            [--db]
  user add   create a person                                          [--db]
               --email E --name N --role R (repeat or comma-separate) [--region CODE]
               [--password-stdin: read the password from the first line of standard input]
  token create --email E   print a new API token once (only its hash is stored)  [--db]
  demo       load the demo data into the database (idempotent)     [--db]
               [--base-url and the issuer flags, for the demo's certificates,
                which are marked VZOR (sample)]
  backup FILE  write a consistent copy of the database while the server runs  [--db]
  help       show this text

Region codes: PHA STC JHC PLK KVK ULK LBK HKK PAK VYS JHM OLK ZLK MSK
`)
}

// flags makes a flag set for a command whose defaults come from MENTORLMS_* variables.
type flags struct {
	*flag.FlagSet
	envErr []string // environment values that could not be read
}

func newFlags(e *env, name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { usage(e.stderr) }
	return &flags{FlagSet: fs}
}

// envName is the environment fallback of a flag: --base-url → MENTORLMS_BASE_URL.
func envName(flagName string) string {
	return "MENTORLMS_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (f *flags) str(name, def, help string) *string {
	if v, ok := os.LookupEnv(envName(name)); ok {
		def = v
	}
	return f.String(name, def, help+" ("+envName(name)+")")
}

func (f *flags) boolean(name string, help string) *bool {
	def := false
	if v, ok := os.LookupEnv(envName(name)); ok && v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			// A typo in the environment must not quietly mean "false".
			f.envErr = append(f.envErr, fmt.Sprintf("%s=%q is not true or false", envName(name), v))
		}
		def = b
	}
	return f.Bool(name, def, help+" ("+envName(name)+")")
}

// integer is a whole-number flag; a value in the environment that is not one is refused.
func (f *flags) integer(name string, def int, help string) *int {
	if v, ok := os.LookupEnv(envName(name)); ok && v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.envErr = append(f.envErr, fmt.Sprintf("%s=%q is not a whole number", envName(name), v))
		}
		def = n
	}
	return f.Int(name, def, help+" ("+envName(name)+")")
}

// list is a flag that may be repeated or comma-separated; its fallback is a comma list.
func (f *flags) list(name, help string) *multi {
	m := &multi{}
	if v, ok := os.LookupEnv(envName(name)); ok {
		_ = m.Set(v)
	}
	f.Var(&fallbackList{m: m, fromEnv: len(*m) > 0}, name, help+" ("+envName(name)+")")
	return m
}

// fallbackList replaces the environment's values the first time the flag is given.
type fallbackList struct {
	m       *multi
	fromEnv bool
}

func (l *fallbackList) String() string {
	if l == nil || l.m == nil {
		return ""
	}
	return l.m.String()
}

func (l *fallbackList) Set(v string) error {
	if l.fromEnv {
		*l.m, l.fromEnv = nil, false
	}
	return l.m.Set(v)
}

func (f *flags) db() *string { return f.str("db", "./mentorlms.db", "SQLite database file") }

func (f *flags) parse(args []string) error {
	for _, e := range f.envErr {
		fmt.Fprintln(f.Output(), "mentorlms:", e)
	}
	if err := f.Parse(args); err != nil || len(f.envErr) > 0 {
		return errUsage
	}
	return nil
}

// lang is the language of messages on the command line: Czech where the system speaks Czech,
// English otherwise.
func (e *env) lang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(s, "cs") {
				return "cs"
			}
			return "en"
		}
	}
	return "en"
}

// describe turns an error into a line a person can act on, translating coded errors.
func (e *env) describe(err error) string {
	werr, ok := web.AsError(err)
	if !ok {
		return err.Error()
	}
	if e.catalog == nil {
		c, cerr := web.LoadCatalog(static.Catalog)
		if cerr != nil {
			return err.Error()
		}
		e.catalog = c
	}
	l := e.catalog.For(e.lang())
	s := l.Msg(werr.Msg)
	for f, m := range werr.Fields {
		s += fmt.Sprintf("\n  %s: %s", f, l.Msg(m))
	}
	return s
}

func (e *env) now() time.Time {
	if e.clock != nil {
		return e.clock()
	}
	return time.Now()
}
