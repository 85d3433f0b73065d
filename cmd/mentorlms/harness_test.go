package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

const testPassword = "heslo-pro-test-1"

// harness is the whole application over a real SQLite file, with a clock the test moves.
type harness struct {
	t   testing.TB
	d   *db.DB
	app *web.App
	svc *people.Service
	mu  sync.Mutex
	now time.Time
}

func newHarness(t testing.TB) *harness {
	t.Helper()
	return newHarnessWith(t, options{Certificates: withTestIssuer})
}

// newHarnessWith is newHarness with the server's options as given.
func newHarnessWith(t testing.TB, opt options) *harness {
	t.Helper()
	h := &harness{t: t, d: dbtest.Open(t), now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	app, err := newApp(context.Background(), h.d, h.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), opt)
	if err != nil {
		t.Fatal(err)
	}
	h.app, h.svc = app, people.NewService(h.d)
	// Every string the test's pages and errors asked for must exist in both languages.
	t.Cleanup(func() {
		if missing := app.Catalog().Missing(); len(missing) > 0 {
			t.Errorf("missing translations: %v", missing)
		}
	})
	return h
}

func (h *harness) clock() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.now
}

func (h *harness) advance(d time.Duration) {
	h.mu.Lock()
	h.now = h.now.Add(d)
	h.mu.Unlock()
}

// person creates someone with the test password.
func (h *harness) person(email, name, region string, roles ...web.Role) people.Person {
	h.t.Helper()
	in := people.Input{Email: email, Name: name, Region: region, Password: testPassword}
	for _, r := range roles {
		in.Roles = append(in.Roles, string(r))
		if r == web.RoleTrainee {
			in.BirthDate = "1990-05-17"
		}
	}
	p, err := h.svc.Create(context.Background(), nil, in, h.clock())
	if err != nil {
		h.t.Fatalf("create %s: %v", email, err)
	}
	return p
}

// client is a browser (cookies) or an integration (a Bearer token) talking to the harness.
type client struct {
	h       *harness
	cookies map[string]string
	bearer  string
	agent   string // the User-Agent the client sends, none when ""
}

func (h *harness) visitor() *client { return &client{h: h, cookies: map[string]string{}} }

// browser signs the person in through the sign-in form, as a person would.
func (h *harness) browser(email string) *client {
	h.t.Helper()
	c := h.visitor()
	resp := c.form("POST", "/login", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther || c.cookies[web.SessionCookie] == "" {
		h.t.Fatalf("sign-in of %s: status %d", email, resp.StatusCode)
	}
	return c
}

func (h *harness) api(email string) *client {
	h.t.Helper()
	token, err := h.svc.CreateToken(context.Background(), email, people.TokenInput{Name: "test"}, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	return &client{h: h, cookies: map[string]string{}, bearer: token}
}

func (c *client) do(req *http.Request) *http.Response {
	c.h.t.Helper()
	for k, v := range c.cookies {
		req.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	if c.agent != "" {
		req.Header.Set("User-Agent", c.agent)
	}
	resp, err := c.h.app.Test(req, -1)
	if err != nil {
		c.h.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || (!ck.Expires.IsZero() && ck.Expires.Before(time.Now())) {
			delete(c.cookies, ck.Name)
		} else {
			c.cookies[ck.Name] = ck.Value
		}
	}
	return resp
}

func (c *client) get(path string) *http.Response {
	return c.do(httptest.NewRequest("GET", path, nil))
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf returns the token that this client's pages carry.
func (c *client) csrf() string {
	c.h.t.Helper()
	resp := c.get("/")
	if loc := resp.Header.Get("Location"); resp.StatusCode == http.StatusSeeOther && loc != "" {
		resp.Body.Close()
		resp = c.get(loc) // a person with a page to finish first is led there
	}
	body := readBody(c.h.t, resp)
	if m := csrfInput.FindStringSubmatch(body); m != nil {
		return m[1]
	}
	c.h.t.Fatal("no CSRF token on the page")
	return ""
}

// form posts a form with this client's CSRF token.
func (c *client) form(method, path string, v url.Values) *http.Response {
	if v == nil {
		v = url.Values{}
	}
	if v.Get("_csrf") == "" {
		v.Set("_csrf", c.csrf())
	}
	req := httptest.NewRequest(method, path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin") // as a browser says of a page's own form
	return c.do(req)
}

func (c *client) json(method, path, body string) *http.Response {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

func readBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// apiError decodes the error body of the API contract.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func decode[T any](t *testing.T, resp *http.Response) T {
	t.Helper()
	var v T
	body := readBody(t, resp)
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("decoding %q: %v", body, err)
	}
	return v
}

func parseQuery(t *testing.T, s string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func jsonReq(method, path, body string) *http.Request {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// attendanceOf is the attendance service over d, with the enrolment service beneath it.
func attendanceOf(d *db.DB) *attendance.Service {
	return attendance.NewService(d, enrollment.NewService(d))
}
