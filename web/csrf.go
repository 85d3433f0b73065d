package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"
)

// CSRFField is the form field (and CSRFHeader the header) that carries the CSRF token.
const (
	CSRFField  = "_csrf"
	CSRFHeader = "X-CSRF-Token"
	anonCookie = "mlms_visitor"
	csrfKey    = "web.csrf"
)

// csrf gives every page a token bound to the session (or, before sign-in, to a random visitor
// cookie) and refuses any state-changing request of a browser that does not send it back.
// Signing the binding with the installation secret means no token table is needed, and a new
// session at sign-in gives a new token.
func (a *App) csrf(c *fiber.Ctx) error {
	if isAPI(c) {
		return c.Next() // the API changes state only with Bearer tokens
	}
	binding := ""
	if p := Me(c); p != nil {
		binding = "s:" + p.SessionKey
		if p.SessionKey == "" {
			return c.Next() // a Bearer token: not a browser, nothing to forge
		}
	} else {
		v := c.Cookies(anonCookie)
		if v == "" {
			v = randomToken()
			c.Cookie(&fiber.Cookie{Name: anonCookie, Value: v, Path: "/", HTTPOnly: true,
				Secure: secure(c), SameSite: fiber.CookieSameSiteLaxMode})
			c.Locals(csrfKey, a.sign("v:"+v))
			if !safeMethod(c.Method()) {
				if a.offerReplay(c) {
					return a.renderReplay(c, refusedFields(c), c.Path())
				}
				return Forbidden().with("error.csrf")
			}
		}
		binding = "v:" + v
	}
	want := a.sign(binding)
	c.Locals(csrfKey, want)
	if safeMethod(c.Method()) {
		return c.Next()
	}
	got := c.FormValue(CSRFField)
	if got == "" {
		got = c.Get(CSRFHeader)
	}
	if !hmac.Equal([]byte(got), []byte(want)) {
		// A lapsed session or an old page: what was sent comes back, not an error page.
		if a.offerReplay(c) {
			return a.renderReplay(c, refusedFields(c), c.Path())
		}
		return Forbidden().with("error.csrf")
	}
	return c.Next()
}

func (a *App) sign(binding string) string {
	m := hmac.New(sha256.New, a.cfg.Secret)
	m.Write([]byte("csrf\x00" + binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CSRFToken is the token that the request's forms must send back.
func CSRFToken(c *fiber.Ctx) string {
	s, _ := c.Locals(csrfKey).(string)
	return s
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// with replaces the message of a forbidden error.
func (e *Error) with(key string) *Error { e.Msg = M(key); return e }
