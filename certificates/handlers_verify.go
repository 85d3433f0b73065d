package certificates

import (
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/limiter"

	"mentorlms/web"
)

// VerifyLimit is how many look-ups of a code one client (web.ClientKey) may make in a minute, on the
// page and in the API together: plenty for a person checking a few certificates, far too
// few to guess codes.
const VerifyLimit = 30

// verifyClients is how many clients' counts the limit keeps (see web.LimitStore): some
// megabytes at most, and far more addresses than check certificates in a minute.
const verifyClients = 50_000

// verifyRoutes lists public verification: the page of a code, a form to type one, and the same
// look-up in the JSON API. The API's route is registered here, under its full path, so that
// both share one limiter and one count per client.
func (h *Handlers) verifyRoutes(r fiber.Router) {
	limit := limiter.New(limiter.Config{Max: VerifyLimit, Expiration: time.Minute,
		KeyGenerator: web.LimitKey, LimitReached: tooMany, Storage: web.NewLimitStore(verifyClients)})
	r.Get("/verify", h.verifyForm)
	r.Get("/verify/:code", limit, web.Shared, h.verify)
	r.Get("/api/v1/verify/:code", limit, web.Shared, h.apiVerify)
}

// codeAlphabet is the alphabet of verification codes (see newCode).
const codeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// normalizeCode reads a code as people type it: any case, with spaces or dashes between
// groups; ok is false for anything that cannot be a code.
func normalizeCode(s string) (code string, ok bool) {
	code = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToUpper(s))
	if len(code) != 12 {
		return code, false
	}
	for _, r := range code {
		if !strings.ContainsRune(codeAlphabet, r) {
			return code, false
		}
	}
	return code, true
}

// verifyForm is the form to type a code; with a code it goes to that code's page.
func (h *Handlers) verifyForm(c *fiber.Ctx) error {
	typed := c.Query("code")
	data := fiber.Map{"Title": web.LocalizerOf(c).T("cert_verify.title"), "Form": true, "Typed": typed}
	if strings.TrimSpace(typed) != "" {
		code, ok := normalizeCode(typed)
		if ok {
			return web.Redirect(c, "/verify/"+url.PathEscape(code))
		}
		c.Status(fiber.StatusUnprocessableEntity)
		data["Error"] = web.LocalizerOf(c).T("cert_verify.bad_code")
	}
	return web.Render(c, "certificates/verify", data)
}

// verify shows what a certificate's code says: valid, expired or revoked, whose it is and for
// what; never the date of birth. An unknown code gets the same page whatever it was: the
// page does not repeat it, and the language switch returns to the form, not to the code.
func (h *Handlers) verify(c *fiber.Ctx) error {
	l := web.LocalizerOf(c)
	// The page names a person: no cache keeps it (revoking must show at once), no search
	// engine lists it.
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set("X-Robots-Tag", "noindex")
	v, err := h.svc.Verify(c.UserContext(), c.Params("code"), h.clock())
	if errors.Is(err, ErrNotFound) {
		c.Status(fiber.StatusNotFound)
		return web.Render(c, "certificates/verify", fiber.Map{"Title": l.T("cert_verify.title"), "Unknown": true,
			"Form": true, "Path": "/verify", "Query": ""})
	}
	if err != nil {
		return err
	}
	return web.Render(c, "certificates/verify", fiber.Map{"Title": l.T("cert_verify.title"), "V": v})
}

// apiVerify answers what a code says, as JSON; an unknown code is a 404 like any other.
func (h *Handlers) apiVerify(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	v, err := h.svc.Verify(c.UserContext(), c.Params("code"), h.clock())
	if err != nil {
		return err
	}
	return c.JSON(v)
}

// tooMany answers a client over the limit with 429, a Retry-After (set by the limiter) and a
// message in its language: a page, or the API's error body.
func tooMany(c *fiber.Ctx) error {
	l := web.LocalizerOf(c)
	c.Status(fiber.StatusTooManyRequests)
	c.Set(fiber.HeaderCacheControl, "no-store")
	if strings.HasPrefix(c.Path(), "/api/") {
		return c.JSON(fiber.Map{"error": fiber.Map{"code": "too_many_requests", "message": l.T("cert_verify.too_many")}})
	}
	return web.Render(c, "certificates/verify", fiber.Map{"Title": l.T("cert_verify.title"), "TooMany": true,
		"Form": true, "Path": "/verify", "Query": ""})
}
