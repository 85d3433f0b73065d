package web

import (
	"bytes"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
)

// What a visitor is shown of the catalog, a run or a certificate is the same for every visitor
// who asks in the same language at the same moment, and a crowd of them asks for it again and
// again (a link passed round, a certificate checked by several offices). Shared keeps such an
// answer in memory and serves it again while two things hold:
//   - the database has not been written since (Config.Generation), so a change shows at once
//     to whoever asks after it, the writer first;
//   - it is less than sharedFor old on the application's clock, so that what depends on the
//     time (a run that closes today) and what another process wrote (a command-line tool) is
//     seen within a second.
//
// Nobody signed in, no flash waiting: a page that names its reader is never shared. The one
// part of a visitor's page that is their own, the CSRF token of its forms, is drawn as a mark
// and put in for each reader.
const (
	sharedFor     = time.Second
	sharedEntries = 512     // beyond so many answers, or so many bytes, the cache starts again:
	sharedBytes   = 4 << 20 // memory stays bounded whatever is asked
	sharedBody    = 1 << 20 // a larger answer is served, not kept
)

type sharedCache struct {
	mu      sync.Mutex
	gen     uint64
	bytes   int // kept in the entries of this generation
	entries map[string]*sharedEntry
}

// sharedEntry is one URL's answer. Readers take the answer without a lock; mu is held while
// the answer is built, so that a crowd arriving together waits for one build instead of making
// its own each.
type sharedEntry struct {
	mu  sync.Mutex
	ans atomic.Pointer[sharedAnswer]
}

// sharedAnswer is what one build gave. An answer that is not kept (an error, a 404, an answer
// that sets a cookie) still says so for a second, so that a crowd asking for it builds its own
// answers side by side instead of queueing for a build that nobody can share.
type sharedAnswer struct {
	at      time.Time
	kept    bool
	headers [][2]string
	body    []byte
}

func (e *sharedEntry) fresh(now time.Time) *sharedAnswer {
	ans := e.ans.Load()
	if ans == nil || now.Before(ans.at) || now.Sub(ans.at) >= sharedFor {
		return nil
	}
	return ans
}

// entry returns the entry of key at generation gen, nil when gen is older than what the cache
// has already seen (the caller then builds its answer without keeping it).
func (s *sharedCache) entry(key string, gen uint64) *sharedEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case gen < s.gen:
		return nil
	case gen > s.gen || s.entries == nil:
		s.gen, s.entries, s.bytes = gen, map[string]*sharedEntry{}, 0
	}
	e, ok := s.entries[key]
	if !ok {
		if len(s.entries) >= sharedEntries {
			s.entries, s.bytes = map[string]*sharedEntry{}, 0
		}
		e = &sharedEntry{}
		s.entries[key] = e
	}
	return e
}

// keep counts the bytes of key's new answer against the bound, starting the cache again when
// it would hold too many. An entry no longer in the cache is not counted: whoever holds it
// serves it, and then it is forgotten.
func (s *sharedCache) keep(key string, e *sharedEntry, grown int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.entries[key] != e {
		return
	}
	if s.bytes += grown; s.bytes > sharedBytes {
		s.entries, s.bytes = map[string]*sharedEntry{}, 0
	}
}

// Shared is the middleware of the routes whose answer to a visitor is the same for every
// visitor (see sharedFor): it answers from memory when it can, and otherwise lets the handler
// answer. What it keeps is a 200 of at most sharedBody bytes that sets no cookie; anything
// else is served to the one who asked and built again for the next.
func Shared(c *fiber.Ctx) error {
	a := appOf(c)
	if a.cfg.Generation == nil || c.Method() != fiber.MethodGet || Me(c) != nil || c.Cookies(flashCookie) != "" {
		return c.Next()
	}
	// The URL as sent, which the page is drawn from (its language switch returns to it).
	key := Lang(c) + " " + c.OriginalURL()
	e := a.shared.entry(key, a.cfg.Generation())
	if e == nil {
		return c.Next()
	}
	now := a.Now()
	if ans := e.fresh(now); ans != nil {
		return a.serveShared(c, ans)
	}
	e.mu.Lock()
	// The wait may have been long: an answer built during it is judged by the time now.
	now = a.Now()
	if ans := e.fresh(now); ans != nil { // built while this request waited
		e.mu.Unlock()
		return a.serveShared(c, ans)
	}
	defer e.mu.Unlock()
	return a.buildShared(c, key, e, now)
}

// serveShared answers from a kept answer, with the reader's own token in its forms; an answer
// that is not kept is built again.
func (a *App) serveShared(c *fiber.Ctx, ans *sharedAnswer) error {
	if !ans.kept {
		return c.Next()
	}
	c.Status(http.StatusOK)
	for _, h := range ans.headers {
		c.Set(h[0], h[1])
	}
	return c.Send(bytes.ReplaceAll(ans.body, a.csrfMark, []byte(CSRFToken(c))))
}

// buildShared lets the handler answer with the mark for the token and keeps what it answered
// when every reader may be given it: a 200 that sets no cookie. Only the headers the handler
// set are kept: the ones before it (the middleware's) are each request's own.
func (a *App) buildShared(c *fiber.Ctx, key string, e *sharedEntry, now time.Time) error {
	token := CSRFToken(c)
	c.Locals(csrfKey, string(a.csrfMark))
	defer c.Locals(csrfKey, token) // an error page drawn after a panic has the real token too
	before := map[string]string{}
	c.Response().Header.VisitAll(func(k, v []byte) { before[string(k)] = string(v) })
	cookies := cookieCount(c)
	err := c.Next()
	res := c.Response()
	body := res.Body()
	ans := &sharedAnswer{at: now}
	if err == nil && res.StatusCode() == http.StatusOK && len(body) <= sharedBody && cookieCount(c) == cookies {
		ans.kept, ans.body = true, bytes.Clone(body)
		res.Header.VisitAll(func(k, v []byte) {
			switch key := string(k); key {
			case fiber.HeaderSetCookie, fiber.HeaderContentLength, fiber.HeaderDate, fiber.HeaderServer, fiber.HeaderConnection:
			default:
				if was, ok := before[key]; !ok || was != string(v) {
					ans.headers = append(ans.headers, [2]string{key, string(v)})
				}
			}
		})
		grown := len(key) + len(body)
		if old := e.ans.Load(); old != nil {
			grown -= len(key) + len(old.body)
		}
		a.shared.keep(key, e, grown)
	}
	e.ans.Store(ans)
	if bytes.Contains(body, a.csrfMark) {
		res.SetBody(bytes.ReplaceAll(body, a.csrfMark, []byte(token)))
	}
	return err
}

func cookieCount(c *fiber.Ctx) (n int) {
	c.Response().Header.VisitAllCookie(func(_, _ []byte) { n++ })
	return n
}
