package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// TestCLIUserAddTrainee: a trainee can be created from the command line, with the date and
// place of birth and the PMS centre that the README promises.
func TestCLIUserAddTrainee(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	path := filepath.Join(t.TempDir(), "cli.db")
	code, out, errOut := runCLI(t, "", "user", "add", "--db", path, "--email", "Petr.Horvath@Test.cz",
		"--name", "Petr Horváth", "--role", "trainee", "--region", "ulk", "--birth-date", "1990-03-01",
		"--birth-place", "Děčín", "--pms-centre", "Děčín")
	if code != 0 || !strings.Contains(out, "Založena osoba Petr Horváth <petr.horvath@test.cz>") ||
		!strings.Contains(out, "nemůže přihlásit") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	p, err := people.NewStore(d).ByEmail(context.Background(), d.R, "petr.horvath@test.cz")
	if err != nil {
		t.Fatal(err)
	}
	if p.BirthDate != "1990-03-01" || p.BirthPlace != "Děčín" || p.Region != "ULK" || p.PMSCentre != "Děčín" ||
		!reflect.DeepEqual(p.Roles, []web.Role{web.RoleTrainee}) || p.PasswordHash != "" {
		t.Errorf("stored %+v", p)
	}
}

// TestCLIFlagsAnywhere: flags may follow the positional arguments, as people type them.
func TestCLIFlagsAnywhere(t *testing.T) {
	speak(t, "C")
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	if code, _, errOut := runCLI(t, "", "migrate", "--db", path); code != 0 {
		t.Fatal(errOut)
	}
	t.Chdir(dir)
	tests := []struct {
		name   string
		args   []string
		target string
	}{
		{"flags after FILE", []string{"backup", "a.db", "--db", path}, "a.db"},
		{"flags before FILE", []string{"backup", "--db", path, "b.db"}, "b.db"},
		{"flags written with =", []string{"backup", "c.db", "--db=" + path}, "c.db"},
		{"-- ends the flags", []string{"backup", "--db", path, "--", "-d.db"}, "-d.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != 0 || !strings.Contains(out, "Backed up") {
				t.Fatalf("exit %d: %s%s", code, out, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, tt.target)); err != nil {
				t.Errorf("no backup at %s: %v", tt.target, err)
			}
		})
	}
	// The default database is never consulted when --db follows FILE: there is none here.
	if _, err := os.Stat(filepath.Join(dir, "mentorlms.db")); err == nil {
		t.Error("./mentorlms.db was created")
	}
	refused := []struct {
		name string
		args []string
		want string
	}{
		{"two targets", []string{"backup", "e.db", "--db", path, "f.db"}, `Unexpected argument "f.db".`},
		{"no target", []string{"backup", "--db", path}, "Name the file to write the backup to."},
		{"unknown flag after FILE", []string{"backup", "g.db", "--dbx", path}, "Unknown flag --dbx."},
		{"subcommand after the flags", []string{"user", "--db", path, "remove"}, "The command reads mentorlms user add"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 with %q", code, errOut, tt.want)
			}
		})
	}
	// The word of a command may come after its flags too.
	code, out, errOut := runCLI(t, "", "user", "--db", path, "--email", "a@test.cz", "add", "--name", "Jana Nová", "--role", "admin")
	if code != 0 || !strings.Contains(out, "Jana Nová <a@test.cz>") {
		t.Errorf("user --db … add: exit %d %s%s", code, out, errOut)
	}
}
