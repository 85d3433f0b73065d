package supervision

import (
	"testing"

	"mentorlms/web"
)

// The demo's decisions leave Lucie inactive and Roman in training after a pause, and the
// certified mentor without a pledge active; a second run adds nothing.
func TestDemoStatuses(t *testing.T) {
	w := newStatusWorld(t)
	w.person("admin@mentorlms.example", "Jana Dvořáková", "PHA", web.RoleAdmin)
	lucie := w.mentor("lucie.olahova@mentorlms.example", "Lucie Oláhová")
	w.exec(`DELETE FROM pledges WHERE person_id = ?`, lucie.ID)
	roman := w.person("roman.balog@mentorlms.example", "Roman Balog", "MSK", web.RoleTrainee)
	w.exec(`INSERT INTO runs (id, course_id, starts_on, ends_on, capacity, status, created_at, updated_at)
		VALUES (2, 1, '2026-02-01', '2026-05-15', 12, 'running', '', '')`)
	w.exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at) VALUES (2, ?, 'enrolled', ?, ?)`,
		roman.ID, stamp(t, "2026-01-10 10:00"), stamp(t, "2026-01-11 10:00"))
	now := prague(t, "2026-03-02 10:00")
	for range 2 {
		if err := DemoStatuses(w.ctx, w.s, now); err != nil {
			t.Fatal(err)
		}
	}
	got, err := w.s.Statuses(w.ctx, []int64{lucie.ID, roman.ID}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got[lucie.ID].Status != Inactive || got[lucie.ID].ActiveSince != "2026-01-10" || got[roman.ID].Status != InTraining {
		t.Errorf("Lucie %+v, Roman %+v", got[lucie.ID], got[roman.ID])
	}
	h, err := history(w.ctx, w.d.R, roman.ID)
	if err != nil || len(h) != 3 || h[0].Cause != CauseDecisionLifted || h[0].Since != "2026-02-24" || h[1].Status != Inactive {
		t.Errorf("Roman's history %+v %v", h, err)
	}
	var pledges, decisions int
	if err := w.d.R.Get(&pledges, `SELECT COUNT(*) FROM pledges`); err != nil || pledges != 1 {
		t.Errorf("%d pledges, %v", pledges, err)
	}
	if err := w.d.R.Get(&decisions, `SELECT COUNT(*) FROM mentor_decisions`); err != nil || decisions != 2 {
		t.Errorf("%d decisions, %v", decisions, err)
	}
}
