// Package enrolltest builds, for the tests of enrollment and of the packages above it, a small
// world to enrol people in: an admin, a lecturer, an open run and eligible trainees.
package enrolltest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/web"
)

// World is what the tests enrol people in.
type World struct {
	Ctx      context.Context
	D        *db.DB
	Admin    *web.Principal
	Run      courses.Run
	Trainees []int64
}

// New makes, as of now, an open 9-seat workshop run starting 2026-04-14 taught by Eva
// Svobodová, and n eligible trainees of Ústecký kraj with clean record extracts of February.
func New(t testing.TB, n int, now time.Time) *World {
	t.Helper()
	ctx := context.Background()
	d := dbtest.Open(t)
	ps := people.NewService(d)
	a, err := ps.Create(ctx, nil, people.Input{Email: "admin@test.cz", Name: "Jana Dvořáková", Roles: []string{"admin"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	lec, err := ps.Create(ctx, nil, people.Input{Email: "eva@test.cz", Name: "Eva Svobodová", Roles: []string{"lecturer"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	cs := courses.NewService(d)
	c, err := cs.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "PMS", Title: "Práce Probační a mediační služby",
		Kind: courses.KindCourse, TheoryHours: 6}, now)
	if err != nil {
		t.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14", Town: "Děčín",
		Capacity: 9, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, now)
	if err != nil {
		t.Fatal(err)
	}
	w := &World{Ctx: ctx, D: d, Admin: a.Principal(""), Run: r}
	for i := range n {
		p, err := ps.Create(ctx, nil, people.Input{Email: fmt.Sprintf("u%02d@test.cz", i), Name: fmt.Sprintf("Účastník %02d", i),
			BirthDate: "1990-01-01", Region: "ULK", Roles: []string{"trainee"}}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
			VALUES (?, '2026-02-01', 1, '2026-02-02', '')`, p.ID); err != nil {
			t.Fatal(err)
		}
		w.Trainees = append(w.Trainees, p.ID)
	}
	return w
}
