package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestAPIEnrollment follows an application through the API: the trainee sees what is missing,
// applies, the coordinator records the extract and approves, the run fills, a withdrawal moves
// the first waiting person up and they find the news in their inbox.
func TestAPIEnrollment(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("koord@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("koord.msk@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	if _, err := h.d.W.Exec(`UPDATE runs SET capacity = 1 WHERE id = ?`, fx.run); err != nil {
		t.Fatal(err)
	}
	coord, coordMSK, admin := h.api("koord@test.cz"), h.api("koord.msk@test.cz"), h.api("admin@test.cz")
	me := h.api("marie@test.cz")

	type outcome struct {
		Rule   string
		OK     bool
		Reason string
	}
	elig := decode[struct {
		Eligible bool
		Rules    []outcome
	}](t, me.get(fmt.Sprintf("/api/v1/people/%d/eligibility?run=%d", marie.ID, fx.run)))
	if elig.Eligible || len(elig.Rules) != 5 {
		t.Fatalf("eligibility %+v", elig)
	}
	for _, o := range elig.Rules {
		if o.Rule == "record_check" && (o.OK || !strings.Contains(o.Reason, "chybí výpis")) {
			t.Errorf("record rule %+v", o)
		}
	}

	resp := me.json("POST", fmt.Sprintf("/api/v1/runs/%d/enrollments", fx.run), fmt.Sprintf(`{"person_id":%d}`, marie.ID))
	applied := decode[struct {
		ID     int64
		Status string
	}](t, resp)
	if resp.StatusCode != http.StatusCreated || applied.Status != "pending" {
		t.Fatalf("apply: %d %+v", resp.StatusCode, applied)
	}
	if resp := me.json("POST", fmt.Sprintf("/api/v1/runs/%d/enrollments", fx.run), fmt.Sprintf(`{"person_id":%d}`, marie.ID)); resp.StatusCode != http.StatusConflict {
		t.Errorf("applying twice: %d", resp.StatusCode)
	}

	approve := fmt.Sprintf("/api/v1/enrollments/%d/approve", applied.ID)
	resp = coord.json("POST", approve, "")
	if e := decode[apiError](t, resp); resp.StatusCode != 422 || !strings.Contains(e.Error.Fields["record_check"], "chybí výpis") {
		t.Fatalf("approving without an extract: %d %+v", resp.StatusCode, e)
	}
	if resp := coordMSK.json("POST", approve, ""); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another region's coordinator: %d", resp.StatusCode)
	}
	evidence := fmt.Sprintf("/api/v1/people/%d/evidence", marie.ID)
	if resp := coord.json("PUT", evidence, `{"record_check":{"issued_on":"2026-03-05","clean":true,"verified_on":"2026-03-05"}}`); resp.StatusCode != 422 {
		t.Errorf("an extract dated in the future: %d", resp.StatusCode)
	}
	if resp := coord.json("PUT", evidence, `{"pledge_signed_on":"2026-02-01"}`); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a coordinator recording a pledge: %d", resp.StatusCode)
	}
	if resp := coord.json("PUT", evidence, `{"record_check":{"issued_on":"2026-02-20","clean":true,"verified_on":"2026-02-25"}}`); resp.StatusCode != 200 {
		t.Fatalf("record check: %d %s", resp.StatusCode, readBody(t, resp))
	}
	resp = coord.json("POST", approve, "")
	if got := decode[struct{ Status string }](t, resp); resp.StatusCode != 200 || got.Status != "enrolled" {
		t.Fatalf("approve: %d %+v", resp.StatusCode, got)
	}

	// Jan is enrolled by the coordinator at once, but the only seat is taken: he waits.
	if _, err := h.d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
		VALUES (?, '2026-02-20', 1, '2026-02-21', '')`, jan.ID); err != nil {
		t.Fatal(err)
	}
	resp = coord.json("POST", fmt.Sprintf("/api/v1/runs/%d/enrollments", fx.run), fmt.Sprintf(`{"person_id":%d}`, jan.ID))
	if got := decode[struct{ Status string }](t, resp); resp.StatusCode != http.StatusCreated || got.Status != "waitlisted" {
		t.Fatalf("second enrolment: %d %+v", resp.StatusCode, got)
	}

	// Marie withdraws; Jan moves up and is told.
	if resp := me.json("POST", fmt.Sprintf("/api/v1/enrollments/%d/withdraw", applied.ID), ""); resp.StatusCode != 200 {
		t.Fatalf("withdraw: %d", resp.StatusCode)
	}
	roster := decode[web.List[struct {
		PersonID int64 `json:"person_id"`
		Status   string
	}]](t, admin.get(fmt.Sprintf("/api/v1/runs/%d/enrollments", fx.run)))
	if len(roster.Items) != 2 || roster.Items[1].PersonID != jan.ID || roster.Items[1].Status != "enrolled" {
		t.Errorf("roster %+v", roster.Items)
	}
	inbox := decode[web.List[struct {
		Title string
		Body  string
	}]](t, h.api("jan@test.cz").get("/api/v1/notifications"))
	// Newest first: the seat, and before it the approval onto the waitlist.
	if len(inbox.Items) != 2 || inbox.Items[0].Title != "Uvolnilo se pro vás místo" || !strings.Contains(inbox.Items[0].Body, "14. 4. 2026") ||
		inbox.Items[1].Title != "Jste v pořadníku" {
		t.Errorf("Jan's inbox %+v", inbox.Items)
	}
	jansBrowser := h.browser("jan@test.cz")
	if body := readBody(t, jansBrowser.get("/inbox")); !strings.Contains(body, "2 nepřečtené zprávy") {
		t.Error("the inbox page does not count the unread message")
	}
	jansBrowser.form("POST", "/inbox/read", nil)
	if body := readBody(t, jansBrowser.get("/inbox")); !strings.Contains(body, "0 nepřečtených zpráv") {
		t.Error("marking all read")
	}
}
