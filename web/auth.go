package web

import (
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// SessionCookie names the cookie that carries the browser session.
const SessionCookie = "mlms_session"

// authenticate puts the principal of a Bearer token or a session cookie into the context.
//
// The JSON API accepts a browser session for reading only: a state change through the API
// needs a token, so the API never has to rely on CSRF tokens.
func (a *App) authenticate(c *fiber.Ctx) error {
	now := a.cfg.Clock()
	if h := c.Get(fiber.HeaderAuthorization); h != "" {
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
	if v := c.Cookies(SessionCookie); v != "" {
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
		}
	}
	return c.Next()
}

// SetSessionCookie hands the browser a new session.
func SetSessionCookie(c *fiber.Ctx, token string, maxAge time.Duration) {
	c.Cookie(&fiber.Cookie{
		Name:     SessionCookie,
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
	c.Cookie(&fiber.Cookie{Name: SessionCookie, Value: "", Path: "/", Expires: time.Unix(0, 0), HTTPOnly: true,
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
