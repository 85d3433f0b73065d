package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestEvidencePage walks the evidence page as the coordinator of the person's region and as an
// admin: record checks through the form, a future date refused with nothing stored, views
// audit-logged, and the self-identification shown to the admin only.
func TestEvidencePage(t *testing.T) {
	h := newHarness(t)
	coordPerson := h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("koordinator2@test.cz", "Karel Novák", "PHA", web.RoleCoordinator)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	target := h.person("cil@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	coord, admin := h.browser("koordinator@test.cz"), h.browser("admin@test.cz")
	page := "/people/" + itoa(target.ID) + "/evidence"
	count := func(query string, args ...any) int {
		t.Helper()
		var n int
		if err := h.d.R.GetContext(context.Background(), &n, query, args...); err != nil {
			t.Fatal(err)
		}
		return n
	}
	views := func(actor int64) int {
		return count(`SELECT COUNT(*) FROM audit_log WHERE action = 'evidence.view' AND actor_id = ? AND entity_id = ?`,
			actor, target.ID)
	}

	t.Run("the coordinator's view is audit-logged and shows no self-identification", func(t *testing.T) {
		resp := coord.get(page)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q, want no-store", resp.Header.Get("Cache-Control"))
		}
		if views(coordPerson.ID) != 1 {
			t.Errorf("%d view entries, want 1", views(coordPerson.ID))
		}
		if strings.Contains(body, "/evidence/identification") || strings.Contains(body, "sebeidentifikace") ||
			strings.Contains(body, "/evidence/pledge") {
			t.Error("the coordinator is offered self-identification or the pledge")
		}
		if !strings.Contains(body, `action="`+page+`/record-check"`) {
			t.Error("no record-check form")
		}
	})
	t.Run("the coordinator records a record check", func(t *testing.T) {
		resp := coord.form("POST", page+"/record-check",
			url.Values{"issued_on": {"2026-02-20"}, "clean": {"1"}, "verified_on": {"2026-03-02"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != page {
			t.Fatalf("status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		body := readBody(t, coord.get(page))
		for _, want := range []string{"20. 2. 2026", "2. 3. 2026", "Čistý", "Petr Horváth"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if n := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'evidence.update' AND actor_id = ?`, coordPerson.ID); n != 1 {
			t.Errorf("%d update entries, want 1", n)
		}
	})
	t.Run("a record check dated in the future gives 422 and stores nothing", func(t *testing.T) {
		resp := coord.form("POST", page+"/record-check",
			url.Values{"issued_on": {"2026-03-03"}, "clean": {"1"}, "verified_on": {"2026-03-02"}})
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if !strings.Contains(body, "Datum nemůže být v budoucnosti.") || !strings.Contains(body, `value="2026-03-03"`) {
			t.Error("the page does not say what is wrong or lost the input")
		}
		if n := count(`SELECT COUNT(*) FROM record_checks WHERE person_id = ?`, target.ID); n != 1 {
			t.Errorf("%d record checks, want 1", n)
		}
	})
	t.Run("the coordinator may not record a pledge or self-identification", func(t *testing.T) {
		for _, path := range []string{"/pledge", "/identification"} {
			resp := coord.form("POST", page+path, url.Values{"pledge_signed_on": {"2026-03-01"}, "roma": {"1"},
				"consent": {"1"}, "consent_on": {"2026-03-01"}})
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s: status %d, want 403", path, resp.StatusCode)
			}
		}
	})
	t.Run("a coordinator of another region gets 403", func(t *testing.T) {
		other := h.browser("koordinator2@test.cz")
		resp := other.get(page)
		resp.Body.Close()
		resp2 := other.form("POST", page+"/record-check",
			url.Values{"issued_on": {"2026-02-20"}, "clean": {"1"}, "verified_on": {"2026-03-02"}})
		resp2.Body.Close()
		if resp.StatusCode == http.StatusOK || resp2.StatusCode != http.StatusForbidden {
			t.Errorf("statuses %d, %d", resp.StatusCode, resp2.StatusCode)
		}
	})
	t.Run("the admin records self-identification only with consent, and withdraws it", func(t *testing.T) {
		resp := admin.form("POST", page+"/identification",
			url.Values{"roma": {"1"}, "consent_on": {"2026-03-01"}, "action": {"record"}})
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Bez výslovného souhlasu") {
			t.Fatalf("without consent: status %d", resp.StatusCode)
		}
		if n := count(`SELECT COUNT(*) FROM identifications`); n != 0 {
			t.Fatalf("%d identifications stored without consent", n)
		}
		resp = admin.form("POST", page+"/identification",
			url.Values{"roma": {"1"}, "consent": {"1"}, "consent_on": {"2026-03-01"}, "action": {"record"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("with consent: status %d", resp.StatusCode)
		}
		body = readBody(t, admin.get(page))
		if !strings.Contains(body, "Hlásí se k romské národnosti") || !strings.Contains(body, "souhlas udělen 1. 3. 2026") {
			t.Error("the admin's page does not show the statement")
		}
		// Withdrawing erases the statement for good: it asks first, carrying the date on.
		withdraw := url.Values{"withdrawn_on": {"2026-03-02"}, "action": {"withdraw"}}
		body = readBody(t, admin.form("POST", page+"/identification", withdraw))
		for _, want := range []string{"Odvolat souhlas se sebeidentifikací: Jan Bandy?", "smaže ze všech dosavadních záznamů",
			`name="confirm" value="yes"`, `name="withdrawn_on" value="2026-03-02"`, `name="action" value="withdraw"`} {
			if !strings.Contains(body, want) {
				t.Errorf("the confirmation lacks %q", want)
			}
		}
		if n := count(`SELECT COUNT(*) FROM identifications WHERE person_id = ? AND roma IS NOT NULL`, target.ID); n != 1 {
			t.Fatalf("asking erased the statement: %d left", n)
		}
		// A date before the consent is refused after confirming, back on the page as typed.
		resp = admin.form("POST", page+"/identification", url.Values{"withdrawn_on": {"2026-02-01"}, "action": {"withdraw"}, "confirm": {"yes"}})
		if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="2026-02-01"`) {
			t.Fatalf("a withdrawal before the consent: %d", resp.StatusCode)
		}
		withdraw.Set("confirm", "yes")
		resp = admin.form("POST", page+"/identification", withdraw)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("withdraw: status %d", resp.StatusCode)
		}
		body = readBody(t, admin.get(page))
		if !strings.Contains(body, "Souhlas odvolán, údaj vymazán") {
			t.Error("the withdrawal is not shown")
		}
		if n := count(`SELECT COUNT(*) FROM identifications WHERE person_id = ?`, target.ID); n != 2 {
			t.Errorf("%d entries, want 2 (history kept)", n)
		}
		if n := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'identification.view' AND entity_id = ?`, target.ID); n < 2 {
			t.Errorf("%d identification views logged, want at least 2", n)
		}
		body = readBody(t, coord.get(page))
		if strings.Contains(body, "romské") || strings.Contains(body, "Souhlas odvolán") {
			t.Error("the coordinator sees the self-identification")
		}
	})
	t.Run("the admin records a pledge; an empty one is refused", func(t *testing.T) {
		resp := admin.form("POST", page+"/pledge", url.Values{"pledge_signed_on": {""}})
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Zadejte datum podpisu") {
			t.Fatalf("empty: status %d", resp.StatusCode)
		}
		resp = admin.form("POST", page+"/pledge", url.Values{"pledge_signed_on": {"2026-02-27"}})
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if body := readBody(t, admin.get(page)); !strings.Contains(body, "Podepsán 27. 2. 2026") {
			t.Error("the pledge is not shown")
		}
	})
	t.Run("the person page links to the evidence for staff only", func(t *testing.T) {
		link := `href="` + page + `"`
		if !strings.Contains(readBody(t, coord.get("/people/"+itoa(target.ID))), link) {
			t.Error("no link for the coordinator")
		}
		if !strings.Contains(readBody(t, admin.get("/people/"+itoa(target.ID))), link) {
			t.Error("no link for the admin")
		}
		self := h.browser("cil@test.cz")
		if strings.Contains(readBody(t, self.get("/people/"+itoa(target.ID))), link) {
			t.Error("the person is offered the evidence link")
		}
	})
}
