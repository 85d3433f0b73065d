package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mentorlms/db"
)

// runCLI runs the program's command line as a person would type it. A message missing from
// the catalog fails the test.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	if c, err := catalog(); err != nil || len(c.Missing()) > 0 {
		t.Errorf("catalog: %v, missing %v", err, c.Missing())
	}
	return code, out.String(), errOut.String()
}

// speak sets the language of the command line's messages, whatever the machine's is.
func speak(t *testing.T, lang string) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", lang)
}

func TestCLIUserAdd(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	path := filepath.Join(t.TempDir(), "cli.db")
	code, out, errOut := runCLI(t, "velmi-tajne-heslo\n", "user", "add", "--db", path, "--email", "Jana@Test.cz",
		"--name", "Jana Dvořáková", "--role", "admin,lecturer", "--password-stdin")
	if code != 0 || !strings.Contains(out, "Jana Dvořáková <jana@test.cz>") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, tc := range []struct {
		name, stdin string
		args        []string
		code        int
		stderr      string
	}{
		{"duplicate e-mail", "jine-dlouhe-heslo\n", []string{"--email", "jana@test.cz", "--name", "Jiná Jana", "--role", "admin", "--password-stdin"},
			1, "--email: Tento e-mail už má jiná osoba."},
		{"unknown role", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "boss"}, 1, "--role: Neznámá role „boss“."},
		{"short password", "kratke\n", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "admin", "--password-stdin"},
			1, "--password-stdin: Heslo musí mít alespoň 10 znaků."},
		{"trainee without region", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "trainee", "--birth-date", "1990-03-01"},
			1, "--region: Koordinátor a účastník musí mít kraj."},
		{"trainee without birth date", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "trainee", "--region", "ULK"},
			1, "--birth-date: Účastník musí mít datum narození."},
		{"birth date in another form", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "trainee", "--region", "ULK",
			"--birth-date", "1. 3. 1990"}, 1, "--birth-date: Zadejte datum narození ve tvaru RRRR-MM-DD."},
		{"unknown region lists the codes", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "trainee", "--region", "XYZ",
			"--birth-date", "1990-03-01"}, 1, "--region: Neznámý kraj „XYZ“. Platné kódy krajů: HKK, JHC, JHM, KVK, LBK, MSK, OLK, PAK, PHA, PLK, STC, ULK, VYS, ZLK."},
		{"centre in another region", "", []string{"--email", "x@test.cz", "--name", "X Y", "--role", "trainee", "--region", "ULK",
			"--birth-date", "1990-03-01", "--pms-centre", "Ostrava"}, 1, "--pms-centre: Středisko PMS leží v jiném kraji."},
		{"unknown flag", "", []string{"--mail", "x@test.cz"}, 2, "mentorlms user add: Neznámý přepínač --mail."},
		{"flag without its value", "", []string{"--email"}, 2, "Přepínač --email potřebuje hodnotu."},
		{"a word too many", "", []string{"--email", "x@test.cz", "navic"}, 2, "Nečekaný argument „navic“."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.stdin, append([]string{"user", "add", "--db", path}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d with %q", code, errOut, tc.code, tc.stderr)
			}
		})
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	if err := d.R.Get(&n, `SELECT COUNT(*) FROM persons`); err != nil || n != 1 {
		t.Errorf("persons = %d, %v; the refused commands must add nobody", n, err)
	}
}

func TestCLIEnglishMessages(t *testing.T) {
	speak(t, "en_GB.UTF-8")
	path := filepath.Join(t.TempDir(), "cli.db")
	code, _, errOut := runCLI(t, "", "user", "add", "--db", path, "--email", "x@test.cz", "--name", "X", "--role", "nobody")
	if code != 1 || !strings.Contains(errOut, `Unknown role "nobody".`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestCLITokenWorksWithTheAPI(t *testing.T) {
	speak(t, "C")
	path := filepath.Join(t.TempDir(), "cli.db")
	if code, _, errOut := runCLI(t, "velmi-tajne-heslo\n", "user", "add", "--db", path, "--email", "k@test.cz",
		"--name", "Petr Horváth", "--role", "coordinator", "--region", "ULK", "--password-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := runCLI(t, "", "token", "create", "--db", path, "--email", "K@test.cz", "--name", "test")
	token := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(token, "mlms_") {
		t.Fatalf("exit %d: %q %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "token", "create", "--db", path, "--email", "nikdo@test.cz", "--name", "test"); code != 1 ||
		!strings.Contains(errOut, "No such person.") {
		t.Errorf("unknown e-mail: exit %d %s", code, errOut)
	}
	// The stored value is a hash, not the token.
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	if err := d.R.Get(&stored, `SELECT token_hash FROM api_tokens`); err != nil || strings.Contains(stored, token[5:]) {
		t.Errorf("stored %q for token %q", stored, token)
	}
	d.Close()

	srv := startServer(t, config{DB: path})
	req, _ := http.NewRequest("GET", srv.base+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/api/v1/me with the new token: %d", resp.StatusCode)
	}

	// The token is listed with its name and last use, and revoked by its number while the
	// server runs: it answers 401 at once.
	code, out, errOut = runCLI(t, "", "token", "list", "--db", path, "--email", "k@test.cz")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "NUMBER") || !strings.Contains(lines[1], "k@test.cz") ||
		!strings.Contains(lines[1], " test ") || strings.HasSuffix(lines[1], "—") {
		t.Fatalf("token list: %d %q %s", code, out, errOut)
	}
	id := strings.Fields(lines[1])[0]
	if code, out, errOut := runCLI(t, "", "token", "revoke", id, "--db", path); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("token revoke: %d %q %s", code, out, errOut)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("/api/v1/me with a revoked token: %d", resp.StatusCode)
	}
	for _, args := range [][]string{{"token", "revoke", id}, {"token", "revoke", "x"}, {"token", "frob"}, {"token"},
		{"token", "create", "--email", "k@test.cz"}} {
		code, _, errOut := runCLI(t, "", append(args, "--db", path)...)
		if code == 0 || errOut == "" {
			t.Errorf("%v: %d %q", args, code, errOut)
		}
	}
}

func TestCLIMisc(t *testing.T) {
	speak(t, "C")
	path := filepath.Join(t.TempDir(), "cli.db")
	if code, out, _ := runCLI(t, "", "migrate", "--db", path); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate: %d %s", code, out)
	}
	if code, out, _ := runCLI(t, "", "help"); code != 0 || !strings.Contains(out, "token create") || !strings.Contains(out, "MENTORLMS_DB") {
		t.Errorf("help: %d %s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `Unknown command "frobnicate".`) {
		t.Errorf("unknown command: %d %s", code, errOut)
	}
	if code, _, _ := runCLI(t, "", "backup", "--db", path); code != 2 {
		t.Errorf("backup without a target: %d", code)
	}
	// A mistyped database is refused, not created empty and backed up.
	missing, target := filepath.Join(t.TempDir(), "preklep.db"), filepath.Join(t.TempDir(), "zaloha.db")
	if code, _, errOut := runCLI(t, "", "backup", "--db", missing, target); code != 1 || !strings.Contains(errOut, "no such database") {
		t.Errorf("backup of a missing database: %d %s", code, errOut)
	}
	for _, p := range []string{missing, target} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was created", p)
		}
	}
	// MENTORLMS_DB is the fallback of --db.
	t.Setenv("MENTORLMS_DB", filepath.Join(t.TempDir(), "env.db"))
	if code, out, _ := runCLI(t, "", "migrate"); code != 0 || !strings.Contains(out, "env.db") {
		t.Errorf("migrate with MENTORLMS_DB: %d %s", code, out)
	}
}

// TestDemoIdempotent loads the demo twice through the command and compares every table.
func TestDemoIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	counts := func() map[string]int {
		d, err := db.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		var tables []string
		if err := d.R.Select(&tables, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`); err != nil {
			t.Fatal(err)
		}
		m := map[string]int{}
		for _, tb := range tables {
			var n int
			if err := d.R.Get(&n, `SELECT COUNT(*) FROM "`+tb+`"`); err != nil {
				t.Fatal(err)
			}
			m[tb] = n
		}
		return m
	}
	if code, out, errOut := runCLI(t, "", "demo", "--db", path); code != 0 || !strings.Contains(out, "admin@mentorlms.example") {
		t.Fatalf("first demo: %d %s %s", code, out, errOut)
	}
	first := counts()
	if first["persons"] < 10 || first["person_roles"] < first["persons"] {
		t.Fatalf("the demo is too small: %v", first)
	}
	if code, _, errOut := runCLI(t, "", "demo", "--db", path); code != 0 {
		t.Fatalf("second demo: %d %s", code, errOut)
	}
	second := counts()
	for tb, n := range first {
		if second[tb] != n {
			t.Errorf("%s: %d rows after the first run, %d after the second", tb, n, second[tb])
		}
	}
}

func TestCLIBadEnvironment(t *testing.T) {
	speak(t, "C")
	t.Setenv("MENTORLMS_DEMO", "banana")
	code, _, errOut := runCLI(t, "", "serve", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 2 || !strings.Contains(errOut, `MENTORLMS_DEMO="banana" is not true or false`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestCLIBadRecordMaxAge(t *testing.T) {
	speak(t, "C")
	t.Setenv("MENTORLMS_RECORD_MAX_AGE", "devadesát")
	code, _, errOut := runCLI(t, "", "serve", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != 2 || !strings.Contains(errOut, `MENTORLMS_RECORD_MAX_AGE="devadesát" is not a whole number`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestCLIBadCertificateSettings(t *testing.T) {
	speak(t, "C")
	cases := []struct{ env, value, want string }{
		{"MENTORLMS_CERTIFICATE_NUMBER", "{year}/{seq:4}", "must contain {series}, {year} and {seq}"},
		{"MENTORLMS_ISSUER_ICO", "12 34", `--issuer-ico "12 34" is not a company number`},
	}
	for _, c := range cases {
		t.Run(c.env, func(t *testing.T) {
			t.Setenv(c.env, c.value)
			code, _, errOut := runCLI(t, "", "serve", "--db", filepath.Join(t.TempDir(), "x.db"))
			if code != 2 || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d: %s", code, errOut)
			}
		})
	}
}
