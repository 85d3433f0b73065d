package people_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mentorlms/people"
	"mentorlms/web"
)

func readCSV(t *testing.T, text string) (people.ImportFile, error) {
	t.Helper()
	return people.ReadImport("lide.csv", strings.NewReader(text))
}

func TestReadImportCSV(t *testing.T) {
	tests := []struct {
		name, file string
		columns    map[string]string
		rows       []people.ImportRow
	}{
		{"Czech Excel: BOM, semicolons, Czech headers, CRLF",
			"\uFEFFJméno;Příjmení;E-mail;Datum narození;Místo narození;Kraj;Středisko;Role;Tituly před;Tituly za\r\n" +
				"Jan;Novák;jan@example.cz;1. 3. 1990;Děčín;ULK;Děčín;účastník;Bc.;DiS.\r\n",
			map[string]string{"name": "Jméno", "surname": "Příjmení", "email": "E-mail", "birth_date": "Datum narození",
				"birth_place": "Místo narození", "region": "Kraj", "pms_centre": "Středisko", "roles": "Role",
				"titles_before": "Tituly před", "titles_after": "Tituly za"},
			[]people.ImportRow{{Line: 2, Input: people.Input{Name: "Jan Novák", Email: "jan@example.cz", BirthDate: "1990-03-01",
				BirthPlace: "Děčín", Region: "ULK", PMSCentre: "Děčín", Roles: []string{"trainee"}, TitlesBefore: "Bc.",
				TitlesAfter: "DiS."}}}},
		{"commas, English headers, a quoted list of roles",
			"name,email,birth_date,region,roles\nEva Nová,eva@example.cz,1990-03-01,ULK,\"trainee, lecturer\"\n",
			map[string]string{"name": "name", "email": "email", "birth_date": "birth_date", "region": "region", "roles": "roles"},
			[]people.ImportRow{{Line: 2, Input: people.Input{Name: "Eva Nová", Email: "eva@example.cz", BirthDate: "1990-03-01",
				Region: "ULK", Roles: []string{"trainee", "lecturer"}}}}},
		{"headers in any case and spelling; blank rows skipped; a value over two lines keeps the count",
			"E_MAIL;JMENO;ROLES\n\n;;\nx@example.cz;\"Jana\nDvořáková\";\"admin; lektorka\"\ny@example.cz;Petr;trainee\n",
			map[string]string{"name": "JMENO", "email": "E_MAIL", "roles": "ROLES"},
			[]people.ImportRow{
				{Line: 4, Input: people.Input{Name: "Jana\nDvořáková", Email: "x@example.cz", Roles: []string{"admin", "lecturer"}}},
				{Line: 6, Input: people.Input{Name: "Petr", Email: "y@example.cz", Roles: []string{"trainee"}}}}},
		{"a short row leaves the rest empty",
			"jméno;e-mail;role;kraj\nPetr;p@example.cz;admin\n",
			map[string]string{"name": "jméno", "email": "e-mail", "roles": "role", "region": "kraj"},
			[]people.ImportRow{{Line: 2, Input: people.Input{Name: "Petr", Email: "p@example.cz", Roles: []string{"admin"}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := readCSV(t, tt.file)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(f.Columns, tt.columns) {
				t.Errorf("columns %v, want %v", f.Columns, tt.columns)
			}
			if !reflect.DeepEqual(f.Rows, tt.rows) {
				t.Errorf("rows\n%+v\nwant\n%+v", f.Rows, tt.rows)
			}
		})
	}
}

func TestReadImportDates(t *testing.T) {
	tests := []struct{ cell, want, problem string }{
		{"1. 3. 1990", "1990-03-01", ""},
		{"1.3.1990", "1990-03-01", ""},
		{"01.03.1990", "1990-03-01", ""},
		{"29. 2. 2000", "2000-02-29", ""},
		{"1990-03-01", "1990-03-01", ""},
		{"1990-3-1", "1990-03-01", ""},
		{" 1990-03-01 ", "1990-03-01", ""},
		{"", "", ""},
		{"30. 2. 1990", "30. 2. 1990", "import.date.invalid"}, // no such day
		{"29.2.2001", "29.2.2001", "import.date.invalid"},
		{"1990", "1990", "import.date.invalid"},
		{"3/1/1990", "3/1/1990", "import.date.invalid"},
		{"1. března 1990", "1. března 1990", "import.date.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			f, err := readCSV(t, "jméno;e-mail;role;datum narození\nJan;j@example.cz;trainee;"+tt.cell+"\n")
			if err != nil {
				t.Fatal(err)
			}
			r := f.Rows[0]
			if r.Input.BirthDate != tt.want || r.Problems["birth_date"].Key != tt.problem {
				t.Errorf("birth date %q, problem %q; want %q, %q", r.Input.BirthDate, r.Problems["birth_date"].Key, tt.want, tt.problem)
			}
		})
	}
}

func TestReadImportRefused(t *testing.T) {
	tests := []struct {
		name, file, fileName string
		key                  string // of a web.Error, or of the first problem of an *ImportError
		line                 int
		field                string
	}{
		{"empty file", "\uFEFF\n\n", "a.csv", "import.file.empty", 0, ""},
		{"header only", "jméno;e-mail;role\n;;\n", "a.csv", "import.file.no_rows", 0, ""},
		{"Windows-1250", "jm\xe9no;e-mail;role\nJan;j@example.cz;admin\n", "a.csv", "import.file.encoding", 0, ""},
		{"old Excel", "whatever", "lide.xls", "import.file.format", 0, ""},
		{"not a workbook", "PK\x03\x04 broken", "lide.xlsx", "import.file.xlsx", 0, ""},
		{"unknown column", "\njméno;e-mail;telefon;role\n", "a.csv", "import.column.unknown", 2, ""},
		{"missing column", "jméno;role\nJan;admin\n", "a.csv", "import.column.missing", 1, "email"},
		{"a column twice", "email;e-mail;name;roles\n", "a.csv", "import.column.twice", 1, "email"},
		{"broken quotes", "jméno;e-mail;role\nJan;j@example.cz;admin\n\"Eva;e@example.cz;admin\n", "a.csv",
			"import.csv.quotes", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := people.ReadImport(tt.fileName, strings.NewReader(tt.file))
			if ie, ok := err.(*people.ImportError); ok {
				p := ie.Problems[0]
				if p.Msg.Key != tt.key || p.Line != tt.line || p.Field != tt.field {
					t.Errorf("problem %+v, want %s on line %d, field %q", p, tt.key, tt.line, tt.field)
				}
				return
			}
			if werr, ok := web.AsError(err); !ok || werr.Msg.Key != tt.key {
				t.Errorf("err = %v, want %s", err, tt.key)
			}
		})
	}
	t.Run("a value under no header", func(t *testing.T) {
		f, err := readCSV(t, "jméno;e-mail;role;\nJan;j@example.cz;admin;navíc\n")
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Rows[0].Problems[""]; p.Key != "import.cell.unnamed" || p.Args["Column"] != 4 {
			t.Errorf("problems %v", f.Rows[0].Problems)
		}
	})
}

// TestReadImportXLSX reads a workbook as Excel saves one: dates as numbers shown in a date
// format, or typed as text.
func TestReadImportXLSX(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := x.GetSheetName(0)
	custom := "d. m. yyyy"
	czechStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"Jméno", "E-mail", "Datum narození", "Kraj", "Role"},
		{"Jan Novák", "jan@example.cz", time.Date(1990, 3, 1, 0, 0, 0, 0, time.UTC), "ULK", "trainee"},
		{"Eva Nová", "eva@example.cz", 33025, "ULK", "trainee"}, // styled below: 1990-06-01
		{"Petr Bílý", "petr@example.cz", "2. 1. 1985", "ULK", "trainee"},
		{"Ivo Malý", "ivo@example.cz", 1990, "ULK", "trainee"}, // a bare number is no date
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.SetCellStyle(sheet, "C3", "C3", czechStyle); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// A workbook is recognised by its content too, whatever its name says.
	for _, name := range []string{"lide.xlsx", "lide.dat"} {
		t.Run(name, func(t *testing.T) {
			f, err := people.ReadImport(name, bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			want := []struct {
				line          int
				date, problem string
			}{
				{2, "1990-03-01", ""}, {3, "1990-06-01", ""}, {4, "1985-01-02", ""}, {5, "1990", "import.date.invalid"},
			}
			if len(f.Rows) != len(want) {
				t.Fatalf("%d rows: %+v", len(f.Rows), f.Rows)
			}
			for i, w := range want {
				r := f.Rows[i]
				if r.Line != w.line || r.Input.BirthDate != w.date || r.Problems["birth_date"].Key != w.problem {
					t.Errorf("row %d: line %d, date %q, problems %v; want %+v", i, r.Line, r.Input.BirthDate, r.Problems, w)
				}
			}
			if f.Rows[0].Input.Name != "Jan Novák" || f.Rows[0].Input.Roles[0] != "trainee" || f.Columns["birth_date"] != "Datum narození" {
				t.Errorf("first row %+v, columns %v", f.Rows[0], f.Columns)
			}
		})
	}
}
