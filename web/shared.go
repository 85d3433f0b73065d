package web

import (
	"bytes"
	"net/http"
	"sync"
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
	sharedEntries = 512      // beyond so many answers, or so many bytes, the cache starts again:
	sharedBytes   = 16 << 20 // memory stays bounded whatever is asked
	sharedBody    = 1 << 20  // a larger answer is served, not kept
)

type sharedCache struct {
	mu      sync.Mutex
	gen     uint64
	bytes   int // kept in the entries of this generation
	entries map[string]*sharedEntry
}

// sharedEntry is one answer; its lock is held while it is built, so that a crowd arriving
// together waits for one build instead of making its own each.
type sharedEntry struct {
	mu      sync.Mutex
	ready   bool
	at      time.Time
	status  int
	headers [][2]string
	body    []byte
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

// Shared is the middleware of the routes whose answer to a visitor is the same for every
// visitor (see sharedFor): it answers from memory when it can, and otherwise lets the handler
// answer and keeps a successful answer.
func Shared(c *fiber.Ctx) error {
	a := appOf(c)
	if a.cfg.Generation == nil || c.Method() != fiber.MethodGet || Me(c) != nil || c.Cookies(flashCookie) != "" {
		return c.Next()
	}
	e := a.shared.entry(Lang(c)+" "+string(c.Request().URI().RequestURI()), a.cfg.Generation())
	if e == nil {
		return c.Next()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := a.Now()
	token := []byte(CSRFToken(c))
	if e.ready && !now.Before(e.at) && now.Sub(e.at) < sharedFor {
		c.Status(e.status)
		for _, h := range e.headers {
			c.Set(h[0], h[1])
		}
		return c.Send(bytes.ReplaceAll(e.body, a.csrfMark, token))
	}
	e.ready = false
	c.Locals(csrfKey, string(a.csrfMark))
	cookies := cookieCount(c)
	err := c.Next()
	c.Locals(csrfKey, string(token))
	res := &c.Response().Header
	body := c.Response().Body()
	if err == nil && c.Response().StatusCode() == http.StatusOK && len(body) <= sharedBody && cookieCount(c) == cookies {
		a.shared.keep(len(body) - len(e.body))
		e.ready, e.at, e.status, e.body = true, now, http.StatusOK, append(e.body[:0], body...)
		e.headers = e.headers[:0]
		res.VisitAll(func(k, v []byte) {
			switch string(k) {
			case fiber.HeaderSetCookie, fiber.HeaderContentLength, fiber.HeaderDate, fiber.HeaderServer, fiber.HeaderConnection:
				return
			}
			e.headers = append(e.headers, [2]string{string(k), string(v)})
		})
	}
	if bytes.Contains(body, a.csrfMark) {
		c.Response().SetBody(bytes.ReplaceAll(body, a.csrfMark, token))
	}
	return err
}

// keep counts n more bytes kept, starting the cache again when it would hold too many; an
// entry dropped so is still served to whoever holds it, and then forgotten.
func (s *sharedCache) keep(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bytes+n > sharedBytes {
		s.entries, s.bytes = map[string]*sharedEntry{}, 0
	}
	s.bytes += n
}

func cookieCount(c *fiber.Ctx) (n int) {
	c.Response().Header.VisitAllCookie(func(_, _ []byte) { n++ })
	return n
}
