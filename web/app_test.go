package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/static"
	"mentorlms/web"
)

// fakeAuth is the Authenticator that the people package supplies in production.
type fakeAuth struct {
	sessions map[string]*web.Principal
	tokens   map[string]*web.Principal
}

func (f fakeAuth) Session(_ context.Context, token string, _ time.Time) (*web.Principal, error) {
	return f.sessions[token], nil
}

func (f fakeAuth) Token(_ context.Context, token string, _ time.Time) (*web.Principal, error) {
	return f.tokens[token], nil
}

// syncBuffer collects the app's log; handlers run in fiber's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var (
	trainee  = &web.Principal{ID: 2, Name: "Tereza Horváthová", Roles: []web.Role{web.RoleTrainee}, SessionKey: "hash-trainee"}
	admin    = &web.Principal{ID: 1, Name: "Alena Adminová", Roles: []web.Role{web.RoleAdmin}, SessionKey: "hash-admin"}
	apiAdmin = &web.Principal{ID: 1, Name: "Alena Adminová", Roles: []web.Role{web.RoleAdmin}}
)

type testApp struct {
	*web.App
	log *syncBuffer
}

// newApp builds the real application with test routes.
func newApp(t *testing.T, opts ...func(*web.Config)) *testApp {
	t.Helper()
	log := &syncBuffer{}
	cfg := web.Config{
		Auth: fakeAuth{
			sessions: map[string]*web.Principal{"sess-trainee": trainee, "sess-admin": admin},
			tokens:   map[string]*web.Principal{"tok-admin": apiAdmin},
		},
		Secret:    []byte("0123456789abcdef0123456789abcdef"),
		Catalog:   loadCatalog(t),
		Templates: static.Templates,
		Assets:    static.Assets,
		Logger:    slog.New(slog.NewTextHandler(log, nil)),
	}
	for _, o := range opts {
		o(&cfg)
	}
	app, err := web.New(cfg)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	app.Get("/t/page", func(c *fiber.Ctx) error { return web.Render(c, "home/index", nil) })
	app.Post("/t/form", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })
	app.Get("/t/panic", func(c *fiber.Ctx) error { panic("kaboom: secret internal detail") })
	app.Get("/t/admin", web.Require(web.RoleAdmin), func(c *fiber.Ctx) error { return c.SendString("admin area") })
	app.Get("/api/v1/t", func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"ok": true}) })
	app.Get("/api/v1/me", web.Require(), func(c *fiber.Ctx) error { return c.JSON(fiber.Map{"name": web.Me(c).Name}) })
	app.Post("/api/v1/t", web.Require(), func(c *fiber.Ctx) error {
		var in struct {
			Name string `json:"name"`
		}
		if err := web.DecodeJSON(c, &in); err != nil {
			return err
		}
		return c.Status(fiber.StatusCreated).JSON(in)
	})
	return &testApp{App: app, log: log}
}

type response struct {
	status  int
	header  http.Header
	body    string
	cookies []*http.Cookie
}

// do sends req through app.Test and reads the whole response.
func (a *testApp) do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := a.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b), resp.Cookies()}
}

// req builds a request with cookies and, for a form, an url-encoded body.
func req(method, target string, form url.Values, cookies ...*http.Cookie) *http.Request {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, target, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		r.AddCookie(c)
	}
	return r
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// page renders /t/page with cookies and returns the CSRF token of its forms and the cookies set.
func (a *testApp) page(t *testing.T, cookies ...*http.Cookie) (string, []*http.Cookie) {
	t.Helper()
	r := a.do(t, req("GET", "/t/page", nil, cookies...))
	if r.status != 200 {
		t.Fatalf("GET /t/page = %d, want 200: %s", r.status, r.body)
	}
	m := csrfInput.FindStringSubmatch(r.body)
	if m == nil {
		t.Fatalf("no _csrf input in the page:\n%s", r.body)
	}
	return m[1], r.cookies
}

func cookie(name, value string) *http.Cookie { return &http.Cookie{Name: name, Value: value} }

func TestSecurityHeaders(t *testing.T) {
	a := newApp(t)
	for _, path := range []string{"/t/page", "/no/such/page", "/api/v1/t"} {
		t.Run(path, func(t *testing.T) {
			r := a.do(t, req("GET", path, nil))
			csp := r.header.Get("Content-Security-Policy")
			for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP %q allows unsafe scripts or styles", csp)
			}
			for h, want := range map[string]string{
				"X-Content-Type-Options":    "nosniff",
				"Referrer-Policy":           "same-origin",
				"X-Frame-Options":           "DENY",
				"Strict-Transport-Security": "", // plain HTTP: HSTS would be meaningless
			} {
				if got := r.header.Get(h); got != want {
					t.Errorf("%s = %q, want %q", h, got, want)
				}
			}
		})
	}
}

func TestCSRFVisitor(t *testing.T) {
	a := newApp(t)
	token, cookies := a.page(t)
	visitor := findCookie(cookies, "mlms_visitor")
	if visitor == nil || visitor.Value == "" || !visitor.HttpOnly {
		t.Fatalf("the first page set no HttpOnly visitor cookie: %v", cookies)
	}
	otherToken, otherCookies := a.page(t)
	if otherToken == token {
		t.Fatalf("two visitors got the same CSRF token %q", token)
	}
	if again, _ := a.page(t, visitor); again != token {
		t.Errorf("the same visitor got token %q, then %q", token, again)
	}
	headerReq := req("POST", "/t/form", url.Values{}, visitor)
	headerReq.Header.Set(web.CSRFHeader, token)
	tests := []struct {
		name string
		r    *http.Request
		want int
	}{
		{"no cookie, no token", req("POST", "/t/form", url.Values{}), 403},
		{"no cookie, with a token", req("POST", "/t/form", url.Values{"_csrf": {token}}), 403},
		{"cookie, no token", req("POST", "/t/form", url.Values{}, visitor), 403},
		{"cookie, wrong token", req("POST", "/t/form", url.Values{"_csrf": {token + "x"}}, visitor), 403},
		{"cookie, token of another visitor", req("POST", "/t/form", url.Values{"_csrf": {otherToken}}, visitor), 403},
		{"other visitor's cookie, this token", req("POST", "/t/form", url.Values{"_csrf": {token}}, otherCookies...), 403},
		{"cookie and its token", req("POST", "/t/form", url.Values{"_csrf": {token}}, visitor), 204},
		{"token in the header", headerReq, 204},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := a.do(t, tt.r)
			if r.status != tt.want {
				t.Errorf("status = %d, want %d: %s", r.status, tt.want, r.body)
			}
			if tt.want == 403 && !strings.Contains(r.body, "Formulář vypršel") {
				t.Errorf("403 page does not explain the expired form: %s", r.body)
			}
		})
	}
}

func TestCSRFSession(t *testing.T) {
	a := newApp(t)
	visitorToken, visitorCookies := a.page(t)
	session := cookie(web.SessionCookie, "sess-trainee")
	sessionToken, _ := a.page(t, append(visitorCookies, session)...)
	if sessionToken == visitorToken {
		t.Fatal("signing in did not change the CSRF token")
	}
	adminToken, _ := a.page(t, cookie(web.SessionCookie, "sess-admin"))
	bearer := httptest.NewRequest("POST", "/api/v1/t", strings.NewReader(`{"name":"x"}`))
	bearer.Header.Set("Content-Type", "application/json")
	bearer.Header.Set("Authorization", "Bearer tok-admin")
	// A page takes no token: it would act without CSRF protection.
	onPage := req("POST", "/t/form", url.Values{})
	onPage.Header.Set("Authorization", "Bearer tok-admin")
	tests := []struct {
		name string
		r    *http.Request
		want int
	}{
		{"session with its token", req("POST", "/t/form", url.Values{"_csrf": {sessionToken}}, session), 204},
		{"session with the visitor's old token", req("POST", "/t/form", url.Values{"_csrf": {visitorToken}},
			append(visitorCookies, session)...), 403},
		{"session with another session's token", req("POST", "/t/form", url.Values{"_csrf": {adminToken}}, session), 403},
		{"session without a token", req("POST", "/t/form", url.Values{}, session), 403},
		{"API token needs no CSRF token", bearer, 201},
		{"a page refuses a token", onPage, 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := a.do(t, tt.r); r.status != tt.want {
				t.Errorf("status = %d, want %d: %s", r.status, tt.want, r.body)
			}
		})
	}
}

func TestSignedInResponsesAreNotCached(t *testing.T) {
	a := newApp(t)
	if r := a.do(t, req("GET", "/t/page", nil, cookie(web.SessionCookie, "sess-trainee"))); r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("signed-in page Cache-Control = %q, want no-store", r.header.Get("Cache-Control"))
	} else if !strings.Contains(r.body, "Dobrý den, Tereza Horváthová") || !strings.Contains(r.body, "účastník") {
		t.Errorf("signed-in page does not greet the trainee:\n%s", r.body)
	}
	if r := a.do(t, req("GET", "/t/page", nil)); r.header.Get("Cache-Control") == "no-store" {
		t.Error("a visitor's page is no-store; only personal pages should be")
	}
}

func findCookie(cookies []*http.Cookie, name string) *http.Cookie {
	for _, c := range cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}
