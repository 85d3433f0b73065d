package attendance

import (
	"context"
	"fmt"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// The demo's enrolments, attendance and exams, built on the people and catalog demos: a
// finished requalification run with complete enrolments (one after a resit), a failed one and a
// withdrawal; a running one with past sessions marked, an apology for the next session and a
// trainee who can no longer reach the threshold; an open seminar that is full with a waitlist,
// where a withdrawal moved the first waiting person up; and a pending application.

// demoMark says how a demo trainee attended the i-th past session of a kind in a run.
type demoMark func(kind courses.SessionKind, i int) MarkInput

func always(st Presence) demoMark {
	return func(courses.SessionKind, int) MarkInput { return MarkInput{Status: st} }
}

// missing is present at sessions of a kind but absent at the given ones of it, and late (two
// thirds of the time) at late.
func missing(of courses.SessionKind, absent []int, late ...int) demoMark {
	return func(kind courses.SessionKind, i int) MarkInput {
		if kind != of {
			return MarkInput{Status: Present}
		}
		for _, a := range absent {
			if a == i {
				return MarkInput{Status: Absent}
			}
		}
		for _, l := range late {
			if l == i {
				return MarkInput{Status: Late}
			}
		}
		return MarkInput{Status: Present}
	}
}

type demoEnrolment struct {
	email string
	marks demoMark
	until int // sessions marked before a withdrawal; 0: all, and no withdrawal
	exams []ExamInput
}

// Demo loads the demo's enrolments once: when any enrolment exists it does nothing.
func Demo(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM enrollments`); err != nil || n > 0 {
		return err
	}
	d := demo{s: s, ctx: ctx, now: now, ids: map[string]int64{}}
	if err := d.load(); err != nil {
		return fmt.Errorf("enrollment: demo: %w", err)
	}
	return nil
}

type demo struct {
	s     *Service
	ctx   context.Context
	now   time.Time
	ids   map[string]int64
	admin *web.Principal
}

func (d *demo) load() error {
	var people []struct {
		ID    int64  `db:"id"`
		Email string `db:"email"`
	}
	if err := d.s.db.R.SelectContext(d.ctx, &people, `SELECT id, email FROM persons`); err != nil {
		return err
	}
	for _, p := range people {
		d.ids[p.Email] = p.ID
	}
	d.admin = &web.Principal{ID: d.ids["admin@mentorlms.example"], Roles: []web.Role{web.RoleAdmin}}
	if err := d.evidence(); err != nil {
		return err
	}
	pass := func(held string) ExamInput { return d.exam(held, true) }
	finished, err := d.run("RK-MENTOR", "Děčín")
	if err != nil {
		return err
	}
	end := finished.EndsOn
	if err := d.past(finished, []demoEnrolment{
		{email: "ucastnik@mentorlms.example", marks: missing(courses.Practice, []int{3}, 7), exams: []ExamInput{pass(end)}},
		{email: "jan.bandy@mentorlms.example", marks: missing(courses.Practice, []int{1, 2}, 6), exams: []ExamInput{d.exam(end, false), pass(addDays(end, 14))}},
		{email: "lucie.olahova@mentorlms.example", marks: always(Present), exams: []ExamInput{pass(end)}},
		{email: "helena.danielova@mentorlms.example", marks: missing(courses.Theory, []int{0, 2, 4, 6, 8})},
		{email: "frantisek.duzda@mentorlms.example", marks: always(Present), until: 4},
		{email: "kristyna.berkyova@mentorlms.example", marks: always(Present), exams: []ExamInput{pass(end)}},
		{email: "josef.lakatos@mentorlms.example", marks: missing(courses.Theory, []int{5}, 0), exams: []ExamInput{pass(end)}},
		{email: "renata.mirgova@mentorlms.example", marks: always(Present), exams: []ExamInput{pass(end)}},
		{email: "dusan.tancos@mentorlms.example", marks: always(Present), exams: []ExamInput{pass(end)}},
	}); err != nil {
		return err
	}
	running, err := d.run("RK-MENTOR", "Ostrava")
	if err != nil {
		return err
	}
	if err := d.past(running, []demoEnrolment{
		{email: "roman.balog@mentorlms.example", marks: always(Present)},
		{email: "zaneta.cervenakova@mentorlms.example", marks: missing(courses.Practice, []int{1}, 0)},
		{email: "milan.kotlar@mentorlms.example", marks: missing(courses.Theory, []int{0, 1, 2, 3})},
	}); err != nil {
		return err
	}
	if err := d.apology(running, "zaneta.cervenakova@mentorlms.example", "Soud ve věci bydlení, mám předvolání."); err != nil {
		return err
	}
	return d.open()
}

// evidence gives every trainee a clean record extract from last month.
func (d *demo) evidence() error {
	_, err := d.s.db.W.ExecContext(d.ctx, `INSERT INTO record_checks (person_id, issued_on, clean, verified_on, verified_by, created_at)
		SELECT p.person_id, ?, 1, ?, ?, ? FROM person_roles p WHERE p.role = 'trainee'`,
		courses.PragueDay(d.now.AddDate(0, 0, -30)), courses.PragueDay(d.now.AddDate(0, 0, -28)), d.admin.ID, db.Stamp(d.now))
	return err
}

func (d *demo) run(code, town string) (courses.Run, error) {
	var id int64
	if err := d.s.db.R.GetContext(d.ctx, &id, `SELECT r.id FROM runs r JOIN courses c ON c.id = r.course_id
		WHERE c.code = ? AND r.town = ?`, code, town); err != nil {
		return courses.Run{}, fmt.Errorf("run %s %s: %w", code, town, err)
	}
	return d.s.courses.Run(d.ctx, d.s.db.R, id)
}

func (d *demo) exam(held string, passed bool) ExamInput {
	return ExamInput{HeldOn: held, Passed: &passed, IdentityChecked: true,
		Parts:      []ExamPart{{Part: "written", Passed: true}, {Part: "oral", Passed: passed}},
		Commission: []Member{{Name: "PhDr. Jiří Novotný, Ph.D.", Chair: true}, {Name: "Mgr. Eva Svobodová"}, {Name: "Bc. Petr Horváth"}}}
}
