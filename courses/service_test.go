package courses_test

import (
	"context"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/web"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type env struct {
	ctx      context.Context
	d        *db.DB
	s        *courses.Service
	admin    *web.Principal
	eva, jan int64 // lecturers
}

func newEnv(t *testing.T) *env {
	t.Helper()
	d := dbtest.Open(t)
	ps := people.NewService(d)
	mk := func(email, name string, roles ...string) people.Person {
		p, err := ps.Create(context.Background(), nil, people.Input{Email: email, Name: name, Roles: roles, Region: "ULK"}, now)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := mk("admin@test.cz", "Jana Dvořáková", "admin")
	eva := mk("eva@test.cz", "Eva Svobodová", "lecturer")
	jan := mk("jan@test.cz", "Jan Novák", "lecturer")
	return &env{ctx: context.Background(), d: d, s: courses.NewService(d), admin: a.Principal(""), eva: eva.ID, jan: jan.ID}
}

func code(t *testing.T, err error) (web.Code, web.Fields) {
	t.Helper()
	e, ok := web.AsError(err)
	if !ok {
		t.Fatalf("error %v is not a web.Error", err)
	}
	return e.Code, e.Fields
}

func (e *env) count(t *testing.T, table string) int {
	t.Helper()
	var n int
	if err := e.d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		t.Fatal(err)
	}
	return n
}

// seminar is the MPSV-accredited debt seminar, accredited 2025-01-01 to 2026-06-30.
func (e *env) seminar(t *testing.T) courses.Course {
	t.Helper()
	c, err := e.s.SaveCourse(e.ctx, e.admin, 0, courses.CourseInput{Code: "DLUHY", Kind: courses.KindAccreditedSeminar,
		Title: "Řešení finanční situace zadlužených osob – úvod do problematiky", TheoryHours: 6,
		Accreditation: &courses.AccreditInput{Body: courses.BodyMPSV, Number: "2014/0998-PC/SP/VP/PP",
			ValidFrom: "2025-01-01", ValidUntil: "2026-06-30"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (e *env) run(t *testing.T, c courses.Course, from, until string, lecturers ...int64) courses.Run {
	t.Helper()
	r, err := e.s.SaveRun(e.ctx, e.admin, c.ID, 0, courses.RunInput{StartsOn: from, EndsOn: until, Town: "Děčín",
		Region: "ULK", Capacity: 9, Status: courses.StatusOpen, LecturerIDs: lecturers}, now)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCourseDefaultsAndValidation(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	if c.TheoryMinutes != 45 || c.PracticeMinutes != 60 || c.MinAttendancePct != 80 || c.MinAge != 18 {
		t.Errorf("defaults %+v", c)
	}
	before := e.count(t, "courses")
	sixty := 60
	for name, tc := range map[string]struct {
		in    courses.CourseInput
		field string
	}{
		"duplicate code":              {courses.CourseInput{Code: "DLUHY", Title: "X", Kind: courses.KindCourse, TheoryHours: 1}, "code"},
		"duplicate code but its case": {courses.CourseInput{Code: "Dluhy", Title: "X", Kind: courses.KindCourse, TheoryHours: 1}, "code"},
		"requalification that expire": {courses.CourseInput{Code: "RK", Title: "X", Kind: courses.KindRequalification, TheoryHours: 1, ValidityMonths: 12}, "validity_months"},
		"no hours":                    {courses.CourseInput{Code: "A", Title: "X", Kind: courses.KindCourse}, "theory_hours"},
		"unknown kind":                {courses.CourseInput{Code: "B", Title: "X", Kind: "party", TheoryHours: 1}, "kind"},
		"unknown prerequisite":        {courses.CourseInput{Code: "C", Title: "X", Kind: courses.KindCourse, TheoryHours: 1, Prerequisites: []int64{999}}, "prerequisite_ids"},
		"too many prerequisites":      {courses.CourseInput{Code: "C", Title: "X", Kind: courses.KindCourse, TheoryHours: 1, Prerequisites: manyIDs(100_000)}, "prerequisite_ids"},
		"attendance over 100":         {courses.CourseInput{Code: "D", Title: "X", Kind: courses.KindCourse, TheoryHours: 1, MinAttendancePct: &[]int{101}[0]}, "min_attendance_pct"},
		"accreditation ends first": {courses.CourseInput{Code: "E", Title: "X", Kind: courses.KindCourse, TheoryHours: 1, TheoryMinutes: &sixty,
			Accreditation: &courses.AccreditInput{Body: courses.BodyMSMT, Number: "1", ValidFrom: "2026-01-02", ValidUntil: "2026-01-01"}}, "accreditation.valid_until"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := e.s.SaveCourse(e.ctx, e.admin, 0, tc.in, now)
			if c, f := code(t, err); c != web.CodeInvalid || f[tc.field].Key == "" {
				t.Errorf("%v: want invalid %s", err, tc.field)
			}
		})
	}
	if after := e.count(t, "courses"); after != before {
		t.Errorf("courses %d → %d", before, after)
	}
	trainee := &web.Principal{ID: 99, Roles: []web.Role{web.RoleTrainee}}
	if _, err := e.s.SaveCourse(e.ctx, trainee, 0, courses.CourseInput{Code: "Z", Title: "Z", Kind: courses.KindCourse, TheoryHours: 1}, now); err == nil {
		t.Error("a trainee created a course")
	}
}

// A run of an accredited kind needs an accreditation valid on its first day, both ends included.
func TestRunNeedsValidAccreditation(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	for _, tc := range []struct {
		starts string
		ok     bool
	}{{"2024-12-31", false}, {"2025-01-01", true}, {"2026-06-30", true}, {"2026-07-01", false}} {
		_, err := e.s.SaveRun(e.ctx, e.admin, c.ID, 0, courses.RunInput{StartsOn: tc.starts, EndsOn: tc.starts,
			Town: "Most", Capacity: 9}, now)
		if tc.ok && err != nil {
			t.Errorf("%s: %v", tc.starts, err)
		}
		if !tc.ok {
			if _, f := code(t, err); f["starts_on"].Key != "run.accreditation.none" {
				t.Errorf("%s: %v", tc.starts, err)
			}
		}
	}
	// Other kinds need none.
	w, err := e.s.SaveCourse(e.ctx, e.admin, 0, courses.CourseInput{Code: "W", Title: "Jsem OK, jsi OK", Kind: courses.KindWorkshop, TheoryHours: 4}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.SaveRun(e.ctx, e.admin, w.ID, 0, courses.RunInput{StartsOn: "2030-01-01", EndsOn: "2030-01-01", Online: true, Capacity: 20}, now); err != nil {
		t.Errorf("workshop run: %v", err)
	}
}

func TestRunCapacityAndDates(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.seminar(t), "2026-04-14", "2026-04-15", e.eva)
	for i := range 5 {
		if _, err := e.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, 'enrolled', '', '')`, r.ID, []int64{e.eva, e.jan, 1, e.eva, e.jan}[i]); err != nil {
			t.Fatal(err)
		}
	}
	in := courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-15", Town: "Děčín", Capacity: 4, LecturerIDs: []int64{e.eva}}
	_, err := e.s.SaveRun(e.ctx, e.admin, r.CourseID, r.ID, in, now)
	if _, f := code(t, err); f["capacity"].Key != "run.capacity.below_taken" || f["capacity"].Args["Taken"] != 5 {
		t.Errorf("capacity below taken: %v", err)
	}
	in.Capacity = 5
	got, err := e.s.SaveRun(e.ctx, e.admin, r.CourseID, r.ID, in, now)
	if err != nil || got.Seats != (courses.Seats{Capacity: 5, Taken: 5, Free: 0}) {
		t.Errorf("capacity = taken: %+v %v", got.Seats, err)
	}
	if _, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-15", Time: "9:00", Minutes: 90,
		Kind: courses.Theory, LecturerID: e.eva}, now); err != nil {
		t.Fatal(err)
	}
	in.EndsOn = "2026-04-14"
	if _, f := code(t, func() error { _, err := e.s.SaveRun(e.ctx, e.admin, r.CourseID, r.ID, in, now); return err }()); f["starts_on"].Key != "run.dates.exclude_sessions" {
		t.Errorf("dates excluding a session: %v", f)
	}
	in.EndsOn = "2026-04-13"
	if _, f := code(t, func() error { _, err := e.s.SaveRun(e.ctx, e.admin, r.CourseID, r.ID, in, now); return err }()); f["ends_on"].Key != "run.ends.before_start" {
		t.Errorf("end before start: %v", f)
	}
}

func TestRunStatus(t *testing.T) {
	e := newEnv(t)
	r := e.run(t, e.seminar(t), "2026-04-14", "2026-04-14", e.eva)
	if _, err := e.s.SetStatus(e.ctx, e.admin, r.ID, courses.StatusFinished, "", now); err == nil {
		t.Error("open → finished allowed")
	} else if c, _ := code(t, err); c != web.CodeConflict {
		t.Errorf("open → finished: %v", err)
	}
	if _, err := e.s.SetStatus(e.ctx, e.admin, r.ID, courses.StatusCancelled, "  ", now); err == nil {
		t.Error("cancelled without a reason")
	}
	got, err := e.s.SetStatus(e.ctx, e.admin, r.ID, courses.StatusCancelled, "Lektorka onemocněla.", now)
	if err != nil || got.Status != courses.StatusCancelled || got.CancelReason != "Lektorka onemocněla." {
		t.Fatalf("cancel: %+v %v", got, err)
	}
	if _, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-14", Time: "9:00", Minutes: 60,
		Kind: courses.Theory, LecturerID: e.eva}, now); err == nil {
		t.Error("a session added to a cancelled run")
	}
}

// manyIDs is 1…n, as a forged form may send.
func manyIDs(n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = int64(i + 1)
	}
	return out
}

// A run names at most MaxLecturers lecturers; a forged list of very many is refused, and one
// named many times is one.
func TestRunLecturersBounded(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	in := courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-15", Town: "Děčín", Capacity: 4, LecturerIDs: manyIDs(100_000)}
	if _, f := code(t, func() error { _, err := e.s.SaveRun(e.ctx, e.admin, c.ID, 0, in, now); return err }()); f["lecturer_ids"].Key != "run.lecturer.too_many" {
		t.Errorf("100,000 lecturers: %v", f)
	}
	in.LecturerIDs = make([]int64, 100_000)
	for i := range in.LecturerIDs {
		in.LecturerIDs[i] = e.eva
	}
	r, err := e.s.SaveRun(e.ctx, e.admin, c.ID, 0, in, now)
	if err != nil || len(r.LecturerIDs) != 1 {
		t.Errorf("one lecturer named 100,000 times: %v %v", r.LecturerIDs, err)
	}
}
