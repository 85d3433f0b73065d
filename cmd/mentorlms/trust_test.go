package main

import (
	"net/http"
	"testing"

	"mentorlms/web"
)

// TestEligibilityViewsLogged: whether a record is clean shows in the eligibility API and in the
// roster's rule outcomes; each showing to staff leaves one audit entry per person shown, and a
// person looking at their own does not.
func TestEligibilityViewsLogged(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	h.pending(&fx, marie.ID)
	h.pending(&fx, jan.ID)
	views := func(person int64) int {
		var n int
		if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM audit_log WHERE action = 'eligibility.view' AND entity_id = ?`, person); err != nil {
			t.Fatal(err)
		}
		return n
	}

	api := h.api("koordinator@test.cz")
	resp := api.get("/api/v1/people/" + itoa(marie.ID) + "/eligibility?run=" + itoa(fx.run))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || views(marie.ID) != 1 || views(jan.ID) != 0 {
		t.Fatalf("eligibility API: %d, views %d and %d; want 200 and one view of Marie", resp.StatusCode, views(marie.ID), views(jan.ID))
	}
	// A refused approval lists the failing rules: that shows them too.
	resp = api.json("POST", "/api/v1/enrollments/"+itoa(fx.enrollment)+"/approve", "")
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || views(jan.ID) != 1 {
		t.Fatalf("refused approval: %d, %d views of Jan; want 422 and one", resp.StatusCode, views(jan.ID))
	}
	expectPage(t, h.browser("koordinator@test.cz").get("/runs/"+itoa(fx.run)+"/roster"), http.StatusOK, []string{"Marie Giňová", "Jan Bandy"})
	if views(marie.ID) != 2 || views(jan.ID) != 2 {
		t.Errorf("after the roster: %d and %d views, want 2 each", views(marie.ID), views(jan.ID))
	}
	// Enrolling someone as staff answers with every rule's outcome: that is a view too.
	karel := h.person("karel@test.cz", "Karel Kotlár", "ULK", web.RoleTrainee)
	resp = api.json("POST", "/api/v1/runs/"+itoa(fx.run)+"/enrollments", `{"person_id":`+itoa(karel.ID)+`}`)
	resp.Body.Close()
	if views(karel.ID) != 1 {
		t.Errorf("staff enrolment (%d) left %d views of Karel, want 1", resp.StatusCode, views(karel.ID))
	}
	// The lecturer's roster shows no outcomes, and Marie's own look is hers.
	expectPage(t, h.browser("lektor@test.cz").get("/runs/"+itoa(fx.run)+"/roster"), http.StatusOK, []string{"Marie Giňová"})
	resp = h.api("marie@test.cz").get("/api/v1/people/" + itoa(marie.ID) + "/eligibility?run=" + itoa(fx.run))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || views(marie.ID) != 2 {
		t.Errorf("after the lecturer and Marie herself: %d views, want still 2", views(marie.ID))
	}
}

// TestAPIRuleInEveryCase: the API changes state only with a token, however the path is spelled;
// a browser session with a valid CSRF header gets nowhere on /API/v1/….
func TestAPIRuleInEveryCase(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	b := h.browser("admin@test.cz")
	token := b.csrf()
	body := `{"name":"Podvržená Osoba","email":"podvrh@test.cz","region":"ULK","roles":["admin"]}`
	for _, path := range []string{"/api/v1/people", "/API/v1/people", "/Api/V1/People", "/api/v1/People"} {
		req := jsonReq("POST", path, body)
		req.Header.Set(web.CSRFHeader, token)
		resp := b.do(req)
		resp.Body.Close()
		if resp.StatusCode == http.StatusCreated || resp.StatusCode == http.StatusOK {
			t.Errorf("POST %s with a session: %d", path, resp.StatusCode)
		}
	}
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM persons WHERE email = 'podvrh@test.cz'`); err != nil || n != 0 {
		t.Errorf("%d people created (%v)", n, err)
	}
	// The sign-in page states the limits, the same for every e-mail.
	expectPage(t, h.visitor().get("/login"), http.StatusOK, []string{"po 10 pokusech o jeden účet odkudkoli"})
	// Pages answer only to their own spelling too.
	resp := b.get("/PEOPLE")
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /PEOPLE: %d, want 404", resp.StatusCode)
	}
}
