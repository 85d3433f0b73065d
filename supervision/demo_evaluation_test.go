package supervision

import (
	"context"
	"testing"
	"time"

	"mentorlms/db/dbtest"
	"mentorlms/people"
)

func TestDemoEvaluations(t *testing.T) {
	ctx, d := context.Background(), dbtest.Open(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // the last periods to end: 2025-6 and 2026-1
	if _, err := people.Demo(ctx, people.NewService(d), now); err != nil {
		t.Fatal(err)
	}
	s := NewService(d)
	for range 2 { // the second run adds nothing
		if err := DemoEvaluations(ctx, s, now); err != nil {
			t.Fatal(err)
		}
	}
	count := func(query string) int {
		var n int
		if err := d.R.Get(&n, query); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT COUNT(*) FROM evaluations WHERE year = 2025 AND period = 6`); n != 8 {
		t.Errorf("%d records of 2025-6, want 8", n)
	}
	if n := count(`SELECT COUNT(*) FROM evaluations WHERE year = 2026 AND period = 1`); n != 9 {
		t.Errorf("%d records of 2026-1, want 9", n)
	}
	if n := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.update'`); n != 1 {
		t.Errorf("%d corrections in the audit log, want 1", n)
	}
	coord, err := s.people.ByEmail(ctx, d.R, "koordinator@mentorlms.example")
	if err != nil {
		t.Fatal(err)
	}
	last := EvalSpan{From: EvalPeriod{2026, 1}, To: EvalPeriod{2026, 1}}
	rep, err := s.EvaluationReport(ctx, coord.Principal(""), "", last)
	if err != nil || len(rep.Regions) != 1 {
		t.Fatalf("the coordinator's report: %+v, %v", rep, err)
	}
	ulk := rep.Regions[0]
	if len(ulk.Centres) != 5 || ulk.Centres[0].Centre != "Děčín" || ulk.Centres[0].Mentors != 2 || ulk.Total.Mentors != 5 {
		t.Errorf("ULK: %+v", ulk)
	}
}
