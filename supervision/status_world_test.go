package supervision

import (
	"context"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/web"
)

// statusWorld is a requalification run and the staff of two regions over a real database; its
// facts are written straight into the tables, dated as the test needs.
type statusWorld struct {
	t     testing.TB
	ctx   context.Context
	d     *db.DB
	s     *Service
	admin *web.Principal
	ulk   *web.Principal // the coordinator of ULK
	msk   *web.Principal // the coordinator of MSK
	run   int64
}

// prague is an instant given as a day and a time in Prague.
func prague(t testing.TB, s string) time.Time {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", s, web.Prague)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func newStatusWorld(t testing.TB) *statusWorld {
	t.Helper()
	w := &statusWorld{t: t, ctx: context.Background(), d: dbtest.Open(t)}
	w.s = NewService(w.d)
	w.admin = w.principal(w.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin))
	w.ulk = w.principal(w.person("petr@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator))
	w.msk = w.principal(w.person("renata@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator))
	w.exec(`INSERT INTO courses (id, code, title, kind, created_at, updated_at)
		VALUES (1, 'RK', 'Romský mentor', 'requalification', '', ''), (2, 'SEM', 'Seminář', 'course', '', '')`)
	w.exec(`INSERT INTO runs (id, course_id, starts_on, ends_on, capacity, status, created_at, updated_at)
		VALUES (1, 1, '2025-09-15', '2025-12-15', 12, 'finished', '', ?)`, stamp(t, "2025-12-16 10:00"))
	w.run = 1
	return w
}

func stamp(t testing.TB, s string) string { return db.Stamp(prague(t, s)) }

func (w *statusWorld) exec(q string, args ...any) int64 {
	w.t.Helper()
	res, err := w.d.W.ExecContext(w.ctx, q, args...)
	if err != nil {
		w.t.Fatalf("%s: %v", q, err)
	}
	id, _ := res.LastInsertId()
	return id
}

func (w *statusWorld) person(email, name, region string, roles ...web.Role) people.Person {
	w.t.Helper()
	in := people.Input{Email: email, Name: name, Region: region}
	for _, r := range roles {
		in.Roles = append(in.Roles, string(r))
		if r == web.RoleTrainee {
			in.BirthDate = "1990-05-17"
		}
	}
	p, err := people.NewService(w.d).Create(w.ctx, nil, in, prague(w.t, "2025-01-01 09:00"))
	if err != nil {
		w.t.Fatal(err)
	}
	return p
}

func (w *statusWorld) principal(p people.Person) *web.Principal { return p.Principal("") }

// mentor is a trainee of ULK seated in the run on 1. 9. 2025, certified on 10. 1. 2026, with
// an extract issued on 1. 8. 2025 and the pledge of 5. 1. 2026: active from 10. 1. 2026 until
// the extract ages out on 2. 8. 2026.
func (w *statusWorld) mentor(email, name string) people.Person {
	w.t.Helper()
	p := w.person(email, name, "ULK", web.RoleTrainee)
	e := w.exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, decided_at)
		VALUES (?, ?, 'enrolled', ?, ?, ?)`, w.run, p.ID, stamp(w.t, "2025-08-20 10:00"), stamp(w.t, "2025-09-01 10:00"),
		stamp(w.t, "2025-09-01 10:00"))
	w.exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on,
		issued_at, issued_by, content, pdf) VALUES (?, ?, ?, 'RM', 2026, ?, ?, ?, '2026-01-10', ?, ?, '{}', x'00')`,
		e, p.ID, w.run, p.ID, "RM/2026/"+email, "code-"+email, stamp(w.t, "2026-01-10 11:00"), w.admin.ID)
	w.exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
		VALUES (?, '2025-08-01', 1, '2025-08-03', ?)`, p.ID, stamp(w.t, "2025-08-03 12:00"))
	w.exec(`INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?, '2026-01-05', ?)`, p.ID,
		stamp(w.t, "2026-01-05 12:00"))
	return p
}

// rows counts a person's history rows.
func (w *statusWorld) rows(id int64) int {
	w.t.Helper()
	var n int
	if err := w.d.R.GetContext(w.ctx, &n, `SELECT COUNT(*) FROM mentor_statuses WHERE person_id = ?`, id); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// code is the error code of err, "" for none.
func code(err error) web.Code {
	if e, ok := web.AsError(err); ok {
		return e.Code
	}
	if err != nil {
		return "other: " + web.Code(err.Error())
	}
	return ""
}

// field is the catalog key refusing field in err, "" for none.
func field(err error, name string) string {
	if e, ok := web.AsError(err); ok {
		return e.Fields[name].Key
	}
	return ""
}
