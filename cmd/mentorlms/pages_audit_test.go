package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestAuditPage reads the audit log as an admin: every record is named as people know it (a
// person's name, an application's person and course, a run's course and first day, a
// certificate's number), links to its page and to its own history, and no raw key or bare
// number stands in for a name.
func TestAuditPage(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	if _, err := h.d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
		VALUES (?, '2026-02-20', 1, '2026-02-21', '')`, marie.ID); err != nil {
		t.Fatal(err)
	}
	fx := h.schedule("lektor@test.cz")
	h.certificate(&fx, jan.ID)
	resp := h.api("koordinator@test.cz").json("POST", "/api/v1/runs/"+itoa(fx.run)+"/enrollments", `{"person_id":`+itoa(marie.ID)+`}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("enrol: %d %s", resp.StatusCode, readBody(t, resp))
	}
	var eid int64
	if err := h.d.R.Get(&eid, `SELECT id FROM enrollments WHERE person_id = ?`, marie.ID); err != nil {
		t.Fatal(err)
	}
	resp = h.api("admin@test.cz").json("POST", "/api/v1/certificates/"+itoa(fx.certificate)+"/revoke", `{"reason":"Chyba v údajích"}`)
	resp.Body.Close()

	body := expectPage(t, h.browser("admin@test.cz").get("/audit"), http.StatusOK, []string{
		`Přihláška:`, `<a href="/runs/` + itoa(fx.run) + `/roster">Marie Giňová – Řešení finanční situace zadlužených osob</a>`,
		`Osvědčení:`, `<a href="/certificates/` + itoa(fx.certificate) + `">S/2026/0001</a>`,
		`Běh:`, `<a href="/runs/` + itoa(fx.run) + `">Řešení finanční situace zadlužených osob</a> <small>(14. 4. 2026)</small>`,
		`Kurz:`, `<a href="/courses/` + itoa(fx.course) + `">Řešení finanční situace zadlužených osob</a>`,
		`Osoba:`, `<a href="/people/` + itoa(jan.ID) + `">Jan Bandy</a>`,
		`href="/audit?entity=enrollment&amp;entity_id=` + itoa(eid) + `"`, "Historie tohoto záznamu",
	})
	if strings.Contains(body, "entity.") || regexp.MustCompile(`: #\d+`).MatchString(body) {
		t.Error("the log shows a raw key or a bare number for a record")
	}
	// A record's own history lists its entries only.
	expectPage(t, h.browser("admin@test.cz").get("/audit?entity=enrollment&entity_id="+itoa(eid)), http.StatusOK,
		[]string{"Marie Giňová – Řešení finanční situace zadlužených osob"}, "S/2026/0001")
}
