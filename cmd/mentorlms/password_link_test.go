package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mentorlms/web"
)

// linkOf reads the link of the newest message of kind to the person with email.
func linkOf(t *testing.T, h *harness, email, kind string) string {
	t.Helper()
	var link string
	if err := h.d.R.Get(&link, `SELECT n.link FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE p.email = ? AND n.kind = ? ORDER BY n.id DESC LIMIT 1`, email, kind); err != nil {
		t.Fatalf("no %s for %s: %v", kind, email, err)
	}
	return link
}

func countKind(t *testing.T, h *harness, kind string) int {
	t.Helper()
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM notifications WHERE kind = ?`, kind); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPasswordReset: a forgotten password is set again through a one-time link that comes by
// message; the page says the same for an unknown address; a link works once and for an hour;
// the requests of one account are limited.
func TestPasswordReset(t *testing.T) {
	h := newHarness(t)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	v := h.visitor()
	sent := "Pokud k této adrese patří účet"
	expectPage(t, v.form("POST", "/password/forgot", url.Values{"email": {"nikdo@test.cz"}}), http.StatusOK, []string{sent})
	if n := countKind(t, h, "password_reset"); n != 0 {
		t.Fatalf("%d resets for nobody", n)
	}
	expectPage(t, v.form("POST", "/password/forgot", url.Values{"email": {" Marie@Test.cz "}}), http.StatusOK, []string{sent})
	link := linkOf(t, h, "marie@test.cz", "password_reset")
	expectPage(t, v.get(link), http.StatusOK, []string{"Marie Giňová", "marie@test.cz"})
	expectPage(t, v.form("POST", link, url.Values{"password": {"kratke"}}), http.StatusUnprocessableEntity, []string{"field-error"})
	expectPage(t, v.form("POST", link, url.Values{"password": {"Password123"}}), http.StatusUnprocessableEntity,
		[]string{"patří mezi nejběžnější"})
	resp := v.form("POST", link, url.Values{"password": {"nove-heslo-2026"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("set: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if r := h.visitor().form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {"nove-heslo-2026"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: %d", r.StatusCode)
	}
	expectStatus(t, v.get(link), http.StatusNotFound) // spent

	// A link lives an hour.
	v.form("POST", "/password/forgot", url.Values{"email": {"marie@test.cz"}})
	late := linkOf(t, h, "marie@test.cz", "password_reset")
	h.advance(61 * time.Minute)
	expectStatus(t, v.get(late), http.StatusNotFound)

	// Three requests an hour per account; the page answers alike.
	for range 5 {
		expectPage(t, h.visitor().form("POST", "/password/forgot", url.Values{"email": {"marie@test.cz"}}), http.StatusOK, []string{sent})
	}
	if n := countKind(t, h, "password_reset"); n != 2+3 {
		t.Errorf("%d reset messages, want 5", n)
	}
}

// TestInvitation: someone an admin creates without a password gets an invitation whose link
// sets it; the creator never knows it.
func TestInvitation(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	resp := h.api("admin@test.cz").json("POST", "/api/v1/people", `{"name":"Jan Bandy","email":"jan@test.cz","region":"ULK",
		"roles":["trainee"],"birth_date":"1988-07-25"}`)
	expectStatus(t, resp, http.StatusCreated)
	link := linkOf(t, h, "jan@test.cz", "invitation")
	if !strings.HasPrefix(link, "/password/") {
		t.Fatalf("link %q", link)
	}
	v := h.visitor()
	expectPage(t, v.get(link), http.StatusOK, []string{"Jan Bandy"})
	expectStatus(t, v.form("POST", link, url.Values{"password": {"moje-heslo-2026"}}), http.StatusSeeOther)
	if r := h.visitor().form("POST", "/login", url.Values{"email": {"jan@test.cz"}, "password": {"moje-heslo-2026"}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in after the invitation: %d", r.StatusCode)
	}
	// An invitation lives 48 hours.
	h.api("admin@test.cz").json("POST", "/api/v1/people", `{"name":"Eva Malá","email":"eva@test.cz","region":"ULK","roles":["lecturer"]}`)
	link = linkOf(t, h, "eva@test.cz", "invitation")
	h.advance(47 * time.Hour)
	expectStatus(t, h.visitor().get(link), http.StatusOK)
	h.advance(2 * time.Hour)
	expectStatus(t, h.visitor().get(link), http.StatusNotFound)
}

// TestCoordinatorNeverKnowsThePassword: a coordinator's form for a new person has no password;
// one given anyway (the API, a crafted form) is refused with the reason and nothing is
// created, and the person they add gets an invitation instead.
func TestCoordinatorNeverKnowsThePassword(t *testing.T) {
	h := newHarness(t)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	coord := h.browser("koordinator@test.cz")
	body := readBody(t, coord.get("/people/new"))
	if strings.Contains(body, `name="password"`) || !strings.Contains(body, "pozvánku") {
		t.Errorf("the coordinator's form offers a password:\n%s", body)
	}
	form := url.Values{"name": {"Jan Bandy"}, "email": {"jan@test.cz"}, "birth_date": {"1988-07-25"}, "roles": {"trainee"},
		"password": {"moje-heslo-2026"}}
	expectPage(t, coord.form("POST", "/people", form), http.StatusUnprocessableEntity,
		[]string{"odkazem z pozvánky", `value="Jan Bandy"`, `value="jan@test.cz"`})
	if n := countKind(t, h, "invitation"); n != 0 {
		t.Fatalf("%d invitations after a refusal", n)
	}
	e := decode[apiError](t, h.api("koordinator@test.cz").json("POST", "/api/v1/people",
		`{"name":"Jan Bandy","email":"jan@test.cz","birth_date":"1988-07-25","roles":["trainee"],"password":"moje-heslo-2026"}`))
	if e.Error.Fields["password"] == "" {
		t.Errorf("the API took a coordinator's password: %+v", e)
	}
	form.Del("password")
	expectStatus(t, coord.form("POST", "/people", form), http.StatusSeeOther)
	if link := linkOf(t, h, "jan@test.cz", "invitation"); !strings.HasPrefix(link, "/password/") {
		t.Errorf("invitation link %q", link)
	}
}
