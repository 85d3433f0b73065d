package main

import (
	"net/http"
	"net/url"
	"testing"

	"mentorlms/web"
)

// TestStaffEnrolment: the region's coordinator finds a trainee on the roster, sees the rules
// before enrolling, enrols, and later withdraws the person, each through its own page; the
// person's page lists the application, and the person is told.
func TestStaffEnrolment(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("karel@test.cz", "Karel Giňa", "MSK", web.RoleTrainee) // another region: not found
	if _, err := h.d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
		VALUES (?, '2026-02-20', 1, '2026-02-21', '')`, marie.ID); err != nil {
		t.Fatal(err)
	}
	fx := h.schedule("lektor@test.cz")
	coord := h.browser("koordinator@test.cz")
	roster := "/runs/" + itoa(fx.run) + "/roster"
	enrol := "/runs/" + itoa(fx.run) + "/enrol/" + itoa(marie.ID)

	expectPage(t, coord.get(roster+"?q=gi"), http.StatusOK, []string{"Zapsat někoho do běhu", "Marie Giňová", `href="` + enrol + `"`}, "Karel Giňa")
	expectPage(t, coord.get(roster+"?q=nikdo"), http.StatusOK, []string{"Nikdo takový mezi účastníky"}, "z jiného kraje")
	// Someone of another region waiting is not shown to the coordinator, but counted.
	if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
		SELECT ?, id, 'waitlisted', '', '' FROM persons WHERE email = 'karel@test.cz'`, fx.run); err != nil {
		t.Fatal(err)
	}
	expectPage(t, coord.get(roster), http.StatusOK, []string{"V pořadníku čeká ještě 1 osoba z jiného kraje."}, "Karel Giňa")
	if _, err := h.d.W.Exec(`DELETE FROM enrollments WHERE status = 'waitlisted'`); err != nil {
		t.Fatal(err)
	}
	expectPage(t, coord.get(enrol), http.StatusOK, []string{"Zapsat do běhu: Marie Giňová", "✓ Splněno: Věk: v první den běhu splní",
		"Rejstřík trestů: výpis je čistý", "Zápis dostane místo v běhu", "Ano, zapsat do běhu"}, "splníte")
	resp := coord.form("POST", enrol, url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != roster {
		t.Fatalf("enrol: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	body := expectPage(t, coord.get(roster), http.StatusOK, []string{"Marie Giňová: zapsáno do běhu.", "Odhlásit z běhu"})
	_ = body
	expectPage(t, coord.get(roster+"?q=gi"), http.StatusOK, []string{"přihláška už existuje"}, `href="`+enrol+`"`)
	expectPage(t, h.browser("marie@test.cz").get("/inbox"), http.StatusOK, []string{"Jste přijati do kurzu",
		"Řešení finanční situace zadlužených osob"})
	expectPage(t, coord.get("/people/"+itoa(marie.ID)), http.StatusOK, []string{"Kurzy a přihlášky",
		"Řešení finanční situace zadlužených osob", "přijata", "docházka zatím 0 %", "Osvědčení", "Žádné osvědčení."})

	var eid int64
	if err := h.d.R.Get(&eid, `SELECT id FROM enrollments WHERE person_id = ?`, marie.ID); err != nil {
		t.Fatal(err)
	}
	withdraw := "/enrollments/" + itoa(eid) + "/withdraw?next=" + url.QueryEscape(roster)
	expectPage(t, coord.get(withdraw), http.StatusOK, []string{"Odhlásit z běhu: Marie Giňová?", "Marie Giňová přijde o místo v běhu."})
	resp = coord.form("POST", "/enrollments/"+itoa(eid)+"/withdraw", url.Values{"confirm": {"yes"}, "next": {roster}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != roster {
		t.Fatalf("withdraw: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectPage(t, coord.get("/people/"+itoa(marie.ID)), http.StatusOK, []string{"odhlášena"})
}
