package main

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mentorlms/web"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenFields reads the hidden fields of a page's forms.
func hiddenFields(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		v.Add(m[1], strings.ReplaceAll(m[2], "&#43;", "+"))
	}
	return v
}

// TestReplay: a form refused because the session lapsed comes back filled in and, after a
// sign-in, is sent with one more press; a form refused for an old token is offered again at
// once; a post from another site is refused plainly, without the offer.
func TestReplay(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	b := h.browser("admin@test.cz")
	token := b.csrf()
	h.advance(31 * time.Minute) // the session lapses while the form is open
	form := url.Values{"_csrf": {token}, "name": {"Marie Giňová"}, "email": {"marie@test.cz"}, "region": {"ULK"},
		"roles": {"trainee"}, "birth_date": {"1990-05-17"}}
	resp := b.form("POST", "/people", form)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Přihlášení vypršelo") {
		t.Fatalf("lapsed: %d %s", resp.StatusCode, body)
	}
	carried := hiddenFields(body)
	if carried.Get("replay.name") != "Marie Giňová" || carried.Get("replay_to") != "/people" {
		t.Fatalf("carried %v", carried)
	}
	// A wrong password keeps the fields for the next try.
	carried.Set("email", "admin@test.cz")
	carried.Set("password", "spatne-heslo-1")
	req := b.form("POST", "/login", carried)
	body = readBody(t, req)
	if req.StatusCode != http.StatusUnauthorized || !strings.Contains(body, `name="replay.name" value="Marie Giňová"`) {
		t.Fatalf("wrong password: %d", req.StatusCode)
	}
	carried.Set("password", testPassword)
	resp = b.form("POST", "/login", carried)
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Formulář je potřeba odeslat znovu") {
		t.Fatalf("after sign-in: %d %s", resp.StatusCode, body)
	}
	again := hiddenFields(body)
	if again.Get("name") != "Marie Giňová" || again.Get("_csrf") == "" || again.Get("_csrf") == token {
		t.Fatalf("offered again: %v", again)
	}
	resp = b.form("POST", "/people", again)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sent again: %d", resp.StatusCode)
	}
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM persons WHERE email = 'marie@test.cz'`); err != nil || n != 1 {
		t.Errorf("%d people stored (%v)", n, err)
	}

	// Signed in with an old token (another tab, a page from yesterday): offered again at once.
	stale := url.Values{"_csrf": {"old-token"}, "name": {"Jan Bandy"}, "email": {"jan@test.cz"}, "region": {"ULK"},
		"roles": {"trainee"}, "birth_date": {"1991-01-01"}}
	resp = b.form("POST", "/people", stale)
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `name="name" value="Jan Bandy"`) ||
		!strings.Contains(body, "Odeslat znovu") {
		t.Errorf("old token: %d", resp.StatusCode)
	}
	// A path that would read as another host is never a form's target.
	resp = b.form("POST", "//evil.example/x", stale)
	body = readBody(t, resp)
	if strings.Contains(body, `action="//evil.example`) || strings.Contains(body, `href="//evil.example`) {
		t.Errorf("//evil.example became a target: %d", resp.StatusCode)
	}
	// From another site: refused, nothing offered.
	req2 := newFormRequest("POST", "/people", stale)
	req2.Header.Set("Sec-Fetch-Site", "cross-site")
	resp = b.do(req2)
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "Jan Bandy") || strings.Contains(body, "Odeslat znovu") {
		t.Errorf("cross-site: %d offers the form", resp.StatusCode)
	}
	req3 := newFormRequest("POST", "/people", stale)
	req3.Header.Set("Origin", "https://evil.example")
	resp = b.do(req3)
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusForbidden || strings.Contains(body, "Jan Bandy") {
		t.Errorf("another origin: %d offers the form", resp.StatusCode)
	}
}

// TestKeepalive: a page that pings keeps its session past the idle limit.
func TestKeepalive(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	b := h.browser("lektor@test.cz")
	for range 4 {
		h.advance(25 * time.Minute)
		resp := b.get("/keepalive")
		resp.Body.Close()
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("keepalive: %d", resp.StatusCode)
		}
	}
	if resp := b.get("/account"); resp.StatusCode != http.StatusOK {
		t.Errorf("after 100 minutes of pings the session ended: %d", resp.StatusCode)
	}
	h.advance(31 * time.Minute)
	if resp := b.get("/keepalive"); resp.StatusCode == http.StatusNoContent {
		t.Error("the session outlived its idle limit without pings")
	}
}

func newFormRequest(method, path string, v url.Values) *http.Request {
	req, _ := http.NewRequest(method, path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}
