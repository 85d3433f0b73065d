package web_test

import (
	"bytes"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// sharedApp is the real application with a clock and a generation the test moves, and routes
// behind web.Shared that count how often they are built.
type sharedApp struct {
	*testApp
	now    atomic.Int64 // unix nanoseconds
	gen    atomic.Uint64
	builds atomic.Int64
}

func newSharedApp(t *testing.T) *sharedApp {
	s := &sharedApp{}
	s.now.Store(time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC).UnixNano())
	s.testApp = newApp(t, func(c *web.Config) {
		c.Clock = func() time.Time { return time.Unix(0, s.now.Load()) }
		c.Generation = s.gen.Load
	})
	s.Get("/t/shared", web.Shared, func(c *fiber.Ctx) error {
		n := s.builds.Add(1)
		return web.Render(c, "home/index", fiber.Map{"Title": "build " + strings.Repeat("x", int(n))})
	})
	s.Get("/t/shared-missing", web.Shared, func(c *fiber.Ctx) error {
		s.builds.Add(1)
		return web.NotFound("error.not_found")
	})
	s.Get("/t/shared-cookie", web.Shared, func(c *fiber.Ctx) error {
		s.builds.Add(1)
		c.Cookie(&fiber.Cookie{Name: "seen", Value: "1"})
		return c.SendString("personal")
	})
	s.Get("/t/shared-panic", web.Shared, func(c *fiber.Ctx) error { panic("kaboom") })
	s.Get("/t/shared-big", web.Shared, func(c *fiber.Ctx) error {
		s.builds.Add(1)
		return c.Send(bytes.Repeat([]byte("x"), 512<<10))
	})
	var requests atomic.Int64
	s.Get("/t/shared-header", func(c *fiber.Ctx) error {
		c.Set("X-Request", strconv.FormatInt(requests.Add(1), 10)) // each request's own, set before Shared
		return c.Next()
	}, web.Shared, func(c *fiber.Ctx) error {
		s.builds.Add(1)
		c.Set("X-Robots-Tag", "noindex")
		return c.SendString("same for all")
	})
	s.Get("/api/v1/t/shared", web.Shared, func(c *fiber.Ctx) error {
		s.builds.Add(1)
		c.Set("X-Robots-Tag", "noindex")
		return c.JSON(fiber.Map{"ok": true})
	})
	return s
}

func (s *sharedApp) get(t *testing.T, target string, cookies ...*http.Cookie) response {
	t.Helper()
	return s.do(t, req("GET", target, nil, cookies...))
}

// wantBuilds checks how many times the handlers have run so far.
func (s *sharedApp) wantBuilds(t *testing.T, want int64, why string) {
	t.Helper()
	if got := s.builds.Load(); got != want {
		t.Fatalf("%s: handlers ran %d times, want %d", why, got, want)
	}
}

func TestSharedServesVisitorsOneBuildWithTheirOwnToken(t *testing.T) {
	s := newSharedApp(t)
	first := s.get(t, "/t/shared")
	second := s.get(t, "/t/shared")
	s.wantBuilds(t, 1, "two visitors within a second")
	if first.status != 200 || second.status != 200 {
		t.Fatalf("status %d, %d", first.status, second.status)
	}
	for _, r := range []response{first, second} {
		if strings.Contains(r.body, "csrf-mark-") {
			t.Fatalf("a visitor was sent the mark, not a token:\n%s", r.body)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Fatalf("Content-Type %q", ct)
		}
	}
	// Each visitor's page carries the token of their own cookie, which their form post passes.
	tokens := map[string]bool{}
	for _, r := range []response{first, second} {
		m := csrfInput.FindStringSubmatch(r.body)
		if m == nil {
			t.Fatalf("no token in the page:\n%s", r.body)
		}
		tokens[m[1]] = true
		visitor := findCookie(r.cookies, "mlms_visitor")
		if visitor == nil {
			t.Fatal("no visitor cookie set")
		}
		post := s.do(t, req("POST", "/t/form", url.Values{"_csrf": {m[1]}}, visitor))
		if post.status != fiber.StatusNoContent {
			t.Fatalf("the visitor's form with the token of a shared page = %d, want 204", post.status)
		}
	}
	if len(tokens) != 2 {
		t.Fatalf("two visitors got the same token")
	}
	if first.body == second.body {
		t.Fatal("two visitors got byte-identical pages: the token was not their own")
	}
}

func TestSharedIsBuiltAgain(t *testing.T) {
	s := newSharedApp(t)
	s.get(t, "/t/shared")
	s.gen.Add(1)
	if r := s.get(t, "/t/shared"); !strings.Contains(r.body, "build xx") {
		t.Fatalf("after a write the page was not built again:\n%s", r.body)
	}
	s.wantBuilds(t, 2, "after a write")

	s.now.Add(int64(999 * time.Millisecond))
	s.get(t, "/t/shared")
	s.wantBuilds(t, 2, "999 ms later")
	s.now.Add(int64(time.Millisecond))
	s.get(t, "/t/shared")
	s.wantBuilds(t, 3, "a second later")
	s.now.Add(-int64(time.Hour)) // a clock set back does not serve a page from its future
	s.get(t, "/t/shared")
	s.wantBuilds(t, 4, "after the clock went back")

	s.get(t, "/t/shared?page=2")
	s.wantBuilds(t, 5, "another query")
	s.get(t, "/t/shared", cookie(web.LangCookie, "en"))
	s.wantBuilds(t, 6, "in English")
	s.get(t, "/t/shared", cookie(web.LangCookie, "en"))
	s.wantBuilds(t, 6, "in English again")
}

func TestSharedNeverServesWhatIsPersonal(t *testing.T) {
	s := newSharedApp(t)
	s.get(t, "/t/shared")
	for i := range 2 {
		r := s.get(t, "/t/shared", cookie(web.SessionCookie, "sess-trainee"))
		if !strings.Contains(r.body, trainee.Name) && !strings.Contains(r.body, "/logout") {
			t.Fatalf("a signed-in reader was served the visitors' page:\n%s", r.body)
		}
		s.wantBuilds(t, int64(2+i), "signed in")
	}
	s.get(t, "/t/shared", cookie("mlms_flash", "anything"))
	s.wantBuilds(t, 4, "with a flash waiting")

	for i := range 2 {
		if r := s.get(t, "/t/shared-missing"); r.status != 404 {
			t.Fatalf("status %d", r.status)
		}
		s.wantBuilds(t, int64(5+i), "an answer other than 200 is not kept")
	}
	for i := range 2 {
		s.get(t, "/t/shared-cookie")
		s.wantBuilds(t, int64(7+i), "an answer that sets a cookie is not kept")
	}
	if r := s.do(t, req("POST", "/t/shared", nil)); r.status == 200 {
		t.Fatalf("POST answered 200")
	}
}

func TestSharedAPIKeepsHeaders(t *testing.T) {
	s := newSharedApp(t)
	for range 3 {
		r := s.get(t, "/api/v1/t/shared")
		if r.status != 200 || r.body != `{"ok":true}` || r.header.Get("X-Robots-Tag") != "noindex" ||
			!strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Fatalf("%d %q %v", r.status, r.body, r.header)
		}
	}
	s.wantBuilds(t, 1, "three API reads")
	if r := s.do(t, withBearer(req("GET", "/api/v1/t/shared", nil), "tok-admin")); r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	s.wantBuilds(t, 2, "an API token's read")
}

// crowd sends n visitors' requests for target at once and checks each answer's status.
func (s *sharedApp) crowd(t *testing.T, target string, n, status int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			r, err := s.Test(req("GET", target, nil), -1)
			if err != nil || r.StatusCode != status {
				t.Errorf("GET %s: %v %v, want %d", target, r, err, status)
			}
		})
	}
	wg.Wait()
}

// A crowd arriving together waits for one build (run with -race).
func TestSharedCrowdBuildsOnce(t *testing.T) {
	s := newSharedApp(t)
	s.crowd(t, "/t/shared", 32, 200)
	s.wantBuilds(t, 1, "32 visitors at once")
}

func withBearer(r *http.Request, token string) *http.Request {
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}

// The cache holds a bounded number of answers, whatever URLs are asked: past the bound it starts
// again, and what it held is built anew.
func TestSharedIsBounded(t *testing.T) {
	s := newSharedApp(t)
	for i := range 513 {
		s.get(t, "/t/shared?i="+strconv.Itoa(i))
	}
	s.wantBuilds(t, 513, "513 URLs")
	s.get(t, "/t/shared?i=512")
	s.wantBuilds(t, 513, "the last one again")
	s.get(t, "/t/shared?i=0")
	s.wantBuilds(t, 514, "the first one, dropped when the cache started again")
}

// A handler that panics behind Shared leaves an error page whose forms carry the visitor's own
// token, not the mark that stands for it while a page is drawn.
func TestSharedPanicKeepsTheToken(t *testing.T) {
	s := newSharedApp(t)
	r := s.get(t, "/t/shared-panic")
	if r.status != 500 || strings.Contains(r.body, "csrf-mark-") {
		t.Fatalf("status %d; the page shows the mark: %v", r.status, strings.Contains(r.body, "csrf-mark-"))
	}
	m := csrfInput.FindStringSubmatch(r.body)
	visitor := findCookie(r.cookies, "mlms_visitor")
	if m == nil || visitor == nil {
		t.Fatalf("no form token or no visitor cookie on the error page")
	}
	if post := s.do(t, req("POST", "/t/form", url.Values{"_csrf": {m[1]}}, visitor)); post.status != fiber.StatusNoContent {
		t.Fatalf("the error page's token was refused: %d", post.status)
	}
}

// Only what the handler said is kept: a header the middleware before it set for one request
// is not given to the next.
func TestSharedKeepsOnlyTheHandlersHeaders(t *testing.T) {
	s := newSharedApp(t)
	for i := range 3 {
		r := s.get(t, "/t/shared-header")
		if got, want := r.header.Get("X-Request"), strconv.Itoa(i+1); got != want || r.header.Get("X-Robots-Tag") != "noindex" ||
			r.body != "same for all" {
			t.Fatalf("request %d: X-Request %q (want %q), X-Robots-Tag %q, body %q", i+1, got, want,
				r.header.Get("X-Robots-Tag"), r.body)
		}
	}
	s.wantBuilds(t, 1, "three reads")
}

// The cache holds a bounded number of bytes too: eight answers of half a megabyte pass the
// bound, and the cache starts again.
func TestSharedIsBoundedInBytes(t *testing.T) {
	s := newSharedApp(t)
	for i := range 7 {
		s.get(t, "/t/shared-big?i="+strconv.Itoa(i))
	}
	s.get(t, "/t/shared-big?i=0")
	s.wantBuilds(t, 7, "seven answers, the first again")
	s.get(t, "/t/shared-big?i=7")
	s.get(t, "/t/shared-big?i=0")
	s.wantBuilds(t, 9, "past the bound the first is built again")
}

// A crowd asking for an answer that cannot be kept gets its own answers, each right.
func TestSharedCrowdOnAMissingPage(t *testing.T) {
	s := newSharedApp(t)
	s.crowd(t, "/t/shared-missing", 16, 404)
	s.wantBuilds(t, 16, "16 visitors of a missing page")
}
