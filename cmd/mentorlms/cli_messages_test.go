package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mentorlms/db"
	"mentorlms/static"
	"mentorlms/web"
)

// TestCLICzechWithoutPaths: under a Czech LANG every refusal reads in Czech, and no path from
// inside the program and no Go or SQLite error text reaches the person.
func TestCLICzechWithoutPaths(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	dir := t.TempDir()
	live, notDB, latin2 := filepath.Join(dir, "live.db"), filepath.Join(dir, "notdb.db"), filepath.Join(dir, "lide.csv")
	if code, _, errOut := runCLI(t, "", "user", "add", "--db", live, "--email", "jana@test.cz", "--name", "Jana Nová",
		"--role", "admin"); code != 0 {
		t.Fatal(errOut)
	}
	for p, content := range map[string]string{notDB: "toto není databáze\n", latin2: "jm\xe9no;e-mail;role\n"} {
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"backup of a database that is not there", nil, []string{"backup", "--db", filepath.Join(dir, "preklep.db"), filepath.Join(dir, "z.db")},
			1, "Taková databáze neexistuje; zkontrolujte --db"},
		{"backup over a file", nil, []string{"backup", "--db", live, notDB}, 1, "Soubor už existuje; nic se nepřepisuje."},
		{"backup into a missing folder", nil, []string{"backup", "--db", live, filepath.Join(dir, "nikde", "z.db")}, 1,
			"Soubor nebo složka neexistuje."},
		{"a file that is not a database", nil, []string{"migrate", "--db", notDB}, 1, "Soubor není databáze SQLite."},
		{"a database in a missing folder", nil, []string{"migrate", "--db", filepath.Join(dir, "nikde", "x.db")}, 1,
			"Databázi nelze otevřít"},
		{"a duplicate e-mail", nil, []string{"user", "add", "--db", live, "--email", "jana@test.cz", "--name", "Jana", "--role", "admin"},
			1, "--email: Tento e-mail už má jiná osoba."},
		{"a token for nobody", nil, []string{"token", "create", "--db", live, "--email", "nikdo@test.cz", "--name", "test"}, 1, "Osoba neexistuje."},
		{"a token for no e-mail", nil, []string{"token", "create", "--db", live}, 2, "Zadejte --email osoby"},
		{"an import file that is not there", nil, []string{"import", "people", filepath.Join(dir, "nic.csv"), "--db", live}, 1,
			"Soubor nebo složka neexistuje."},
		{"an import file in Windows-1250", nil, []string{"import", "people", latin2, "--db", live}, 1, "Soubor není v kódování UTF-8."},
		{"an unknown flag", nil, []string{"migrate", "--dbase", live}, 2, "Neznámý přepínač --dbase."},
		{"a flag without its value", nil, []string{"migrate", "--db"}, 2, "Přepínač --db potřebuje hodnotu."},
		{"a flag with a bad value", nil, []string{"serve", "--record-max-age", "devadesát"}, 2,
			"Přepínač --record-max-age nemá platnou hodnotu „devadesát“."},
		{"a bad environment", map[string]string{"MENTORLMS_RECORD_MAX_AGE": "x"}, []string{"serve", "--db", live}, 2,
			"Proměnná MENTORLMS_RECORD_MAX_AGE=„x“ není celé číslo."},
		{"a bad IČO", nil, []string{"serve", "--db", live, "--issuer-ico", "123"}, 2, "--issuer-ico „123“ není IČO"},
		{"a bad number format", nil, []string{"demo", "--db", live, "--certificate-number", "{year}/{seq}"}, 2,
			"musí obsahovat {series}, {year} a {seq}"},
		{"an address to listen on that is none", nil, []string{"serve", "--db", live, "--addr", "1.2.3.4.5:0"}, 1,
			"Na adrese z --addr nelze naslouchat"},
		{"an SMTP address that is none", nil, []string{"serve", "--db", live, "--smtp-url", "mail.example.cz", "--mail-from", "a@b.cz"}, 2,
			"Adresa v --smtp-url má tvar smtp://"},
		{"an SMTP option that is none", map[string]string{"MENTORLMS_SMTP_URL": "smtp://localhost?tls=maybe"}, []string{"serve", "--db", live,
			"--mail-from", "a@b.cz"}, 2, "jediná možná hodnota je tls=off"},
		{"a sender that is no address", nil, []string{"serve", "--db", live, "--smtp-url", "smtps://mail.example.cz", "--mail-from", "nikdo"}, 2,
			"(„nikdo“) není e-mailová adresa"},
		{"an unknown command", nil, []string{"frobnicate"}, 2, "Neznámý příkaz „frobnicate“."},
		{"a missing subcommand", nil, []string{"import", "lide.csv"}, 2, "Příkaz zní mentorlms import people …"},
	}
	leaks := []string{dir, "/tmp", "no such", "sql:", "db:", "sqlite", "flag provided", "already exists", "not a database",
		"unable to open", "listen tcp", "%!", " the ", "Unknown"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			code, _, errOut := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, errOut, tt.code, tt.want)
			}
			for _, l := range leaks {
				if strings.Contains(errOut, l) {
					t.Errorf("stderr holds %q: %s", l, errOut)
				}
			}
		})
	}
}

// TestCLIUnexpectedError: an error nobody foresaw reads as unexpected; its text, which may
// hold paths and SQL, shows only when MENTORLMS_DEBUG asks for it.
func TestCLIUnexpectedError(t *testing.T) {
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	raw := fmt.Errorf("people: get 7: %w", fmt.Errorf("sql: Scan error on /srv/x.db"))
	for _, tt := range []struct{ lang, debug, want string }{
		{"cs", "", "Nastala neočekávaná chyba."},
		{"en", "", "Something unexpected went wrong."},
		{"cs", "1", "sql: Scan error on /srv/x.db"},
	} {
		t.Setenv("MENTORLMS_DEBUG", tt.debug)
		got := describe(c.For(tt.lang), raw)
		if !strings.Contains(got, tt.want) || tt.debug == "" && strings.Contains(got, "sql:") {
			t.Errorf("%s, debug %q: %q", tt.lang, tt.debug, got)
		}
	}
	for _, p := range []db.Problem{db.ProblemBusy, db.ProblemCorrupt, db.ProblemNotDatabase, db.ProblemReadOnly,
		db.ProblemFull, db.ProblemCantOpen} {
		for _, lang := range web.Languages {
			if c.For(lang).T("cli.error."+string(p)) == "cli.error."+string(p) {
				t.Errorf("%s: no message for %s", lang, p)
			}
		}
	}
	if m := c.Missing(); len(m) > 0 {
		t.Errorf("missing translations: %v", m)
	}
}

// catalogKey finds keys written out in the command line's code and the import's.
var catalogKey = regexp.MustCompile(`"((?:cli|import|person)\.[a-z0-9_.]*[a-z0-9_])"`)

// TestCLICatalogComplete: every key the command line and the import use is in both languages,
// also those no test happens to print.
func TestCLICatalogComplete(t *testing.T) {
	used := map[string]bool{}
	for _, pattern := range []string{"*.go", "../../people/import.go", "../../people/spreadsheet.go", "../../people/service_import.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range catalogKey.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = true
			}
		}
	}
	for _, c := range commands {
		for _, part := range []string{"synopsis", "summary", "about", "example"} {
			used["cli.cmd."+c.name+"."+part] = true
		}
	}
	for _, f := range []string{"name", "email", "birth_date", "birth_place", "region", "pms_centre", "roles",
		"titles_before", "titles_after"} {
		used["field."+f] = true // what a report calls a column the file lacks
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys; the scan is broken", len(used))
	}
	for _, lang := range web.Languages {
		have := map[string]json.RawMessage{}
		names, err := web.CatalogFiles(static.Catalog, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			b, err := fs.ReadFile(static.Catalog, n)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &have); err != nil {
				t.Fatalf("%s: %v", n, err)
			}
		}
		for k := range used {
			if _, ok := have[k]; !ok {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}
