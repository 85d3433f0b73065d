package main

import (
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
