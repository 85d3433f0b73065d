package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

// TestDeactivationFreesSeats: deactivating a trainee withdraws their applications in runs that
// have not started, and the seat goes to the first on the waitlist, who is told; a run under
// way keeps them. The confirmation page says so before.
func TestDeactivationFreesSeats(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	feb := prague("2026-02-01 10:00")
	running, _ := h.course("BEZI", "lektor@test.cz", "2026-02-20", "2026-03-20", feb, prague("2026-02-20 09:00"), prague("2026-02-21 09:00"))
	h.enrol(running, feb, "marie@test.cz")
	upcoming, _ := h.course("DUBEN", "lektor@test.cz", "2026-04-14", "2026-04-15", h.clock(), prague("2026-04-14 09:00"), prague("2026-04-15 09:00"))
	seat := h.enrol(upcoming, h.clock(), "marie@test.cz")["marie@test.cz"]
	h.insert(`UPDATE runs SET capacity = 1 WHERE id = ?`, upcoming)
	// Jan applies when the run is full and waits.
	jan := personID(t, h, "jan@test.cz")
	var ev people.EvidenceInput
	if err := json.Unmarshal([]byte(`{"record_check":{"issued_on":"2026-03-01","clean":true,"verified_on":"2026-03-01"}}`), &ev); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.SetEvidence(context.Background(), h.admin(), jan, ev, h.clock()); err != nil {
		t.Fatal(err)
	}
	waiting, _, err := enrollment.NewService(h.d).Apply(context.Background(), h.admin(), upcoming, jan, h.clock())
	if err != nil || waiting.Status != enrollment.Waitlisted {
		t.Fatalf("Jan: %v %v", waiting.Status, err)
	}

	admin := h.browser("spravce@test.cz")
	marie := itoa(personID(t, h, "marie@test.cz"))
	expectPage(t, admin.get("/people/"+marie+"/deactivate"), http.StatusOK,
		[]string{"Přihláška na „Práce s klientem se závislostí“ (začíná 14. 4. 2026) se stáhne a uvolněné místo dostane první v pořadníku."})
	expectStatus(t, admin.form("POST", "/people/"+marie+"/deactivate", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)

	status := func(id int64) string {
		var s string
		if err := h.d.R.Get(&s, `SELECT status FROM enrollments WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if got := status(seat); got != "withdrawn" {
		t.Errorf("Marie's seat in April is %s", got)
	}
	if got := status(waiting.ID); got != "enrolled" {
		t.Errorf("Jan is %s", got)
	}
	var inRunning string
	if err := h.d.R.Get(&inRunning, `SELECT status FROM enrollments WHERE run_id = ?`, running); err != nil || inRunning != "enrolled" {
		t.Errorf("the running run's enrolment is %s (%v)", inRunning, err)
	}
	if n := countKind(t, h, "seat_freed"); n != 1 {
		t.Errorf("%d seat messages", n)
	}
	var audited int
	if err := h.d.R.Get(&audited, `SELECT COUNT(*) FROM audit_log WHERE action = 'enrollment.withdraw' AND entity_id = ?`, seat); err != nil || audited != 1 {
		t.Errorf("withdrawal audited %d times (%v)", audited, err)
	}
}
