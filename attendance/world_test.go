package attendance_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// world is an admin, a lecturer, an open run and trainees who may be enrolled in it, with the
// enrolment service (es) and the attendance service (s) over one database.
type world struct {
	ctx      context.Context
	d        *db.DB
	s        *attendance.Service
	es       *enrollment.Service
	admin    *web.Principal
	run      courses.Run
	trainees []int64
}

// newWorld makes an open 9-seat workshop run starting 2026-04-14 and n eligible trainees of
// Ústecký kraj with clean record extracts.
func newWorld(t testing.TB, n int) *world {
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
	es := enrollment.NewService(d)
	w := &world{ctx: ctx, d: d, s: attendance.NewService(d, es), es: es, admin: a.Principal(""), run: r}
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
		w.trainees = append(w.trainees, p.ID)
	}
	return w
}
