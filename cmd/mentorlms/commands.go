package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"mentorlms/certificates"
	"mentorlms/cmd/internal/wire"
	"mentorlms/db"
	"mentorlms/people"
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

// cmdToken makes, lists and revokes API tokens: token create|list|revoke.
func cmdToken(e *env, args []string) error {
	f := newFlags(e, "token")
	path := f.db()
	email := f.str("email", "", "cli.arg.email", "cli.flag.token_email")
	name := f.str("name", "", "cli.arg.name", "cli.flag.token_name")
	expires := f.str("expires", "", "cli.arg.date", "cli.flag.token_expires")
	if err := f.parse(args); err != nil {
		return err
	}
	if len(f.pos) == 0 {
		return misuse("cli.token.sub")
	}
	action := f.pos[0]
	f.pos = f.pos[1:]
	var id int64
	switch action {
	case "create", "list":
		if err := f.expect(0, ""); err != nil {
			return err
		}
	case "revoke":
		if err := f.expect(1, "cli.token.id"); err != nil {
			return err
		}
		n, err := strconv.ParseInt(f.pos[0], 10, 64)
		if err != nil || n <= 0 {
			return misuse("cli.token.id_bad", "Value", f.pos[0])
		}
		id = n
	default:
		return misuse("cli.token.sub")
	}
	if action == "create" && *email == "" {
		return misuse("cli.token.email")
	}
	if action == "create" && strings.TrimSpace(*name) == "" {
		return misuse("cli.token.name")
	}
	d, err := db.OpenExisting(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	svc := people.NewService(d)
	switch action {
	case "create":
		token, err := svc.CreateToken(e.ctx, *email, people.TokenInput{Name: *name, Expires: *expires}, e.now())
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, token)
	case "list":
		list, err := svc.AllTokens(e.ctx, *email)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, e.l.T("cli.token.columns"))
		for _, t := range list {
			last, until := "—", "—"
			if t.LastUsedAt != nil {
				last = e.l.DateTime(*t.LastUsedAt)
			}
			if day := t.LastDay(); day != "" {
				until = e.l.Date(day)
			}
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Email, t.Name, e.l.Date(t.CreatedAt), until, last)
		}
		return w.Flush()
	case "revoke":
		if err := svc.RevokeToken(e.ctx, nil, id, e.now()); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, "mentorlms:", e.l.T("cli.token.revoked", "ID", id))
	}
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

// loadDemo loads every domain's demo data and prints the demo sign-ins.
func loadDemo(ctx context.Context, d *db.DB, now time.Time, certs func(*certificates.Service), out io.Writer) error {
	logins, err := wire.Demo(ctx, d, now, certs)
	if err != nil {
		return err
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
