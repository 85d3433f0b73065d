package supervision_test

import (
	"context"
	"testing"

	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/supervision"
)

// The demo's continuing education loads over the demo's people, shows a probation period, a
// long absence, approved and pending hours, and loading it again changes nothing.
func TestDemoEducation(t *testing.T) {
	ctx, d := context.Background(), dbtest.Open(t)
	// The demo's people it builds on, as people.Demo makes them (without the cost of their
	// passwords).
	ps := people.NewService(d)
	for _, p := range [][4]string{{"admin@mentorlms.example", "Jana Dvořáková", "PHA", "admin"},
		{"koordinator@mentorlms.example", "Petr Horváth", "ULK", "coordinator"},
		{"renata.lakatosova@mentorlms.example", "Renata Lakatošová", "MSK", "coordinator"},
		{"ucastnik@mentorlms.example", "Marie Giňová", "ULK", "trainee"}, {"jan.bandy@mentorlms.example", "Jan Bandy", "ULK", "trainee"},
		{"helena.danielova@mentorlms.example", "Helena Danielová", "ULK", "trainee"},
		{"lucie.olahova@mentorlms.example", "Lucie Oláhová", "ULK", "trainee"},
		{"roman.balog@mentorlms.example", "Roman Balog", "MSK", "trainee"},
		{"zaneta.cervenakova@mentorlms.example", "Žaneta Červeňáková", "MSK", "trainee"}} {
		if _, err := ps.Create(ctx, nil, people.Input{Email: p[0], Name: p[1], Region: p[2], Roles: []string{p[3]},
			BirthDate: "1990-01-01"}, eduNow); err != nil {
			t.Fatal(err)
		}
	}
	s := supervision.NewService(d)
	for range 2 {
		if err := supervision.DemoEducation(ctx, s, eduNow); err != nil {
			t.Fatal(err)
		}
	}
	var got struct {
		Jobs      int `db:"jobs"`
		Probation int `db:"probation"`
		Absences  int `db:"absences"`
		Approved  int `db:"approved"`
		Pending   int `db:"pending"`
	}
	if err := d.R.Get(&got, `SELECT (SELECT COUNT(*) FROM employments) AS jobs,
		(SELECT COUNT(*) FROM employments WHERE probation_ends IS NOT NULL) AS probation,
		(SELECT COUNT(*) FROM absences WHERE until_on IS NULL) AS absences,
		(SELECT COUNT(*) FROM external_hours WHERE approved_at IS NOT NULL) AS approved,
		(SELECT COUNT(*) FROM external_hours WHERE approved_at IS NULL) AS pending`); err != nil {
		t.Fatal(err)
	}
	if got.Jobs != 7 || got.Probation != 1 || got.Absences != 1 || got.Approved != 3 || got.Pending != 3 {
		t.Errorf("demo: %+v", got)
	}
	admin, err := people.NewStore(d).ByEmail(ctx, d.R, "admin@mentorlms.example")
	if err != nil {
		t.Fatal(err)
	}
	// This year (2026, on 2. 3.): Jan was hired on 1. 11. 2025 with probation to 31. 1. 2026;
	// Helena has been on parental leave since 1. 7. 2025; Lucie's two jobs meet on 15./16. 6.
	for email, want := range map[string][2]int{"jan.bandy@mentorlms.example": {2026, 11},
		"helena.danielova@mentorlms.example": {2025, 6}, "lucie.olahova@mentorlms.example": {2025, 12}} {
		p, err := people.NewStore(d).ByEmail(ctx, d.R, email)
		if err != nil {
			t.Fatal(err)
		}
		ed, err := s.Education(ctx, admin.Principal(""), p.ID, eduNow)
		if err != nil {
			t.Fatal(err)
		}
		months := -1
		for _, y := range ed.Years {
			if y.Year == want[0] {
				months = y.Months
			}
		}
		if months != want[1] {
			t.Errorf("%s: %d months in %d, want %d: %+v", email, months, want[0], want[1], ed.Years)
		}
	}
}
