package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestLanguageSwitch: Czech by default; the switch is remembered for the browser and, for a
// signed-in person, in their profile so that it follows them to another browser.
func TestLanguageSwitch(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	visitor := h.visitor()
	if body := readBody(t, visitor.get("/login")); !strings.Contains(body, `<html lang="cs">`) || !strings.Contains(body, "Přihlášení") {
		t.Fatal("the default language is not Czech")
	}
	resp := visitor.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/login?next=%2Faccount"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Faccount" {
		t.Fatalf("switch: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if body := readBody(t, visitor.get("/login")); !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Sign in") {
		t.Error("the choice is not remembered")
	}
	if resp := visitor.form("POST", "/lang", url.Values{"lang": {"de"}}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown language: %d", resp.StatusCode)
	}
	if resp := visitor.form("POST", "/lang", url.Values{"lang": {"cs"}, "next": {"https://evil.example/"}}); resp.Header.Get("Location") != "/" {
		t.Errorf("open redirect: %q", resp.Header.Get("Location"))
	}

	lecturer := h.browser("lektor@test.cz")
	lecturer.form("POST", "/lang", url.Values{"lang": {"en"}})
	other := h.browser("lektor@test.cz") // another browser, no language cookie
	delete(other.cookies, web.LangCookie)
	if body := readBody(t, other.get("/account")); !strings.Contains(body, "My account") {
		t.Error("the saved preference does not follow the person")
	}
}

// TestErrorPages: 404 and 403 pages in both languages, with the layout.
func TestErrorPages(t *testing.T) {
	h := newHarness(t)
	h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	c := h.browser("ucastnik@test.cz")
	for _, tc := range []struct {
		path, lang, want string
		status           int
	}{
		{"/nic-takoveho", "cs", "Stránka nenalezena", 404},
		{"/nic-takoveho", "en", "Page not found", 404},
		{"/people", "cs", "Přístup odepřen", 403},
		{"/people", "en", "Access denied", 403},
		{"/people/abc", "cs", "Osoba neexistuje.", 404},
	} {
		c.cookies[web.LangCookie] = tc.lang
		resp := c.get(tc.path)
		body := readBody(t, resp)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) || !strings.Contains(body, `href="/account"`) {
			t.Errorf("%s in %s: %d, want %d with %q", tc.path, tc.lang, resp.StatusCode, tc.status, tc.want)
		}
	}
}

// TestPeoplePages: search, filters, an empty state, editing with before/after in the audit
// log, and deactivation ending the person's sessions.
func TestPeoplePages(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("roman@test.cz", "Roman Balog", "MSK", web.RoleTrainee)
	h.person("koord@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	admin := h.browser("admin@test.cz")

	body := readBody(t, admin.get("/people?q=ginova"))
	if !strings.Contains(body, "Marie Giňová") || strings.Contains(body, "Roman Balog") || !strings.Contains(body, "1 osoba") {
		t.Error("search without diacritics does not find exactly Marie")
	}
	if body := readBody(t, admin.get("/people?q=nikdo-takovy")); !strings.Contains(body, "Nikdo neodpovídá zadání") {
		t.Error("no empty state")
	}
	if body := readBody(t, admin.get("/people?role=trainee")); !strings.Contains(body, "2 osoby") {
		t.Error("role filter")
	}
	coord := h.browser("koord@test.cz")
	if body := readBody(t, coord.get("/people")); strings.Contains(body, "Roman Balog") || !strings.Contains(body, "Marie Giňová") {
		t.Error("a coordinator sees another region")
	}

	mariesBrowser := h.browser("marie@test.cz")
	path := "/people/" + itoa(marie.ID)
	resp := admin.form("POST", path, url.Values{"name": {"Marie Giňová"}, "email": {"marie@test.cz"},
		"region": {"ULK"}, "pms_centre": {"Děčín"}, "roles": {"trainee"}, "birth_date": {"1992-03-14"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	body = readBody(t, admin.get("/audit?entity=person&entity_id="+itoa(marie.ID)))
	if !strings.Contains(body, "Úprava osoby") || !strings.Contains(body, `<th scope="row">Středisko PMS</th><td></td><td>Děčín</td>`) {
		t.Error("the audit log lacks the change with its after-state")
	}
	body = readBody(t, admin.form("POST", path+"/deactivate", nil))
	for _, want := range []string{"Deaktivovat: Marie", "Osoba se nebude moci přihlásit.", "1 přihlášení v prohlížeči bude hned ukončeno.",
		"0 klíčů API bude zrušeno.", "Ano, deaktivovat"} {
		if !strings.Contains(body, want) {
			t.Errorf("the confirmation of deactivating lacks %q", want)
		}
	}
	if resp := admin.form("POST", path+"/deactivate", url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("deactivate: %d", resp.StatusCode)
	}
	if resp := mariesBrowser.get("/account"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a deactivated person's session still works: %d", resp.StatusCode)
	}
	if resp := admin.get("/audit?from=2026-13-01"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad date in the audit filter: %d", resp.StatusCode)
	}
	if body := readBody(t, admin.get("/audit?action=auth.login_failed")); !strings.Contains(body, "Žádné záznamy") {
		t.Error("audit empty state")
	}
}

// TestPagerKeepsTheFilter: the next page of a filtered list keeps the filter in a link a
// browser can follow (= and & as they are, values escaped).
func TestPagerKeepsTheFilter(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	for i := range 60 {
		h.person(fmt.Sprintf("u%02d@test.cz", i), fmt.Sprintf("Účastník %02d", i), "ULK", web.RoleTrainee)
	}
	body := readBody(t, h.browser("admin@test.cz").get("/people?q=%C3%BA%C4%8Dastn%C3%ADk&role=trainee"))
	if !strings.Contains(body, `href="/people?q=%C3%BA%C4%8Dastn%C3%ADk&amp;role=trainee&amp;page=2"`) {
		t.Errorf("no working link to the next page in %s", body[strings.Index(body, `class="pager"`)-20:])
	}
}
