package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// The cookie that carries the browser session: SessionCookie over plain HTTP (development, a
// relay on the same machine), SecureSessionCookie over HTTPS, whose __Host- prefix makes the
// browser accept it only when set Secure, for the path /, by this very host, so that no other
// site on a sibling domain can plant or overwrite it.
const (
	SessionCookie       = "mlms_session"
	SecureSessionCookie = "__Host-mlms_session"
)

// sessionCookieName is the session cookie's name for the request's scheme.
func sessionCookieName(c *fiber.Ctx) string {
	if secure(c) {
		return SecureSessionCookie
	}
	return SessionCookie
}

// SessionToken is the session cookie the request carries, "" for none.
func SessionToken(c *fiber.Ctx) string { return c.Cookies(sessionCookieName(c)) }

// authenticate puts the principal of a Bearer token or a session cookie into the context.
//
// The JSON API accepts a browser session for reading only: a state change through the API
// needs a token, so the API never has to rely on CSRF tokens. Pages take no tokens.
func (a *App) authenticate(c *fiber.Ctx) error {
	now := a.cfg.Clock()
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
		// A token is for programs and the API only: a page acting on a token would take
		// changes without CSRF protection and past what a session must go through (the
		// second factor, confirmations meant for a person).
		if !isAPI(c) {
			return Unauthorized()
		}
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return Unauthorized()
		}
		p, err := a.cfg.Auth.Token(c.UserContext(), strings.TrimSpace(token), now)
		if err != nil {
			return err
		}
		if p == nil {
			return Unauthorized()
		}
		c.Locals(principalKey, p)
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.Next()
	}
	if isAPI(c) && !safeMethod(c.Method()) {
		return c.Next()
	}
	if v := SessionToken(c); v != "" {
		p, err := a.cfg.Auth.Session(c.UserContext(), v, now)
		if err != nil {
			return err
		}
		if p == nil {
			ClearSessionCookie(c)
		} else {
			c.Locals(principalKey, p)
			// Personal pages must not be kept by the browser or a proxy.
			c.Set(fiber.HeaderCacheControl, "no-store")
			if p.Pending != "" && !mayPass(c.Path(), p.Pending) {
				if isAPI(c) {
					return &Error{Code: CodeForbidden, Msg: M("error.pending")}
				}
				return Redirect(c, p.Pending)
			}
		}
	}
	return c.Next()
}

// mayPass reports whether a person with a page to finish first may open path: that page and
// what hangs under it, signing out, the language and the assets.
func mayPass(path, pending string) bool {
	return path == pending || strings.HasPrefix(path, pending+"/") || path == "/logout" || path == "/lang" ||
		path == "/keepalive" || strings.HasPrefix(path, "/static/")
}

// SetSessionCookie hands the browser a new session.
func SetSessionCookie(c *fiber.Ctx, token string, maxAge time.Duration) {
	c.Cookie(&fiber.Cookie{
		Name:     sessionCookieName(c),
		Value:    token,
		Path:     "/",
		MaxAge:   int(maxAge.Seconds()),
		HTTPOnly: true,
		Secure:   secure(c),
		SameSite: fiber.CookieSameSiteLaxMode,
	})
}

// ClearSessionCookie removes the session cookie from the browser.
func ClearSessionCookie(c *fiber.Ctx) {
	// An expiry in the past is what makes a browser delete a cookie; fasthttp drops Max-Age <= 0.
	c.Cookie(&fiber.Cookie{Name: sessionCookieName(c), Value: "", Path: "/", Expires: time.Unix(0, 0), HTTPOnly: true,
		Secure: secure(c), SameSite: fiber.CookieSameSiteLaxMode})
}

// secure reports whether cookies should be marked Secure: whenever the request came over HTTPS.
func secure(c *fiber.Ctx) bool { return c.Protocol() == "https" }

func safeMethod(m string) bool {
	return m == fiber.MethodGet || m == fiber.MethodHead || m == fiber.MethodOptions
}

// isAPI reports whether the request is for the JSON API, which answers errors in JSON and
// changes state only with a Bearer token. Routing is case-sensitive (so /API/v1/… names no
// route at all), and this check ignores case as well, so that no spelling of a path can be
// routed one way and authenticated another.
func isAPI(c *fiber.Ctx) bool {
	p := strings.ToLower(c.Path())
	return strings.HasPrefix(p, "/api/") || p == "/healthz"
}
