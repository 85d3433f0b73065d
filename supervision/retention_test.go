package supervision

import (
	"testing"
	"time"
)

// TestPurgeRecordChecks: an extract's facts go the day after it stops counting, not before;
// a newer one stays; the history written from them stays as it was, and reading the status
// again adds nothing; the day of the last extract stays on the person, and the status page
// says the extract aged out and was deleted; a second pass deletes nothing.
func TestPurgeRecordChecks(t *testing.T) {
	w := newStatusWorld(t)
	marie := w.mentor("marie@test.cz", "Marie Giňová")
	jan := w.mentor("jan@test.cz", "Jan Bandy")
	w.exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-07-20', 1, '2026-07-21', ?)`,
		jan.ID, stamp(t, "2026-07-21 09:00"))
	checks := func() int {
		var n int
		if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM record_checks`); err != nil {
			t.Fatal(err)
		}
		return n
	}

	if n, err := w.s.PurgeRecordChecks(w.ctx, prague(t, "2026-08-01 23:00")); err != nil || n != 0 || checks() != 3 {
		t.Fatalf("on the extract's last day: %d deleted (%v), %d left", n, err, checks())
	}
	at := prague(t, "2026-08-02 03:00")
	n, err := w.s.PurgeRecordChecks(w.ctx, at)
	if err != nil || n != 2 || checks() != 1 {
		t.Fatalf("the day after: %d deleted (%v), %d left", n, err, checks())
	}
	var on string
	if err := w.d.R.Get(&on, `SELECT COALESCE(record_checked_on, '') FROM persons WHERE id = ?`, marie.ID); err != nil || on != "2025-08-01" {
		t.Errorf("Marie's last check day %q (%v)", on, err)
	}
	rows := w.rows(marie.ID)
	cur, err := w.s.Statuses(w.ctx, []int64{marie.ID, jan.ID}, at.Add(6*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if cur[marie.ID].Status == Active || cur[jan.ID].Status != Active {
		t.Errorf("statuses after the purge: Marie %s, Jan %s", cur[marie.ID].Status, cur[jan.ID].Status)
	}
	if got := w.rows(marie.ID); got != rows {
		t.Errorf("reading the status again added %d history rows", got-rows)
	}
	m, err := w.s.Mentor(w.ctx, w.admin, marie.ID, at)
	if err != nil || len(m.Explain) == 0 || m.Explain[0].Key != "mentor_status.missing.record_purged" || m.Explain[0].Args["Date"] != "2025-08-01" {
		t.Errorf("Marie's explanation %+v (%v)", m.Explain, err)
	}
	if n, err := w.s.PurgeRecordChecks(w.ctx, at.Add(time.Hour)); err != nil || n != 0 {
		t.Errorf("the second pass deleted %d (%v)", n, err)
	}
}
