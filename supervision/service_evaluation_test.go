package supervision

import (
	"context"
	"strings"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/web"
)

// evalWorld is a small program: an admin, the coordinators of Ústí (ULK) and Moravian-Silesian
// (MSK) regions, mentors of both, and a lecturer of ULK who is a trainee too.
type evalWorld struct {
	ctx                        context.Context
	d                          *db.DB
	svc                        *Service
	now                        time.Time
	admin, ulk, msk            *web.Principal
	marie, jan, roman, lecture people.Person
	centres                    map[string]int64
}

func newEvalWorld(t *testing.T) *evalWorld {
	t.Helper()
	w := &evalWorld{ctx: context.Background(), d: dbtest.Open(t), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		centres: map[string]int64{}}
	w.svc = NewService(w.d)
	ps := people.NewService(w.d)
	add := func(email, name, region, centre string, roles ...web.Role) people.Person {
		in := people.Input{Email: email, Name: name, Region: region, PMSCentre: centre, BirthDate: "1990-05-17"}
		for _, r := range roles {
			in.Roles = append(in.Roles, string(r))
		}
		p, err := ps.Create(w.ctx, nil, in, w.now)
		if err != nil {
			t.Fatalf("create %s: %v", email, err)
		}
		return p
	}
	w.admin = add("admin@test.cz", "Jana Dvořáková", "PHA", "", web.RoleAdmin).Principal("")
	w.ulk = add("ulk@test.cz", "Petr Horváth", "ULK", "", web.RoleCoordinator).Principal("")
	w.msk = add("msk@test.cz", "Renata Lakatošová", "MSK", "", web.RoleCoordinator).Principal("")
	w.marie = add("marie@test.cz", "Marie Giňová", "ULK", "Děčín", web.RoleTrainee)
	w.jan = add("jan@test.cz", "Jan Bandy", "ULK", "Rumburk", web.RoleTrainee)
	w.roman = add("roman@test.cz", "Roman Balog", "MSK", "Ostrava", web.RoleTrainee)
	w.lecture = add("eva@test.cz", "Eva Svobodová", "ULK", "", web.RoleLecturer, web.RoleTrainee)
	cs, err := people.NewStore(w.d).Centres(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		w.centres[c.Name] = c.ID
	}
	return w
}

func (w *evalWorld) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := w.d.R.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// fieldsOf names the fields of an invalid error, "" for any other outcome.
func fieldsOf(err error) string {
	e, ok := web.AsError(err)
	if !ok || e.Code != web.CodeInvalid {
		return ""
	}
	var names []string
	for k, m := range e.Fields {
		names = append(names, k+"="+m.Key)
	}
	return strings.Join(names, " ")
}

func TestRecordEvaluation(t *testing.T) {
	w := newEvalWorld(t)
	in := EvaluationInput{PersonID: w.marie.ID, CentreID: w.centres["Děčín"], Year: 2026, Period: 1,
		EvalCounts: EvalCounts{ClientsA: 2, SuccessA: 1, ClientsC: 4, SuccessC: 4}}
	e, created, err := w.svc.RecordEvaluation(w.ctx, w.ulk, in, w.now)
	if err != nil || !created {
		t.Fatalf("record: %v, created %v", err, created)
	}
	if e.Name != "Marie Giňová" || e.Centre != "Děčín" || e.Region != "ULK" || e.AllClients != 6 || e.AllSuccessful != 5 {
		t.Errorf("record = %+v", e)
	}
	audits := `SELECT COUNT(*) FROM audit_log WHERE entity = 'evaluation' AND entity_id = ?`
	if n := w.count(t, audits, e.ID); n != 1 {
		t.Errorf("%d audit entries after recording, want 1", n)
	}
	t.Run("the same again changes nothing", func(t *testing.T) {
		again, created, err := w.svc.RecordEvaluation(w.ctx, w.admin, in, w.now.Add(time.Hour))
		if err != nil || created || again.ID != e.ID || again.UpdatedAt != e.UpdatedAt {
			t.Errorf("again: %+v, created %v, %v", again, created, err)
		}
		if n := w.count(t, audits, e.ID); n != 1 {
			t.Errorf("%d audit entries, want 1", n)
		}
	})
	t.Run("a correction keeps before and after", func(t *testing.T) {
		fixed := in
		fixed.SuccessC = 3
		got, created, err := w.svc.RecordEvaluation(w.ctx, w.admin, fixed, w.now.Add(time.Hour))
		if err != nil || created || got.ID != e.ID || got.SuccessC != 3 {
			t.Fatalf("correction: %+v, created %v, %v", got, created, err)
		}
		var before, after string
		if err := w.d.R.QueryRow(`SELECT before, after FROM audit_log WHERE entity = 'evaluation' AND entity_id = ?
			AND action = 'evaluation.update'`, e.ID).Scan(&before, &after); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(before, `"success_c":4`) || !strings.Contains(after, `"success_c":3`) {
			t.Errorf("audit before %s after %s", before, after)
		}
	})

	stored := w.count(t, `SELECT COUNT(*) FROM evaluations`)
	bad := []struct {
		name  string
		actor *web.Principal
		in    EvaluationInput
		want  string
	}{
		{"a mentor of another region", w.ulk, EvaluationInput{PersonID: w.roman.ID, CentreID: w.centres["Ostrava"],
			Year: 2026, Period: 1}, "person_id=evaluation.person.not_mentor"},
		{"a centre of another region", w.ulk, EvaluationInput{PersonID: w.marie.ID, CentreID: w.centres["Ostrava"],
			Year: 2026, Period: 1}, "centre_id=evaluation.centre.region"},
		{"an admin: a centre of another region", w.admin, EvaluationInput{PersonID: w.roman.ID,
			CentreID: w.centres["Děčín"], Year: 2026, Period: 1}, "centre_id=evaluation.centre.region"},
		{"no such centre", w.ulk, EvaluationInput{PersonID: w.marie.ID, CentreID: 9999, Year: 2026, Period: 1},
			"centre_id=evaluation.centre.unknown"},
		{"no such person", w.admin, EvaluationInput{PersonID: 9999, CentreID: w.centres["Děčín"], Year: 2026,
			Period: 1}, "person_id=evaluation.person.not_mentor"},
		{"not a trainee", w.admin, EvaluationInput{PersonID: w.ulk.ID, CentreID: w.centres["Děčín"], Year: 2026,
			Period: 1}, "person_id=evaluation.person.not_mentor"},
		{"a trainee with a staff role, for a coordinator", w.ulk, EvaluationInput{PersonID: w.lecture.ID,
			CentreID: w.centres["Děčín"], Year: 2026, Period: 1}, "person_id=evaluation.person.not_mentor"},
		{"a future period", w.ulk, EvaluationInput{PersonID: w.marie.ID, CentreID: w.centres["Děčín"], Year: 2026,
			Period: 3}, "period=evaluation.period.future"},
		{"more successful than clients", w.ulk, EvaluationInput{PersonID: w.marie.ID, CentreID: w.centres["Děčín"],
			Year: 2025, Period: 6, EvalCounts: EvalCounts{ClientsB: 1, SuccessB: 2}}, "success_b=evaluation.count.over"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := w.svc.RecordEvaluation(w.ctx, tt.actor, tt.in, w.now)
			if got := fieldsOf(err); got != tt.want {
				t.Errorf("fields %q (%v), want %q", got, err, tt.want)
			}
		})
	}
	if n := w.count(t, `SELECT COUNT(*) FROM evaluations`); n != stored {
		t.Errorf("%d records after refusals, want %d", n, stored)
	}
	// The admin records for the lecturer who is a trainee; a trainee records nothing.
	if _, created, err := w.svc.RecordEvaluation(w.ctx, w.admin, EvaluationInput{PersonID: w.lecture.ID,
		CentreID: w.centres["Most"], Year: 2026, Period: 1}, w.now); err != nil || !created {
		t.Errorf("admin for a staff trainee: %v", err)
	}
	if _, _, err := w.svc.RecordEvaluation(w.ctx, w.marie.Principal(""), in, w.now); err == nil ||
		err.(*web.Error).Code != web.CodeForbidden {
		t.Errorf("a trainee records: %v", err)
	}
}

func TestEvaluationReportAndList(t *testing.T) {
	w := newEvalWorld(t)
	record := func(actor *web.Principal, p people.Person, centre string, period int, c EvalCounts) {
		t.Helper()
		if _, _, err := w.svc.RecordEvaluation(w.ctx, actor, EvaluationInput{PersonID: p.ID,
			CentreID: w.centres[centre], Year: 2026, Period: period, EvalCounts: c}, w.now); err != nil {
			t.Fatal(err)
		}
	}
	record(w.ulk, w.marie, "Děčín", 1, EvalCounts{ClientsA: 5, SuccessA: 3})
	record(w.ulk, w.jan, "Rumburk", 1, EvalCounts{ClientsB: 3, SuccessB: 1})
	record(w.ulk, w.jan, "Děčín", 1, EvalCounts{ClientsC: 1, SuccessC: 1})
	record(w.ulk, w.marie, "Děčín", 2, EvalCounts{ClientsA: 1, SuccessA: 1})
	record(w.msk, w.roman, "Ostrava", 1, EvalCounts{ClientsC: 2, SuccessC: 1})
	record(w.admin, w.lecture, "Most", 1, EvalCounts{ClientsC: 1})

	period1 := EvalSpan{From: EvalPeriod{2026, 1}, To: EvalPeriod{2026, 1}}
	rep, err := w.svc.EvaluationReport(w.ctx, w.ulk, "", period1)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Regions) != 1 || rep.Region != "ULK" {
		t.Fatalf("a coordinator's report: %+v", rep)
	}
	ulk := rep.Regions[0]
	if len(ulk.Centres) != 3 || ulk.Centres[0].Centre != "Děčín" || ulk.Centres[0].Mentors != 2 ||
		ulk.Centres[0].AllClients != 6 || *ulk.Centres[0].Percent != 67 {
		t.Errorf("centres = %+v", ulk.Centres)
	}
	// Marie, Jan and the lecturer: the report names nobody, so it counts every record.
	if ulk.Total.Mentors != 3 || ulk.Total.AllClients != 10 || ulk.Total.AllSuccessful != 5 || *ulk.Total.Percent != 50 {
		t.Errorf("ULK total = %+v", ulk.Total)
	}
	if _, err := w.svc.EvaluationReport(w.ctx, w.ulk, "MSK", period1); err == nil || err.(*web.Error).Code != web.CodeForbidden {
		t.Errorf("another region's report: %v", err)
	}
	all, err := w.svc.EvaluationReport(w.ctx, w.admin, "", EvalYear(2026))
	if err != nil || len(all.Regions) != 2 || all.Total.Mentors != 4 || all.Total.AllClients != 13 {
		t.Errorf("the admin's year: %+v, %v", all, err)
	}

	list, total, err := w.svc.Evaluations(w.ctx, w.ulk, EvalFilter{Span: EvalYear(2026), Limit: 2})
	if err != nil || total != 4 || len(list) != 2 || list[0].Period != 2 {
		t.Errorf("a coordinator's list: %d of %d, %+v, %v", len(list), total, list, err)
	}
	for _, e := range list {
		if e.PersonID == w.lecture.ID || e.Region != "ULK" {
			t.Errorf("a coordinator sees %+v", e)
		}
	}
	if _, total, _ := w.svc.Evaluations(w.ctx, w.admin, EvalFilter{Span: EvalYear(2026), Limit: 50}); total != 6 {
		t.Errorf("the admin sees %d records, want 6", total)
	}
	if _, _, err := w.svc.Evaluations(w.ctx, w.msk, EvalFilter{Region: "ULK", Span: EvalYear(2026), Limit: 50}); err == nil {
		t.Error("a coordinator lists another region's records")
	}
}
