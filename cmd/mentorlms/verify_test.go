package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/web"
)

// verified is the API's answer to a code.
type verified struct {
	Status        string `json:"status"`
	Number        string `json:"number"`
	Holder        string `json:"holder"`
	Course        string `json:"course"`
	Hours         int    `json:"hours"`
	TheoryHours   int    `json:"theory_hours"`
	PracticeHours int    `json:"practice_hours"`
	RunStartsOn   string `json:"run_starts_on"`
	IssuedOn      string `json:"issued_on"`
	ValidUntil    string `json:"valid_until"`
	Issuer        string `json:"issuer"`
	RevokedOn     string `json:"revoked_on"`
	Reason        string `json:"reason"`
}

// birthDate is how the trainees' date of birth (1990-05-17, see harness.person) could show. (The
// page's note that it is not shown names it in words, so the words are not looked for.)
var birthDate = []string{"1990", "17. 5.", "05-17", "17 May"}

// TestVerify checks public verification through its three states: valid; revoked, with the
// day and the reason; and expired, once the clock passes the validity of a course that sets
// one. Neither the page nor the JSON ever shows the date of birth, and every unknown code gets
// the same 404.
func TestVerify(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	_, es := h.certRun("KOM", courses.KindCourse, 1, []string{"marie@test.cz", "jan@test.cz"})
	marie, jan := h.issued(es["marie@test.cz"], h.clock()), h.issued(es["jan@test.cz"], h.clock())
	visitor := h.visitor()

	page := func(t *testing.T, code string, want ...string) string {
		t.Helper()
		resp := visitor.get("/verify/" + code)
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		return expectPage(t, resp, 200, want, birthDate...)
	}
	api := func(t *testing.T, code string) verified {
		t.Helper()
		resp := visitor.get("/api/v1/verify/" + code)
		body := readBody(t, resp)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, body)
		}
		for _, b := range append(birthDate, "birth") {
			if strings.Contains(body, b) {
				t.Errorf("the JSON shows %q: %s", b, body)
			}
		}
		var v verified
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("valid", func(t *testing.T) {
		page(t, marie.Code, "Osvědčení je platné.", "S/2026/0001", "Marie Giňová", "Kurz KOM (kurz)", "2 hodiny", "10. 2. 2026",
			"2. 3. 2026", "2. 4. 2026", "Romský mentoring, z. s.", `role="status"`)
		// As people type it: any case, so long as it is the code.
		page(t, strings.ToLower(marie.Code), "Osvědčení je platné.")
		v := api(t, marie.Code)
		if v.Status != "valid" || v.Holder != "Marie Giňová" || v.Course != "Kurz KOM" || v.Hours != 2 || v.TheoryHours != 2 ||
			v.IssuedOn != "2026-03-02" || v.ValidUntil != "2026-04-02" || v.RunStartsOn != "2026-02-10" || v.RevokedOn != "" {
			t.Errorf("valid: %+v", v)
		}
	})

	t.Run("revoked", func(t *testing.T) {
		svc := certificateService(h.d)
		if _, err := svc.Revoke(context.Background(), h.admin(), jan.ID, "Chyba v údajích", h.clock()); err != nil {
			t.Fatal(err)
		}
		page(t, jan.Code, "Osvědčení bylo zneplatněno 2. 3. 2026 a neplatí.", "Důvod: <span class=\"note\">Chyba v údajích</span>", "Jan Bandy", `class="alert`)
		if v := api(t, jan.Code); v.Status != "revoked" || v.RevokedOn != "2026-03-02" || v.Reason != "Chyba v údajích" {
			t.Errorf("revoked: %+v", v)
		}
	})

	t.Run("expired", func(t *testing.T) {
		h.advance(32 * 24 * time.Hour) // 3. 4. 2026: valid through 2. 4., the month of validity is over
		page(t, marie.Code, "platnost skončila 2. 4. 2026", `class="warning`)
		if v := api(t, marie.Code); v.Status != "expired" || v.ValidUntil != "2026-04-02" {
			t.Errorf("expired: %+v", v)
		}
		// Revoked stays revoked, whatever the date.
		if v := api(t, jan.Code); v.Status != "revoked" {
			t.Errorf("jan: %+v", v)
		}
	})

	t.Run("english", func(t *testing.T) {
		en := h.visitor()
		en.cookies[web.LangCookie] = "en"
		expectPage(t, en.get("/verify/"+jan.Code), 200, []string{"The certificate was revoked on 2 Mar 2026", "Reason: <span class=\"note\">Chyba v údajích</span>", "2 hours"},
			birthDate...)
	})

	t.Run("unknown", func(t *testing.T) {
		bodies := map[string]string{}
		for _, code := range []string{"ZZZZZZZZZZZZ", "YYYYYYYYYYYY", "abc", strings.Repeat("Q", 200)} {
			resp := visitor.get("/verify/" + code)
			body := expectPage(t, resp, http.StatusNotFound, []string{"Osvědčení s tímto kódem neevidujeme."}, code)
			bodies["page"+strconv.Itoa(len(bodies))] = body
			resp = visitor.get("/api/v1/verify/" + code)
			if e := decode[apiError](t, resp); resp.StatusCode != http.StatusNotFound || e.Error.Code != "not_found" {
				t.Errorf("API %s: %d %+v", code, resp.StatusCode, e)
			}
		}
		if bodies["page0"] != bodies["page1"] || bodies["page0"] != bodies["page2"] || bodies["page0"] != bodies["page3"] {
			t.Error("unknown codes get different pages")
		}
		a := readBody(t, visitor.get("/api/v1/verify/ZZZZZZZZZZZZ"))
		if b := readBody(t, visitor.get("/api/v1/verify/YYYYYYYYYYYY")); a != b {
			t.Errorf("unknown codes get different answers: %s / %s", a, b)
		}
	})

	t.Run("form", func(t *testing.T) {
		expectPage(t, visitor.get("/verify"), 200, []string{"Zadejte ověřovací kód", `name="code"`, `action="/verify"`})
		typed := strings.ToLower(marie.Code[:4] + " " + marie.Code[4:8] + "-" + marie.Code[8:])
		resp := visitor.get("/verify?code=" + url.QueryEscape(typed))
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/verify/"+marie.Code {
			t.Errorf("typed code: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		expectPage(t, visitor.get("/verify?code=O0I1"), http.StatusUnprocessableEntity, []string{"Kód má 12 znaků"})
	})
}

// TestVerifyRateLimit checks that one client address gets 30 look-ups a minute, on the page
// and in the API together, and the 31st is a 429 that says so; behind a trusted proxy the
// address is the one the proxy saw, so a forged X-Forwarded-For does not buy more, and an
// IPv6 client is its /64.
func TestVerifyRateLimit(t *testing.T) {
	h := newHarness(t)
	c := h.visitor()
	for i := range certificates.VerifyLimit {
		path := "/verify/ZZZZZZZZZZZZ"
		if i%2 == 1 {
			path = "/api/v1" + path
		}
		if resp := c.get(path); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("request %d: %d", i+1, resp.StatusCode)
		}
	}
	resp := c.get("/verify/ZZZZZZZZZZZZ")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	expectPage(t, resp, http.StatusTooManyRequests, []string{"příliš mnoho ověření"})
	resp = c.get("/api/v1/verify/ZZZZZZZZZZZZ")
	if e := decode[apiError](t, resp); resp.StatusCode != http.StatusTooManyRequests || e.Error.Code != "too_many_requests" ||
		!strings.Contains(e.Error.Message, "příliš mnoho") {
		t.Errorf("API over the limit: %d %+v", resp.StatusCode, e)
	}
	// The form itself looks nothing up.
	expectPage(t, c.get("/verify"), 200, nil)

	app, err := newApp(context.Background(), h.d, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)),
		options{Proxies: []string{"0.0.0.0"}}) // app.Test's peer is the proxy
	if err != nil {
		t.Fatal(err)
	}
	via := func(forwarded string) int {
		req := httptest.NewRequest("GET", "/api/v1/verify/ZZZZZZZZZZZZ", nil)
		req.Header.Set("X-Forwarded-For", forwarded)
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for i := range certificates.VerifyLimit {
		// The client writes what it likes; the proxy appends the address it saw.
		if got := via("10.0.0." + strconv.Itoa(i) + ", 198.51.100.7"); got != http.StatusNotFound {
			t.Fatalf("request %d: %d", i+1, got)
		}
	}
	if got := via("10.9.9.9, 198.51.100.7"); got != http.StatusTooManyRequests {
		t.Errorf("a forged X-Forwarded-For escaped the limit: %d", got)
	}
	if got := via("198.51.100.8"); got != http.StatusNotFound {
		t.Errorf("another client is limited too: %d", got)
	}
	// One IPv6 subscriber holds a whole /64: its addresses share one count, and the next /64
	// is another client.
	for i := range certificates.VerifyLimit {
		if got := via("2001:db8:7:7::" + strconv.FormatInt(int64(i+1), 16)); got != http.StatusNotFound {
			t.Fatalf("IPv6 request %d: %d", i+1, got)
		}
	}
	if got := via("2001:db8:7:7:ffff::1"); got != http.StatusTooManyRequests {
		t.Errorf("another address of the same /64 escaped the limit: %d", got)
	}
	if got := via("2001:db8:7:8::1"); got != http.StatusNotFound {
		t.Errorf("the next /64 is limited too: %d", got)
	}
}
