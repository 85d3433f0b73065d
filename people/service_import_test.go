package people_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

// importRows reads a CSV import file and fails the test when it cannot be read.
func importRows(t *testing.T, csv string) []people.ImportRow {
	t.Helper()
	f, err := readCSV(t, csv)
	if err != nil {
		t.Fatal(err)
	}
	return f.Rows
}

const importHeader = "jméno;e-mail;datum narození;kraj;středisko;role\n"

func TestImport(t *testing.T) {
	e := newEnv(t)
	e.create(t, traineeIn("marie@example.cz", "ULK"))
	good := importHeader +
		"Jan Novák;Jan@Example.cz;1. 3. 1990;ULK;Děčín;účastník\n" +
		"Eva Nová;eva@example.cz;2.4.1991;Ústecký kraj;;trainee\n" +
		"Ivo Malý;ivo@example.cz;;;;lecturer\n"

	t.Run("a dry run stores nothing", func(t *testing.T) {
		before := e.counts(t)
		n, err := e.s.Import(e.ctx, nil, importRows(t, good), t0, true)
		if err != nil || n != 3 {
			t.Fatalf("n = %d, err = %v", n, err)
		}
		if after := e.counts(t); after != before {
			t.Errorf("counts %v → %v", before, after)
		}
	})

	refused := []struct {
		name, rows string
		want       []people.ImportProblem
	}{
		{"one bad row refuses the file",
			"Petr Bílý;petr@example.cz;;ULK;;trainee\n",
			[]people.ImportProblem{{Line: 5, Field: "birth_date", Msg: web.M("person.birth_date.required")}}},
		{"an e-mail twice in the file",
			"Jan Novák;jan@example.cz;1. 3. 1990;ULK;;trainee\n",
			[]people.ImportProblem{{Line: 5, Field: "email", Msg: web.M("import.email.repeated", "Line", 2)}}},
		{"an e-mail of someone in the database",
			"Marie Giňová;MARIE@example.cz;1. 3. 1990;ULK;;trainee\n",
			[]people.ImportProblem{{Line: 5, Field: "email", Msg: web.M("person.email.taken")}}},
		{"a date that does not exist is named as such, not as a wrong format",
			"Petr Bílý;petr@example.cz;30. 2. 1990;ULK;;trainee\n",
			[]people.ImportProblem{{Line: 5, Field: "birth_date", Msg: web.M("import.date.invalid")}}},
		{"every problem of every bad row, in the order of the columns",
			"Petr Bílý;petr@;2099-01-01;ULK;Ostrava;trainee\n;x@example.cz;;;;boss\n",
			[]people.ImportProblem{
				{Line: 5, Field: "email", Msg: web.M("person.email.invalid")},
				{Line: 5, Field: "birth_date", Msg: web.M("person.birth_date.future")},
				{Line: 5, Field: "pms_centre", Msg: web.M("person.centre.other_region")},
				{Line: 6, Field: "name", Msg: web.M("person.name.required")},
				{Line: 6, Field: "roles", Msg: web.M("person.roles.unknown", "Role", "boss")},
			}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			before := e.counts(t)
			for _, dryRun := range []bool{true, false} {
				_, err := e.s.Import(e.ctx, nil, importRows(t, good+tt.rows), t0, dryRun)
				var ie *people.ImportError
				if !errors.As(err, &ie) {
					t.Fatalf("dry run %v: err = %v, want an ImportError", dryRun, err)
				}
				if !reflect.DeepEqual(ie.Problems, tt.want) {
					t.Errorf("dry run %v: problems\n%+v\nwant\n%+v", dryRun, ie.Problems, tt.want)
				}
				if ie.Rows != 3+strings.Count(tt.rows, "\n") {
					t.Errorf("rows = %d", ie.Rows)
				}
			}
			if after := e.counts(t); after != before {
				t.Errorf("counts %v → %v: nothing may be stored", before, after)
			}
		})
	}

	t.Run("a good file is stored whole, each person audited", func(t *testing.T) {
		audits := len(e.audits(t, "person.create"))
		n, err := e.s.Import(e.ctx, nil, importRows(t, good), t0, false)
		if err != nil || n != 3 {
			t.Fatalf("n = %d, err = %v", n, err)
		}
		p, err := e.s.Store().ByEmail(e.ctx, e.d.R, "jan@example.cz")
		if err != nil {
			t.Fatal(err)
		}
		if p.BirthDate != "1990-03-01" || p.Region != "ULK" || p.PMSCentre != "Děčín" || p.PasswordHash != "" ||
			!reflect.DeepEqual(p.Roles, []web.Role{web.RoleTrainee}) {
			t.Errorf("stored %+v", p)
		}
		if eva, _ := e.s.Store().ByEmail(e.ctx, e.d.R, "eva@example.cz"); eva.Region != "ULK" {
			t.Errorf("a region named by its name: %q", eva.Region)
		}
		rows := e.audits(t, "person.create")
		if len(rows) != audits+3 {
			t.Fatalf("%d audit entries, want %d", len(rows), audits+3)
		}
		if last := rows[len(rows)-1]; last.ActorID.Valid && last.ActorID.Int64 != 0 || !strings.Contains(last.After, "ivo@example.cz") {
			t.Errorf("audit %+v", last)
		}
		// The same file again: everyone is there already, so nothing more is stored.
		_, err = e.s.Import(e.ctx, nil, importRows(t, good), t0, false)
		var ie *people.ImportError
		if !errors.As(err, &ie) || ie.Bad != 3 {
			t.Errorf("again: %v", err)
		}
	})
}

func TestImportByCoordinator(t *testing.T) {
	e := newEnv(t)
	coord := e.create(t, coordIn("koord@example.cz", "ULK")).Principal("")
	rows := importRows(t, "jméno;e-mail;datum narození;role\n"+
		"Jan Novák;jan@example.cz;1990-03-01;trainee\n"+
		"Ivo Malý;ivo@example.cz;;lecturer\n")
	_, err := e.s.Import(e.ctx, coord, rows, t0, false)
	var ie *people.ImportError
	want := []people.ImportProblem{{Line: 3, Field: "", Msg: web.M("import.row.forbidden")}}
	if !errors.As(err, &ie) || !reflect.DeepEqual(ie.Problems, want) {
		t.Fatalf("err = %v, want %+v", err, want)
	}
	// Without the lecturer, the trainee lands in the coordinator's region.
	if _, err := e.s.Import(e.ctx, coord, rows[:1], t0, false); err != nil {
		t.Fatal(err)
	}
	if p, _ := e.s.Store().ByEmail(e.ctx, e.d.R, "jan@example.cz"); p.Region != "ULK" {
		t.Errorf("region %q", p.Region)
	}
}
