package supervision_test

import (
	"context"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/supervision"
	"mentorlms/web"
)

// eduNow is the instant the education tests run at: Monday 2. 3. 2026 in Prague.
var eduNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// eduWorld is an admin in PHA, a coordinator of ULK and one of MSK, two mentors in ULK and one
// in MSK, over a real database.
type eduWorld struct {
	t   *testing.T
	ctx context.Context
	d   *db.DB
	svc *supervision.Service
	// principals by name
	admin, admin2, coordULK, coordMSK *web.Principal
	marie, jan, roman                 people.Person
}

func newEduWorld(t *testing.T) *eduWorld {
	t.Helper()
	w := &eduWorld{t: t, ctx: context.Background(), d: dbtest.Open(t)}
	w.svc = supervision.NewService(w.d)
	ps := people.NewService(w.d)
	mk := func(email, name, region string, role web.Role) people.Person {
		t.Helper()
		in := people.Input{Email: email, Name: name, Region: region, Roles: []string{string(role)}}
		if role == web.RoleTrainee {
			in.BirthDate = "1990-05-17"
		}
		p, err := ps.Create(w.ctx, nil, in, eduNow)
		if err != nil {
			t.Fatalf("person %s: %v", email, err)
		}
		return p
	}
	w.admin = mk("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin).Principal("")
	w.admin2 = mk("admin2@test.cz", "Karel Dvořák", "PHA", web.RoleAdmin).Principal("")
	w.coordULK = mk("koord@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator).Principal("")
	w.coordMSK = mk("koord.msk@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator).Principal("")
	w.marie = mk("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	w.jan = mk("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	w.roman = mk("roman@test.cz", "Roman Balog", "MSK", web.RoleTrainee)
	return w
}

// exec runs SQL that sets up what other parts of the product would have recorded.
func (w *eduWorld) exec(query string, args ...any) int64 {
	w.t.Helper()
	res, err := w.d.W.Exec(query, args...)
	if err != nil {
		w.t.Fatalf("%s: %v", query, err)
	}
	id, _ := res.LastInsertId()
	return id
}

// completed makes a finished run of a new course (theory and practice hours, an accreditation
// valid from accFrom to accUntil unless accFrom is "") and records person's completion of it.
// It returns the run and the enrolment.
func (w *eduWorld) completed(person int64, code, title string, theory, practice int, from, until, accNumber, accFrom, accUntil string) (int64, int64) {
	w.t.Helper()
	c := w.exec(`INSERT INTO courses (code, title, kind, theory_hours, practice_hours, created_at, updated_at)
		VALUES (?, ?, 'accredited_seminar', ?, ?, '', '')`, code, title, theory, practice)
	if accFrom != "" {
		w.exec(`INSERT INTO accreditations (course_id, body, number, valid_from, valid_until, theory_hours, practice_hours)
			VALUES (?, 'MPSV', ?, ?, ?, ?, ?)`, c, accNumber, accFrom, accUntil, theory, practice)
	}
	r := w.exec(`INSERT INTO runs (course_id, starts_on, ends_on, town, region_code, capacity, status, created_at, updated_at)
		VALUES (?, ?, ?, 'Děčín', 'ULK', 9, 'finished', '', '')`, c, from, until)
	e := w.exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
		VALUES (?, ?, 'enrolled', '', '', ?)`, r, person, until+"T15:00:00Z")
	return r, e
}

// count counts the rows of a table.
func (w *eduWorld) count(table string) int {
	w.t.Helper()
	var n int
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// eduFields is the field names of an invalid error, or the error's code otherwise.
func eduFields(err error) map[string]string {
	e, ok := web.AsError(err)
	if !ok {
		return map[string]string{"error": "not a web error"}
	}
	if e.Code != web.CodeInvalid {
		return map[string]string{"code": string(e.Code)}
	}
	out := map[string]string{}
	for k, m := range e.Fields {
		out[k] = m.Key
	}
	return out
}

// eduCode is the web error code of err, "" for nil.
func eduCode(err error) web.Code {
	if err == nil {
		return ""
	}
	if e, ok := web.AsError(err); ok {
		return e.Code
	}
	return "other: " + web.Code(err.Error())
}
