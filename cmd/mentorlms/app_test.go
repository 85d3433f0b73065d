package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/web"
)

// server runs the real program (run) on a free port until stopped.
type server struct {
	base string
	stop func()
	out  *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func startServer(t *testing.T, cfg config) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	var catalog *web.Catalog
	cfg.Addr, cfg.ready = "127.0.0.1:0", func(a string, c *web.Catalog) { catalog = c; ready <- a }
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, out) }()
	select {
	case addr := <-ready:
		s := &server{base: "http://" + addr, out: out}
		var once sync.Once
		s.stop = func() {
			once.Do(func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("run: %v", err)
				}
			})
		}
		t.Cleanup(s.stop)
		// Every string the pages, e-mails and PDFs asked for must exist in both languages.
		t.Cleanup(func() {
			if missing := catalog.Missing(); len(missing) > 0 {
				t.Errorf("missing translations: %v", missing)
			}
		})
		return s
	case err := <-done:
		cancel()
		t.Fatalf("run ended before serving: %v\n%s", err, out)
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("server did not start")
	}
	return nil
}

// browserClient keeps cookies like a browser and does not follow redirects, so tests see them.
func browserClient(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func fetch(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string, http.Header) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b), resp.Header
}

func pageCSRF(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	_, body, _ := fetch(t, c, "GET", u, nil)
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no CSRF token on %s", u)
	}
	return m[1]
}

// TestWholeApp drives the real program over HTTP: the demo, sign-in, a person created through
// the form, the session surviving a restart, and sign-out ending it on the server.
func TestWholeApp(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "mentorlms.db")
	srv := startServer(t, config{DB: dbPath, Demo: true})
	for _, want := range []string{"admin@mentorlms.example", "koordinator@mentorlms.example",
		"lektor@mentorlms.example", "ucastnik@mentorlms.example", "mentoring-demo"} {
		if !strings.Contains(srv.out.String(), want) {
			t.Errorf("start-up output lacks %q:\n%s", want, srv.out)
		}
	}
	c := browserClient(t)
	if status, body, _ := fetch(t, c, "GET", srv.base+"/healthz", nil); status != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("healthz %d %s", status, body)
	}

	// A form posted without its token is refused and signs nobody in.
	form := url.Values{"email": {"admin@mentorlms.example"}, "password": {"mentoring-demo"}}
	if status, _, _ := fetch(t, c, "POST", srv.base+"/login", form); status != http.StatusForbidden {
		t.Errorf("sign-in without CSRF token: %d", status)
	}
	form.Set("_csrf", pageCSRF(t, c, srv.base+"/login"))
	form.Set("next", "/people")
	status, _, hdr := fetch(t, c, "POST", srv.base+"/login", form)
	if status != http.StatusSeeOther || hdr.Get("Location") != "/people" {
		t.Fatalf("sign-in: %d → %q", status, hdr.Get("Location"))
	}
	status, body, hdr := fetch(t, c, "GET", srv.base+"/people", nil)
	if status != 200 || !strings.Contains(body, "Marie Giňová") || hdr.Get("Cache-Control") != "no-store" {
		t.Fatalf("people list: %d, no-store=%q", status, hdr.Get("Cache-Control"))
	}

	// Creating a person: a wrong form comes back with messages and 422; a right one redirects.
	token := pageCSRF(t, c, srv.base+"/people/new")
	bad := url.Values{"_csrf": {token}, "name": {"Kateřina Šťastná"}, "email": {"neni-email"}, "roles": {"trainee"}, "region": {"ULK"}}
	status, body, _ = fetch(t, c, "POST", srv.base+"/people", bad)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Toto není platná e-mailová adresa.") ||
		!strings.Contains(body, `value="Kateřina Šťastná"`) {
		t.Errorf("invalid form: %d", status)
	}
	good := url.Values{"_csrf": {token}, "name": {"Kateřina Šťastná"}, "email": {"katerina@test.cz"},
		"roles": {"trainee"}, "region": {"ULK"}, "pms_centre": {"Most"}, "password": {"dlouhe-heslo-1"},
		"birth_date": {"1994-11-30"}}
	status, _, hdr = fetch(t, c, "POST", srv.base+"/people", good)
	if status != http.StatusSeeOther || !strings.HasPrefix(hdr.Get("Location"), "/people/") {
		t.Fatalf("create: %d %q", status, hdr.Get("Location"))
	}
	if _, body, _ = fetch(t, c, "GET", srv.base+hdr.Get("Location"), nil); !strings.Contains(body, "katerina@test.cz") {
		t.Error("the new person's page does not show them")
	}
	if _, body, _ = fetch(t, c, "GET", srv.base+"/audit?action=person.create", nil); !strings.Contains(body, "katerina@test.cz") {
		t.Error("the audit log does not show the creation")
	}

	// The session lives in the database: it survives a restart of the server.
	srv.stop()
	srv2 := startServer(t, config{DB: dbPath})
	base2 := srv2.base
	u1, _ := url.Parse(srv.base)
	u2, _ := url.Parse(base2)
	c.Jar.SetCookies(u2, c.Jar.Cookies(u1))
	if status, body, _ = fetch(t, c, "GET", base2+"/account", nil); status != 200 || !strings.Contains(body, "admin@mentorlms.example") {
		t.Fatalf("after restart: %d", status)
	}
	// Sign-out ends the session on the server: the old cookie no longer works even if replayed.
	cookies := c.Jar.Cookies(u2)
	if status, _, _ = fetch(t, c, "POST", base2+"/logout", url.Values{"_csrf": {pageCSRF(t, c, base2+"/account")}}); status != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", status)
	}
	replay := browserClient(t)
	replay.Jar.SetCookies(u2, cookies)
	if status, _, hdr = fetch(t, replay, "GET", base2+"/account", nil); status != http.StatusSeeOther ||
		!strings.HasPrefix(hdr.Get("Location"), "/login") {
		t.Errorf("replayed cookie after sign-out: %d %q", status, hdr.Get("Location"))
	}
}

// TestSetupLink: an empty database prints a one-time link that creates the first admin.
func TestSetupLink(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "empty.db")})
	out := srv.out.String()
	i := strings.Index(out, "/setup/")
	if i < 0 {
		t.Fatalf("no setup link printed:\n%s", out)
	}
	link := srv.base + strings.Fields(out[i:])[0]
	c := browserClient(t)
	token := pageCSRF(t, c, link)
	form := url.Values{"_csrf": {token}, "name": {"Jana Dvořáková"}, "email": {"jana@test.cz"}, "password": {"kratke"}}
	if status, body, _ := fetch(t, c, "POST", link, form); status != 422 || !strings.Contains(body, "alespoň 10 znaků") {
		t.Errorf("short password: %d", status)
	}
	form.Set("password", "dostatecne-dlouhe")
	if status, _, _ := fetch(t, c, "POST", link, form); status != http.StatusSeeOther {
		t.Fatalf("setup: %d", status)
	}
	if status, body, _ := fetch(t, c, "GET", srv.base+"/audit", nil); status != 200 || !strings.Contains(body, "Jana Dvořáková") {
		t.Errorf("the new admin cannot open the audit log: %d", status)
	}
	if status, _, _ := fetch(t, browserClient(t), "GET", link, nil); status != http.StatusNotFound {
		t.Errorf("second use of the link: %d", status)
	}
}

// serve says where it listens, as the system gave the port, and the address to open; one
// interface listened on is the address to open, not localhost.
func TestServeSaysWhereItListens(t *testing.T) {
	s := startServer(t, config{DB: filepath.Join(t.TempDir(), "m.db")})
	addr := strings.TrimPrefix(s.base, "http://")
	if !strings.Contains(s.out.String(), addr+",") && !strings.Contains(s.out.String(), addr+";") {
		t.Errorf("serve listens on %s but says:\n%s", addr, s.out)
	}
	_, port, _ := net.SplitHostPort(addr)
	if !strings.Contains(s.out.String(), "http://localhost:"+port+" ") {
		t.Errorf("the address to open is not http://localhost:%s:\n%s", port, s.out)
	}
	for _, tc := range []struct{ listen, want string }{
		{"0.0.0.0:8080", "http://localhost:8080"},
		{"[::]:9090", "http://localhost:9090"},
		{"127.0.0.1:8081", "http://localhost:8081"},
		{"192.168.1.20:8080", "http://192.168.1.20:8080"},
	} {
		a, err := net.ResolveTCPAddr("tcp", tc.listen)
		if err != nil {
			t.Fatal(err)
		}
		if got := baseURL("", a); got != tc.want {
			t.Errorf("listening on %s: open %s, want %s", tc.listen, got, tc.want)
		}
	}
	if got := baseURL("https://mentori.example/", nil); got != "https://mentori.example" {
		t.Errorf("configured: %s", got)
	}
}
