package main

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"mentorlms/web"
)

// TestDashboards reads each role's dashboard over the records world (a run from Thursday 26
// February to Thursday 5 March 2026 with a session on each of those days; the clock says
// Monday 2 March): what it lists follows what happens.
func TestDashboards(t *testing.T) {
	w := newRecordsWorld(t)
	h := w.h
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	jan := h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
		VALUES (?, ?, 'pending', '', '')`, w.run, jan.ID); err != nil {
		t.Fatal(err)
	}
	lecturer, marie := h.browser("lektor@test.cz"), h.browser("marie@test.cz")
	attendance := fmt.Sprintf("/runs/%d/sessions/%d/attendance", w.run, w.past)

	expectPage(t, lecturer.get("/"), http.StatusOK, []string{"Výuka", "Dnes a příštích 7 dní", "5. března 2026", "9:00–10:30",
		"Lekce bez zapsané docházky", "26. 2. 2026", "bez záznamu 2 osoby", `href="` + attendance + `"`},
		fmt.Sprintf(`href="/runs/%d/sessions/%d/attendance"`, w.run, w.future))
	expectPage(t, marie.get("/"), http.StatusOK, []string{"Moje vzdělávání", "Příští lekce", "5. března 2026", "9:00–10:30",
		"Práce s klientem se závislostí", "Most, Moskevská 1", "Teorie: 0 z 2 hodin", "Chybí ještě"}, "Výuka")
	expectPage(t, h.browser("koordinator@test.cz").get("/"), http.StatusOK, []string{"Kraj: Ústecký kraj",
		"1 přihláška čeká na vaše rozhodnutí", `href="/people/` + itoa(jan.ID) + `/evidence">Jan Bandy</a> · výpis chybí`})
	admin := h.browser("admin@test.cz")
	expectPage(t, admin.get("/"), http.StatusOK, []string{"Správa", "Všechna osvědčení jsou vydaná.",
		"Běhy, které tento týden začínají nebo končí", "Práce s klientem se závislostí"})

	w.mark(t, w.past, fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"absent"}]`, w.marie, w.milan))
	expectPage(t, lecturer.get("/"), http.StatusOK, []string{"Docházka všech vašich proběhlých lekcí je zapsaná."}, `href="`+attendance+`"`)
	h.advance(4 * 24 * time.Hour) // Friday 6 March: the run is over
	expectPage(t, h.browser("admin@test.cz").get("/"), http.StatusOK, []string{"1 absolvent čeká na osvědčení.",
		fmt.Sprintf(`href="/runs/%d/completion"`, w.run), "1 osvědčení k vydání"})
	expectPage(t, h.browser("marie@test.cz").get("/"), http.StatusOK, []string{"Před vámi teď není žádná lekce."})
}

// TestDashboardIssuerMissing: without a configured issuer, the admin's dashboard says that no
// certificate can be issued and what to set.
func TestDashboardIssuerMissing(t *testing.T) {
	h := newHarnessWith(t, options{})
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	expectPage(t, h.browser("admin@test.cz").get("/"), http.StatusOK, []string{"Osvědčení zatím nelze vydávat",
		"--issuer-name", "MENTORLMS_ISSUER_NAME"})
	h2 := newHarness(t) // the tests' harness configures an issuer
	h2.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	expectPage(t, h2.browser("admin@test.cz").get("/"), http.StatusOK, []string{"Správa"}, "Osvědčení zatím nelze vydávat")
}
