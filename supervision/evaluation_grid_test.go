package supervision

import (
	"testing"

	"mentorlms/web"
)

func TestEvaluationGrid(t *testing.T) {
	w := newEvalWorld(t)
	p := EvalPeriod{2026, 1}
	names := func(g EvalGrid) []string {
		var out []string
		for _, ln := range g.Lines {
			out = append(out, ln.Name)
		}
		return out
	}
	g, err := w.svc.EvaluationGrid(w.ctx, w.ulk, "ULK", p, 50, 0)
	if err != nil {
		t.Fatal(err)
	}
	// In Czech order of surnames; not the lecturer who is a trainee too (a coordinator does not
	// decide about staff), not the coordinator, not Roman of MSK.
	if got := names(g); len(got) != 2 || got[0] != "Jan Bandy" || got[1] != "Marie Giňová" || g.Mentors != 2 {
		t.Fatalf("the coordinator's grid: %v (%d)", got, g.Mentors)
	}
	if g.Lines[1].CentreID != w.centres["Děčín"] || g.Lines[1].ID != 0 || len(g.Centres) != 6 {
		t.Errorf("Marie's line %+v, centres %v", g.Lines[1], g.Centres)
	}
	if a, err := w.svc.EvaluationGrid(w.ctx, w.admin, "ULK", p, 1, 1); err != nil || a.Mentors != 3 ||
		len(a.Lines) != 1 || a.Lines[0].Name != "Marie Giňová" {
		t.Errorf("the admin's second page of one: %v (%d), %v", names(a), a.Mentors, err)
	}
	if _, err := w.svc.EvaluationGrid(w.ctx, w.msk, "ULK", p, 50, 0); err == nil || err.(*web.Error).Code != web.CodeForbidden {
		t.Errorf("another region's grid: %v", err)
	}

	save := func(rows ...EvalGridRow) (int, error) {
		return w.svc.RecordEvaluations(w.ctx, w.ulk, "ULK", p, rows, w.now)
	}
	dec, rum := w.centres["Děčín"], w.centres["Rumburk"]
	n, err := save(EvalGridRow{PersonID: w.jan.ID, CentreID: rum, Blank: true},
		EvalGridRow{PersonID: w.marie.ID, CentreID: dec, EvalCounts: EvalCounts{ClientsA: 2, SuccessA: 1}})
	if err != nil || n != 1 {
		t.Fatalf("first save: %d, %v", n, err)
	}
	g, _ = w.svc.EvaluationGrid(w.ctx, w.ulk, "ULK", p, 50, 0)
	marie := g.Lines[1]
	if marie.ID == 0 || marie.ClientsA != 2 || g.Lines[0].ID != 0 {
		t.Fatalf("after saving: %+v", g.Lines)
	}
	stored := func() int { return w.count(t, `SELECT COUNT(*) FROM evaluations`) }
	audits := func() int { return w.count(t, `SELECT COUNT(*) FROM audit_log WHERE entity = 'evaluation'`) }
	before, logged := stored(), audits()

	refused := []struct {
		name string
		rows []EvalGridRow
		want string
	}{
		{"more successful than clients", []EvalGridRow{{ID: marie.ID, PersonID: w.marie.ID, CentreID: dec,
			EvalCounts: EvalCounts{ClientsA: 2, SuccessA: 5}}}, "rows.0.success_a=evaluation.count.over"},
		{"a centre of another region", []EvalGridRow{{PersonID: w.jan.ID, CentreID: w.centres["Ostrava"]}},
			"rows.0.centre_id=evaluation.centre.region"},
		{"no centre", []EvalGridRow{{PersonID: w.jan.ID, EvalCounts: EvalCounts{ClientsA: 1}}},
			"rows.0.centre_id=evaluation.centre.required"},
		{"someone not on the grid", []EvalGridRow{{PersonID: w.jan.ID, Blank: true}, {PersonID: w.roman.ID,
			CentreID: dec}}, "rows.1.person_id=evaluation.person.not_mentor"},
		{"a staff trainee", []EvalGridRow{{PersonID: w.lecture.ID, CentreID: dec}},
			"rows.0.person_id=evaluation.person.not_mentor"},
		{"a record emptied", []EvalGridRow{{ID: marie.ID, PersonID: w.marie.ID, CentreID: dec, Blank: true}},
			"rows.0.clients_a=evaluation.row.cleared"},
		{"a record of someone else", []EvalGridRow{{ID: marie.ID, PersonID: w.jan.ID, CentreID: dec}},
			"rows.0.person_id=evaluation.row.gone"},
		{"one centre twice", []EvalGridRow{{PersonID: w.jan.ID, CentreID: rum}, {PersonID: w.jan.ID, CentreID: rum}},
			"rows.1.centre_id=evaluation.centre.taken"},
		{"a new line where a record is", []EvalGridRow{{ID: marie.ID, PersonID: w.marie.ID, CentreID: dec},
			{PersonID: w.marie.ID, CentreID: dec, EvalCounts: EvalCounts{ClientsB: 1}}},
			"rows.1.centre_id=evaluation.centre.taken"},
		{"a good line beside a bad one saves nothing", []EvalGridRow{{PersonID: w.jan.ID, CentreID: rum,
			EvalCounts: EvalCounts{ClientsB: 1}}, {ID: marie.ID, PersonID: w.marie.ID, CentreID: dec,
			EvalCounts: EvalCounts{ClientsC: -1}}}, "rows.1.clients_c=evaluation.count.negative"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := save(tt.rows...); fieldsOf(err) != tt.want {
				t.Errorf("fields %q (%v), want %q", fieldsOf(err), err, tt.want)
			}
			if stored() != before || audits() != logged {
				t.Errorf("something was stored")
			}
		})
	}
	if _, err := w.svc.RecordEvaluations(w.ctx, w.ulk, "ULK", EvalPeriod{2026, 3}, nil, w.now); fieldsOf(err) !=
		"period=evaluation.period.future" {
		t.Errorf("a future period: %v", err)
	}
	if _, err := w.svc.RecordEvaluations(w.ctx, w.msk, "ULK", p, nil, w.now); err == nil {
		t.Error("a coordinator of another region saved the grid")
	}

	t.Run("nothing changed", func(t *testing.T) {
		n, err := save(EvalGridRow{ID: marie.ID, PersonID: w.marie.ID, CentreID: dec, EvalCounts: marie.EvalCounts},
			EvalGridRow{PersonID: w.jan.ID, Blank: true})
		if err != nil || n != 0 || audits() != logged {
			t.Errorf("%d changed, %v", n, err)
		}
	})
	t.Run("a record moves to another centre", func(t *testing.T) {
		n, err := save(EvalGridRow{ID: marie.ID, PersonID: w.marie.ID, CentreID: rum, EvalCounts: marie.EvalCounts})
		if err != nil || n != 1 || stored() != before || audits() != logged+1 {
			t.Errorf("%d changed, %v", n, err)
		}
		if n := w.count(t, `SELECT COUNT(*) FROM evaluations WHERE id = ? AND centre_id = ?`, marie.ID, rum); n != 1 {
			t.Error("the record stayed at its centre")
		}
	})
	t.Run("a line for a record made meanwhile corrects it", func(t *testing.T) {
		if _, _, err := w.svc.RecordEvaluation(w.ctx, w.admin, EvaluationInput{PersonID: w.jan.ID, CentreID: dec,
			Year: 2026, Period: 1}, w.now); err != nil {
			t.Fatal(err)
		}
		n, err := save(EvalGridRow{PersonID: w.jan.ID, CentreID: dec, EvalCounts: EvalCounts{ClientsC: 3, SuccessC: 3}})
		if err != nil || n != 1 || w.count(t, `SELECT COUNT(*) FROM evaluations WHERE person_id = ?`, w.jan.ID) != 1 {
			t.Errorf("%d changed, %v", n, err)
		}
	})
}
