package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

func cmdMigrate(e *env, args []string) error {
	f := newFlags(e, "migrate")
	path := f.db()
	if err := f.parse(args); err != nil {
		return err
	}
	d, err := db.Open(e.ctx, *path) // Open applies pending migrations
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "mentorlms: %s is up to date\n", *path)
	return d.Close()
}

// multi collects a flag that may be repeated or comma-separated.
type multi []string

func (m *multi) String() string { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*m = append(*m, s)
		}
	}
	return nil
}

func cmdUser(e *env, args []string) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(e.stderr, "usage: mentorlms user add --email E --name N --role R [--region K] [--password-stdin]")
		return errUsage
	}
	f := newFlags(e, "user add")
	path := f.db()
	email := f.str("email", "", "e-mail, used to sign in")
	name := f.str("name", "", "full name")
	region := f.str("region", "", "region code, e.g. ULK")
	roles := f.list("role", "admin, coordinator, lecturer or trainee (repeatable)")
	pwStdin := f.boolean("password-stdin", "read the password from the first line of standard input")
	if err := f.parse(args[1:]); err != nil {
		return err
	}
	in := people.Input{Email: *email, Name: *name, Region: *region, Roles: *roles}
	if *pwStdin {
		pw, err := readLine(e.stdin)
		if err != nil {
			return err
		}
		if pw == "" {
			var f web.Fields
			f.Add("password", "person.password.required")
			return f.Err()
		}
		in.Password = pw
	}
	d, err := db.Open(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	p, err := people.NewService(d).Create(e.ctx, nil, in, e.now())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "mentorlms: created %s <%s> (id %d)\n", p.Name, p.Email, p.ID)
	if in.Password == "" {
		fmt.Fprintln(e.stdout, "mentorlms: no password was set, so this person cannot sign in yet")
	}
	return nil
}

// readLine reads the first line of r without its line ending.
func readLine(r io.Reader) (string, error) {
	s := bufio.NewScanner(r)
	if s.Scan() {
		return strings.TrimRight(s.Text(), "\r"), nil
	}
	return "", s.Err()
}

func cmdToken(e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(e.stderr, "usage: mentorlms token create --email E")
		return errUsage
	}
	f := newFlags(e, "token create")
	path := f.db()
	email := f.str("email", "", "e-mail of the person the token acts for")
	if err := f.parse(args[1:]); err != nil {
		return err
	}
	if *email == "" {
		fmt.Fprintln(e.stderr, "mentorlms token create: --email is required")
		return errUsage
	}
	d, err := db.OpenExisting(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	token, err := people.NewService(d).CreateToken(e.ctx, *email, e.now())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, token)
	return nil
}

func cmdDemo(e *env, args []string) error {
	f := newFlags(e, "demo")
	path := f.db()
	base := f.str("base-url", "http://localhost:8080", "public URL the demo certificates' verification links start with")
	issuer := f.issuer()
	if err := f.parse(args); err != nil {
		return err
	}
	certs, err := issuer.apply(*base)
	if err != nil {
		fmt.Fprintln(e.stderr, "mentorlms:", err)
		return errUsage
	}
	d, err := db.Open(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	return loadDemo(e.ctx, d, e.now(), certs, e.stdout)
}

func cmdBackup(e *env, args []string) error {
	f := newFlags(e, "backup")
	path := f.db()
	if err := f.parse(args); err != nil {
		return err
	}
	if f.NArg() != 1 {
		fmt.Fprintln(e.stderr, "usage: mentorlms backup [--db FILE] TARGET")
		return errUsage
	}
	d, err := db.OpenExisting(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := db.Backup(e.ctx, d, f.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "mentorlms: backed up %s to %s\n", *path, f.Arg(0))
	return nil
}

// loadDemo loads every domain's demo data, in the order the domains build on each other, and
// prints the demo sign-ins.
func loadDemo(ctx context.Context, d *db.DB, now time.Time, certs func(*certificates.Service), out io.Writer) error {
	logins, err := people.Demo(ctx, people.NewService(d), now)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := courses.Demo(ctx, courses.NewService(d), now); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	es := enrollment.NewService(d)
	if err := enrollment.Demo(ctx, es, now); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	cs := certificates.NewService(d, es)
	if certs != nil {
		certs(cs)
	}
	cs.Demo = true // the demo's certificates are samples, marked VZOR, whoever the issuer
	if err := certificates.Demo(ctx, cs, now); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintln(out, "mentorlms: demo data loaded. Sign in with (password "+people.DemoPassword+"):")
	for _, l := range logins {
		fmt.Fprintf(out, "  %-12s %s\n", l.Role, l.Email)
	}
	return nil
}

// offerSetup prints a one-time link to create the first administrator when nobody exists yet.
func offerSetup(ctx context.Context, d *db.DB, base string, now time.Time, out io.Writer) error {
	svc := people.NewService(d)
	n, err := svc.Store().Count(ctx)
	if err != nil || n > 0 {
		return err
	}
	token, err := svc.NewSetupLink(ctx, now)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "mentorlms: the database has no users yet. Within one hour, create the first administrator at\n  %s/setup/%s\n",
		base, token)
	return nil
}
