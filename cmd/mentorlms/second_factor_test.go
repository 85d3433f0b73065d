package main

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"mentorlms/web"
)

// codeNow is the authenticator app's code for the person's key at the harness's instant.
func codeNow(t *testing.T, h *harness, email string) string {
	t.Helper()
	var secret string
	if err := h.d.R.Get(&secret, `SELECT f.secret FROM second_factors f JOIN persons p ON p.id = f.person_id WHERE p.email = ?`, email); err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCode(secret, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	return code
}

var recoveryCode = regexp.MustCompile(`<code>([a-z2-9]{4}-[a-z2-9]{4})</code>`)

// passwordStep signs in with the password and expects the page that asks for the code.
func passwordStep(t *testing.T, h *harness, email string) *client {
	t.Helper()
	c := h.visitor()
	expectPage(t, c.form("POST", "/login", url.Values{"email": {email}, "password": {testPassword}}), http.StatusOK,
		[]string{"Zadejte šestimístný kód"})
	if c.cookies[web.SessionCookie] != "" || c.cookies["mlms_challenge"] == "" {
		t.Fatalf("after the password: %v", c.cookies)
	}
	return c
}

// TestSecondFactor walks TOTP with a fixed clock: an installation that requires it leads an
// admin to enrol before anything else; a wrong code is refused, the right one turns it on and
// shows ten recovery codes once; signing in then takes a code, which works once; five wrong
// codes lock like wrong passwords, a password typed again between them notwithstanding; a recovery code works once; a code typed too late starts
// over; another admin resets it; a trainee may turn it on and off, an admin may not turn it off.
func TestSecondFactor(t *testing.T) {
	h := newHarnessWith(t, options{Certificates: withTestIssuer, SecondFactor: true})
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("druhy@test.cz", "Petr Horváth", "PHA", web.RoleAdmin)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)

	admin := h.browser("admin@test.cz")
	resp := admin.get("/people")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/second-factor" {
		t.Fatalf("before enrolling: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectStatus(t, admin.get("/api/v1/people"), http.StatusForbidden)
	expectPage(t, admin.get("/account/second-factor"), http.StatusOK, []string{"data:image/png;base64,", "Administrátoři a koordinátoři musí mít"})
	expectPage(t, admin.form("POST", "/account/second-factor", url.Values{"code": {"000000"}}), http.StatusUnprocessableEntity,
		[]string{"Kód nesouhlasí"})
	enrolCode := codeNow(t, h, "admin@test.cz")
	page := readBody(t, admin.form("POST", "/account/second-factor", url.Values{"code": {enrolCode}}))
	codes := recoveryCode.FindAllStringSubmatch(page, -1)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown:\n%s", len(codes), page)
	}
	expectStatus(t, admin.get("/people"), http.StatusOK)
	if strings.Contains(readBody(t, admin.get("/account/second-factor")), codes[0][1]) {
		t.Error("the recovery codes are shown again")
	}

	// Signing in takes the code; the code of the enrolment does not work again.
	c := passwordStep(t, h, "admin@test.cz")
	expectPage(t, c.form("POST", "/login/code", url.Values{"code": {enrolCode}}), http.StatusUnauthorized, []string{"Kód nesouhlasí"})
	h.advance(30 * time.Second)
	resp = c.form("POST", "/login/code", url.Values{"code": {codeNow(t, h, "admin@test.cz")}, "next": {"/people"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/people" || c.cookies[web.SessionCookie] == "" {
		t.Fatalf("the code: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	expectStatus(t, c.get("/people"), http.StatusOK)

	// Five wrong codes lock the pair, the right one included, as wrong passwords do, also when
	// the password is typed again between them.
	h.advance(30 * time.Second)
	for _, wrong := range []int{3, 2} {
		c = passwordStep(t, h, "admin@test.cz")
		for range wrong {
			expectStatus(t, c.form("POST", "/login/code", url.Values{"code": {"123456"}}), http.StatusUnauthorized)
		}
	}
	expectStatus(t, c.form("POST", "/login/code", url.Values{"code": {codeNow(t, h, "admin@test.cz")}}), http.StatusUnauthorized)
	h.advance(16 * time.Minute)

	// A recovery code works once.
	c = passwordStep(t, h, "admin@test.cz")
	expectStatus(t, c.form("POST", "/login/code", url.Values{"code": {" " + strings.ToUpper(codes[0][1]) + " "}}), http.StatusSeeOther)
	c = passwordStep(t, h, "admin@test.cz")
	expectStatus(t, c.form("POST", "/login/code", url.Values{"code": {codes[0][1]}}), http.StatusUnauthorized)
	// A code typed after five minutes starts over.
	c = passwordStep(t, h, "admin@test.cz")
	h.advance(6 * time.Minute)
	expectPage(t, c.form("POST", "/login/code", url.Values{"code": {codeNow(t, h, "admin@test.cz")}}), http.StatusUnauthorized,
		[]string{"vypršel"})
	expectPage(t, admin.get("/account/second-factor"), http.StatusOK, []string{"Zbývá vám 9 nepoužitých záložních kódů"})
	expectStatus(t, admin.get("/account/second-factor/off"), http.StatusOK)
	expectStatus(t, admin.form("POST", "/account/second-factor/off", url.Values{"confirm": {"yes"}}), http.StatusConflict)

	// Another admin resets it; nobody resets their own.
	other := h.browser("druhy@test.cz")
	expectStatus(t, other.get("/account/second-factor"), http.StatusOK)
	other.form("POST", "/account/second-factor", url.Values{"code": {codeNow(t, h, "druhy@test.cz")}})
	adminID := itoa(personID(t, h, "admin@test.cz"))
	expectStatus(t, admin.get("/people/"+adminID+"/second-factor/reset"), http.StatusConflict)
	expectPage(t, other.get("/people/"+adminID+"/second-factor/reset"), http.StatusOK, []string{"Zrušit dvoufázové ověření: Jana Dvořáková?"})
	expectStatus(t, other.form("POST", "/people/"+adminID+"/second-factor/reset", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
	var logged int
	if err := h.d.R.Get(&logged, `SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor.reset' AND entity_id = ?`, adminID); err != nil || logged != 1 {
		t.Errorf("the reset is logged %d times (%v)", logged, err)
	}
	// Signing in now takes the password alone, and leads to enrolling again.
	again := h.browser("admin@test.cz")
	resp = again.get("/")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/second-factor" {
		t.Errorf("after the reset: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}

	// A trainee is not required to, and may turn it on and off.
	marie := h.browser("marie@test.cz")
	expectStatus(t, marie.get("/my/courses"), http.StatusOK)
	expectStatus(t, marie.get("/account/second-factor"), http.StatusOK)
	marie.form("POST", "/account/second-factor", url.Values{"code": {codeNow(t, h, "marie@test.cz")}})
	passwordStep(t, h, "marie@test.cz")
	// Turning it off, like new recovery codes, takes a code from the app: a session alone is not enough.
	expectPage(t, marie.form("POST", "/account/second-factor/off", url.Values{"confirm": {"yes"}}), http.StatusUnprocessableEntity,
		[]string{"Kód nesouhlasí"})
	expectStatus(t, marie.form("POST", "/account/second-factor/recovery", nil), http.StatusUnprocessableEntity)
	h.advance(30 * time.Second)
	page = readBody(t, marie.form("POST", "/account/second-factor/recovery", url.Values{"code": {codeNow(t, h, "marie@test.cz")}}))
	if n := len(recoveryCode.FindAllString(page, -1)); n != 10 {
		t.Errorf("%d new recovery codes", n)
	}
	h.advance(30 * time.Second)
	expectStatus(t, marie.form("POST", "/account/second-factor/off", url.Values{"confirm": {"yes"},
		"code": {codeNow(t, h, "marie@test.cz")}}), http.StatusSeeOther)
	expectStatus(t, h.visitor().form("POST", "/login", url.Values{"email": {"marie@test.cz"}, "password": {testPassword}}), http.StatusSeeOther)
}
