package main

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"mentorlms/web"
)

// TestLecturerReachesPastSessions: after a session the lecturer finds it among the recent
// sessions and in the run's schedule, with the way to its attendance; nobody else gets the link.
func TestLecturerReachesPastSessions(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("jiny.lektor@test.cz", "Karel Novák", "ULK", web.RoleLecturer)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	link := `href="/runs/` + itoa(fx.run) + `/sessions/` + itoa(fx.session) + `/attendance"`
	lecturer := h.browser("lektor@test.cz")
	if body := readBody(t, lecturer.get("/runs/"+itoa(fx.run))); strings.Contains(body, link) {
		t.Error("the run page offers attendance before the session")
	}
	h.advance(time.Date(2026, 4, 20, 8, 0, 0, 0, time.UTC).Sub(h.clock()))
	lecturer = h.browser("lektor@test.cz") // the earlier sign-in has timed out
	body := readBody(t, lecturer.get("/my/sessions"))
	if !strings.Contains(body, "Nedávno proběhlé lekce") || !strings.Contains(body, link) {
		t.Error("my sessions does not offer last week's session")
	}
	if body := readBody(t, lecturer.get("/runs/"+itoa(fx.run))); !strings.Contains(body, link) ||
		!strings.Contains(body, "/runs/"+itoa(fx.run)+"/completion") {
		t.Error("the run page does not offer attendance to its lecturer")
	}
	for _, who := range []string{"jiny.lektor@test.cz", "marie@test.cz"} {
		if body := readBody(t, h.browser(who).get("/runs/"+itoa(fx.run))); strings.Contains(body, link) {
			t.Errorf("%s is offered the attendance", who)
		}
	}
	h.advance(15 * 24 * time.Hour)
	if body := readBody(t, h.browser("lektor@test.cz").get("/my/sessions")); strings.Contains(body, link) {
		t.Error("a session of more than two weeks ago is still listed")
	}
}

// TestAttendanceSaveKeepsOthersChanges: a lecturer saves a page loaded before a colleague
// marked someone; the rows the lecturer did not touch keep the colleague's newer mark.
func TestAttendanceSaveKeepsOthersChanges(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	for _, p := range []int64{marie.ID, jan.ID} {
		if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, 'enrolled', '', '')`, fx.run, p); err != nil {
			t.Fatal(err)
		}
	}
	h.advance(time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC).Sub(h.clock()))
	page := "/runs/" + itoa(fx.run) + "/sessions/" + itoa(fx.session) + "/attendance"
	lecturer := h.browser("lektor@test.cz")
	if body := readBody(t, lecturer.get(page)); !strings.Contains(body, `name="was.`+itoa(marie.ID)+`" value=""`) {
		t.Fatal("the page does not carry what it showed")
	}
	// Meanwhile the admin marks Marie late.
	admin := h.api("admin@test.cz")
	if resp := admin.json("PUT", "/api/v1/sessions/"+itoa(fx.session)+"/attendance",
		`[{"person_id":`+itoa(marie.ID)+`,"status":"late","minutes":30}]`); resp.StatusCode != 200 {
		t.Fatalf("admin's mark: %d", resp.StatusCode)
	}
	// The lecturer's older page had Marie unmarked and marks Jan present.
	resp := lecturer.form("POST", page, url.Values{"was." + itoa(marie.ID): {""}, "was." + itoa(jan.ID): {""},
		"status." + itoa(jan.ID): {"present"}})
	if resp.StatusCode != 303 {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	var st string
	if err := h.d.R.Get(&st, `SELECT a.status FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.person_id = ?`, marie.ID); err != nil || st != "late" {
		t.Errorf("Marie's newer mark: %q %v", st, err)
	}
	// Changing a row the page showed does save it.
	resp = lecturer.form("POST", page, url.Values{"was." + itoa(jan.ID): {"present:"}, "status." + itoa(jan.ID): {"absent"}})
	if err := h.d.R.Get(&st, `SELECT a.status FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.person_id = ?`, jan.ID); err != nil || st != "absent" {
		t.Errorf("Jan's change: %q %v (%d)", st, err, resp.StatusCode)
	}
}
