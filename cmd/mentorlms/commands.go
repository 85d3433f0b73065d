package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/supervision"
	"mentorlms/web"
)

func cmdMigrate(e *env, args []string) error {
	f := newFlags(e, "migrate")
	path := f.db()
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	d, err := db.Open(e.ctx, *path) // Open applies pending migrations
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.migrate.done", "Path", *path))
	return d.Close()
}

func cmdUser(e *env, args []string) error {
	f := newFlags(e, "user")
	path := f.db()
	email := f.str("email", "", "cli.arg.email", "cli.flag.email")
	name := f.str("name", "", "cli.arg.name", "cli.flag.name")
	roles := f.list("role", "cli.arg.roles", "cli.flag.role")
	region := f.str("region", "", "cli.arg.code", "cli.flag.region")
	birthDate := f.str("birth-date", "", "cli.arg.date", "cli.flag.birth_date")
	birthPlace := f.str("birth-place", "", "cli.arg.text", "cli.flag.birth_place")
	centre := f.str("pms-centre", "", "cli.arg.text", "cli.flag.pms_centre")
	pwStdin := f.boolean("password-stdin", "cli.flag.password_stdin")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.sub("add"); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	in := people.Input{Email: *email, Name: *name, Region: *region, Roles: *roles, BirthDate: *birthDate,
		BirthPlace: *birthPlace, PMSCentre: *centre}
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
	fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.user.created", "Name", p.Name, "Email", p.Email, "ID", p.ID))
	if in.Password == "" {
		fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.user.no_password"))
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
	f := newFlags(e, "token")
	path := f.db()
	email := f.str("email", "", "cli.arg.email", "cli.flag.token_email")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.sub("create"); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	if *email == "" {
		return misuse("cli.token.email")
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
	base := f.str("base-url", "http://localhost:8080", "cli.arg.url", "cli.flag.base_url_demo")
	issuer := f.issuer()
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	certs, err := issuer.apply(*base)
	if err != nil {
		return err
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
	if err := f.expect(1, "cli.backup.target"); err != nil {
		return err
	}
	target := f.pos[0]
	d, err := db.OpenExisting(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := db.Backup(e.ctx, d, target); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.backup.done", "Path", *path, "Target", target))
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
	as := attendance.NewService(d, enrollment.NewService(d))
	if err := attendance.Demo(ctx, as, now); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	cs := certificates.NewService(d, as)
	if certs != nil {
		certs(cs)
	}
	cs.Demo = true // the demo's certificates are samples, marked VZOR, whoever the issuer
	if err := certificates.Demo(ctx, cs, now); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	sup := supervision.NewService(d)
	for _, load := range []func(context.Context, *supervision.Service, time.Time) error{
		supervision.DemoMeetings, supervision.DemoStatuses, supervision.DemoEvaluations, supervision.DemoEducation,
	} {
		if err := load(ctx, sup, now); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	l, err := messages()
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "mentorlms:", l.T("cli.demo.loaded", "Password", people.DemoPassword))
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
	l, err := messages()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "mentorlms: %s\n  %s/setup/%s\n", l.T("cli.setup.link"), base, token)
	return nil
}
