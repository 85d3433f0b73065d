package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

const androidChrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"

// TestSignIns: the account page lists where the person is signed in; they sign out another
// device, every other device, or this one; nobody ends a session that is not theirs.
func TestSignIns(t *testing.T) {
	h := newHarness(t)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	phone := h.visitor()
	phone.agent = androidChrome
	expectStatus(t, phone.form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {testPassword}}), http.StatusSeeOther)
	laptop := h.browser("marie@test.cz")
	expectPage(t, laptop.get("/account"), http.StatusOK, []string{"Kde jste přihlášeni", "Chrome · Android", "toto zařízení",
		"Neznámé zařízení", "Odhlásit všechna ostatní zařízení"})

	sessionOf := func(email, device string) string {
		var id int64
		if err := h.d.R.Get(&id, `SELECT s.rowid FROM auth_sessions s JOIN persons p ON p.id = s.person_id
			WHERE p.email = ? AND s.device = ? ORDER BY s.rowid DESC LIMIT 1`, email, device); err != nil {
			t.Fatal(err)
		}
		return itoa(id)
	}
	jan := h.browser("jan@test.cz")
	expectStatus(t, laptop.form("POST", "/account/sessions/"+sessionOf("jan@test.cz", "")+"/end", nil), http.StatusNotFound)
	expectStatus(t, jan.get("/account"), http.StatusOK)

	resp := laptop.form("POST", "/account/sessions/"+sessionOf("marie@test.cz", "Chrome · Android")+"/end", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account#signins" {
		t.Fatalf("ending the phone: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectPage(t, laptop.get("/account"), http.StatusOK, []string{"Zařízení je odhlášeno."})
	expectStatus(t, phone.get("/account"), http.StatusSeeOther)

	tablet, desktop := h.browser("marie@test.cz"), h.browser("marie@test.cz")
	expectStatus(t, laptop.form("POST", "/account/sessions/others/end", nil), http.StatusSeeOther)
	expectPage(t, laptop.get("/account"), http.StatusOK, []string{"Odhlášena 2 další zařízení."})
	expectStatus(t, tablet.get("/account"), http.StatusSeeOther)
	expectStatus(t, desktop.get("/account"), http.StatusSeeOther)

	// Signing out this device from the list is signing out.
	resp = laptop.form("POST", "/account/sessions/"+sessionOf("marie@test.cz", "")+"/end", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" || laptop.cookies[web.SessionCookie] != "" {
		t.Errorf("ending this device: %d %s %v", resp.StatusCode, resp.Header.Get("Location"), laptop.cookies)
	}
	if n := h.rows("auth_sessions"); n != 1 {
		t.Errorf("%d sessions left, want Jan's", n)
	}
}

// TestTokensPage: a person sees their API tokens, when each was last used, and revokes one
// after a confirmation; an admin does the same from the person's page; the revoked token
// answers 401 at once.
func TestTokensPage(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	token, err := h.svc.CreateToken(context.Background(), "marie@test.cz",
		people.TokenInput{Name: "tabulka docházky", Expires: "2026-06-30"}, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	b := h.browser("marie@test.cz")
	expectPage(t, b.get("/account"), http.StatusOK, []string{"Klíče API", "tabulka docházky", "platí do 30. 6. 2026", "zatím nepoužit"})
	program := &client{h: h, cookies: map[string]string{}, bearer: token}
	expectStatus(t, program.get("/api/v1/me"), http.StatusOK)
	page := readBody(t, b.get("/account"))
	if !strings.Contains(page, "naposledy použit 2. 3. 2026") {
		t.Errorf("the last use is not shown:\n%s", page)
	}
	var id int64
	if err := h.d.R.Get(&id, `SELECT id FROM api_tokens WHERE person_id = ? AND name = 'tabulka docházky'`, marie.ID); err != nil {
		t.Fatal(err)
	}
	expectPage(t, b.get("/tokens/"+itoa(id)+"/revoke"), http.StatusOK, []string{"Zrušit klíč API „tabulka docházky“?", "Ano, zrušit klíč"})
	resp := b.form("POST", "/tokens/"+itoa(id)+"/revoke", url.Values{"confirm": {"yes"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account#tokens" {
		t.Fatalf("revoke: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectPage(t, b.get("/account"), http.StatusOK, []string{"Klíč „tabulka docházky“ je zrušen.", "Žádné klíče API."})
	expectStatus(t, program.get("/api/v1/me"), http.StatusUnauthorized)

	// An admin revokes from the person's page.
	if _, err := h.svc.CreateToken(context.Background(), "marie@test.cz", people.TokenInput{Name: "export"}, h.clock()); err != nil {
		t.Fatal(err)
	}
	admin := h.browser("admin@test.cz")
	expectPage(t, admin.get("/people/"+itoa(marie.ID)), http.StatusOK, []string{"Klíče API", "export", "platí do zrušení"})
	if err := h.d.R.Get(&id, `SELECT id FROM api_tokens WHERE name = 'export'`); err != nil {
		t.Fatal(err)
	}
	resp = admin.form("POST", "/tokens/"+itoa(id)+"/revoke", url.Values{"confirm": {"yes"}})
	if want := "/people/" + itoa(marie.ID) + "#tokens"; resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Errorf("admin's revoke: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := h.rows("api_tokens"); n != 0 {
		t.Errorf("%d tokens left", n)
	}
}

// A sign-in with nothing typed says what is missing, keeps the e-mail, and counts no attempt
// against the address or the account.
func TestSignInEmpty(t *testing.T) {
	h := newHarness(t)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	v := h.visitor()
	expectPage(t, v.form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {""}}), http.StatusUnprocessableEntity,
		[]string{"Zadejte e-mail i heslo.", `value="marie@test.cz"`})
	expectPage(t, v.form("POST", "/login", url.Values{"email": {" "}, "password": {"něco"}}), http.StatusUnprocessableEntity,
		[]string{"Zadejte e-mail i heslo."})
	if n := h.rows("login_failures"); n != 0 {
		t.Errorf("%d attempts counted for nothing typed", n)
	}
}
