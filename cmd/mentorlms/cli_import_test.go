package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mentorlms/db"
)

// importDB is a database with one administrator in it, and the file the test writes beside it.
func importDB(t *testing.T) (path, dir string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "lms.db")
	if code, _, errOut := runCLI(t, "", "user", "add", "--db", path, "--email", "admin@test.cz", "--name", "Jana Nová",
		"--role", "admin"); code != 0 {
		t.Fatal(errOut)
	}
	return path, dir
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// tableCounts are the rows of the tables an import writes, to show that nothing changed.
func tableCounts(t *testing.T, path string) string {
	t.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var out []string
	for _, table := range []string{"persons", "person_roles", "audit_log"} {
		var n int
		if err := d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s=%d", table, n))
	}
	return strings.Join(out, " ")
}

// badPeople is a file as Czech Excel saves it with three good rows and three bad ones.
const badPeople = "\uFEFFJméno;E-mail;Datum narození;Kraj;Středisko;Role\r\n" +
	"Jan Novák;jan@test.cz;1. 3. 1990;ULK;Děčín;účastník\r\n" +
	"Eva Nová;eva@test;1.3.1991;ULK;;trainee\r\n" +
	"Ivo Malý;ivo@test.cz;;ULK;;trainee\r\n" +
	"Petr Bílý;petr@test.cz;2. 4. 1988;XYZ;;trainee\r\n" +
	"Marta Malá;JAN@test.cz;2. 4. 1988;ULK;;lecturer\r\n" +
	"Lída Krátká;lida@test.cz;;;;lektorka\r\n"

// TestCLIImportRefusesBadRows: a dry run and a real run list every bad row by line and column,
// and neither stores anything, not even the good rows.
func TestCLIImportRefusesBadRows(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	path, dir := importDB(t)
	file := writeFile(t, dir, "lide.csv", badPeople)
	before := tableCounts(t, path)
	for _, dry := range []bool{true, false} {
		t.Run(fmt.Sprintf("dry run %v", dry), func(t *testing.T) {
			args := []string{"import", "people", file, "--db", path}
			if dry {
				args = append(args, "--dry-run")
			}
			code, out, errOut := runCLI(t, "", args...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, stdout %q", code, out)
			}
			want := []string{
				"Chyby mají 4 řádky z 6; nic nebylo importováno.",
				"řádek 3, E-mail: Toto není platná e-mailová adresa.",
				"řádek 4, Datum narození: Účastník musí mít datum narození.",
				"řádek 5, Kraj: Neznámý kraj „XYZ“. Platné kódy krajů: HKK, JHC,",
				"řádek 6, E-mail: Tento e-mail už v souboru stojí na řádku 2.",
			}
			for _, w := range want {
				if !strings.Contains(errOut, w) {
					t.Errorf("report lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "řádek 2") && !strings.Contains(errOut, "na řádku 2") || strings.Contains(errOut, "řádek 7") {
				t.Errorf("a good row is reported:\n%s", errOut)
			}
			if strings.Contains(errOut, dir) {
				t.Errorf("the report holds a path:\n%s", errOut)
			}
			if after := tableCounts(t, path); after != before {
				t.Errorf("%s → %s: nothing may be stored", before, after)
			}
		})
	}
}

func TestCLIImportHeaderProblems(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	path, dir := importDB(t)
	file := writeFile(t, dir, "lide.csv", "jméno;telefon;role\nJan Novák;777 123 456;admin\n")
	code, _, errOut := runCLI(t, "", "import", "people", "--db", path, file)
	for _, w := range []string{"Soubor nelze načíst; nic nebylo importováno.", "řádek 1: Neznámý sloupec „telefon“.",
		"řádek 1, E-mail: V záhlaví chybí tento sloupec."} {
		if code != 1 || !strings.Contains(errOut, w) {
			t.Errorf("exit %d, report lacks %q:\n%s", code, w, errOut)
		}
	}
}

// TestCLIImportCSV imports a file as Czech Excel saves it: UTF-8 with BOM, semicolons, CRLF
// and Czech dates.
func TestCLIImportCSV(t *testing.T) {
	speak(t, "cs_CZ.UTF-8")
	path, dir := importDB(t)
	file := writeFile(t, dir, "lide.csv", "\uFEFFTituly před;Jméno;Příjmení;E-mail;Datum narození;Místo narození;Kraj;Středisko;Role\r\n"+
		"Bc.;Jan;Novák;jan@test.cz;1. 3. 1990;Děčín;ULK;Děčín;účastník\r\n"+
		";Eva;Nová;Eva@Test.cz;1.3.1991;;Ústecký kraj;;\"trainee, lecturer\"\r\n"+
		";;;;;;;;\r\n"+
		";Ivo;Malý;ivo@test.cz;;;;;lektor\r\n")
	before := tableCounts(t, path)
	code, out, errOut := runCLI(t, "", "import", "people", file, "--db", path, "--dry-run")
	if code != 0 || !strings.Contains(out, "Soubor je v pořádku: lze importovat 3 osoby. Nic nebylo importováno (--dry-run).") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	if after := tableCounts(t, path); after != before {
		t.Errorf("the dry run stored something: %s → %s", before, after)
	}
	code, out, errOut = runCLI(t, "", "import", "people", file, "--db", path)
	if code != 0 || !strings.Contains(out, "Importovány 3 osoby.") || !strings.Contains(out, "administrátor") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if after := tableCounts(t, path); after != "persons=4 person_roles=5 audit_log=4" {
		t.Errorf("after the import: %s", after)
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var rows []struct {
		Email, Name, Titles, Birth, Place, Region, Centre, Hash string
	}
	if err := d.R.Select(&rows, `SELECT p.email, p.name, p.titles_before AS titles, COALESCE(p.birth_date, '') AS birth,
			p.birth_place AS place, COALESCE(p.region_code, '') AS region, COALESCE(c.name, '') AS centre, p.password_hash AS hash
		FROM persons p LEFT JOIN pms_centres c ON c.id = p.pms_centre_id WHERE p.email <> 'admin@test.cz' ORDER BY p.id`); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]struct {
		Email, Name, Titles, Birth, Place, Region, Centre, Hash string
	}{
		{"jan@test.cz", "Jan Novák", "Bc.", "1990-03-01", "Děčín", "ULK", "Děčín", ""},
		{"eva@test.cz", "Eva Nová", "", "1991-03-01", "", "ULK", "", ""},
		{"ivo@test.cz", "Ivo Malý", "", "", "", "", "", ""},
	})
	if fmt.Sprint(rows) != want {
		t.Errorf("stored\n%v\nwant\n%s", rows, want)
	}
	var audited int
	if err := d.R.Get(&audited, `SELECT COUNT(*) FROM audit_log WHERE action = 'person.create' AND actor_id IS NULL
		AND after LIKE '%"email":"eva@test.cz"%'`); err != nil || audited != 1 {
		t.Errorf("audit entries of Eva: %d, %v", audited, err)
	}
}

// TestCLIImportXLSX imports a workbook made as Excel makes one, with a date cell.
func TestCLIImportXLSX(t *testing.T) {
	speak(t, "en_GB.UTF-8")
	path, dir := importDB(t)
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	for i, r := range [][]any{
		{"name", "email", "birth_date", "region", "pms_centre", "roles"},
		{"Jan Novák", "jan@test.cz", time.Date(1990, 3, 1, 0, 0, 0, 0, time.UTC), "ULK", "Děčín", "trainee"},
		{"Eva Nová", "eva@test.cz", "1. 3. 1991", "MSK", "Ostrava", "trainee;lecturer"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "people.xlsx")
	if err := x.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "import", "people", file, "--db", path)
	if code != 0 || !strings.Contains(out, "Imported 2 people.") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var births []string
	if err := d.R.Select(&births, `SELECT birth_date FROM persons WHERE birth_date IS NOT NULL ORDER BY id`); err != nil ||
		strings.Join(births, " ") != "1990-03-01 1991-03-01" {
		t.Errorf("birth dates %v, %v", births, err)
	}
}

// TestCLIImportPlurals: the summary agrees with the number in both languages.
func TestCLIImportPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"cs_CZ.UTF-8", 1, "Importována 1 osoba."},
		{"cs_CZ.UTF-8", 4, "Importovány 4 osoby."},
		{"cs_CZ.UTF-8", 5, "Importováno 5 osob."},
		{"en_GB.UTF-8", 1, "Imported 1 person."},
		{"en_GB.UTF-8", 5, "Imported 5 people."},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			speak(t, tt.lang)
			path, dir := importDB(t)
			csv := "name,email,roles\n"
			for i := range tt.n {
				csv += fmt.Sprintf("Lektor %d,l%d@test.cz,lecturer\n", i, i)
			}
			code, out, errOut := runCLI(t, "", "import", "people", writeFile(t, dir, "a.csv", csv), "--db", path)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d\n%s%s", code, out, errOut)
			}
		})
	}
}
