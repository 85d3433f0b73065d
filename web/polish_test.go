package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// The API's language follows Accept-Language with its weights.
func TestAcceptLanguageWeights(t *testing.T) {
	a := newApp(t)
	for header, want := range map[string]string{
		"cs;q=0.1,en;q=0.9":  "Unknown field",
		"en-GB,en;q=0.9":     "Unknown field",
		"cs-CZ,cs;q=0.9,en":  "Neznámé pole",
		"de-DE":              "Neznámé pole",
		"":                   "Neznámé pole",
		"nonsense;;q=x,,,,,": "Neznámé pole",
	} {
		e := decodeAPIError(t, a.do(t, apiPost(`{"x":1}`, "Bearer tok-admin", header)))
		if !strings.Contains(e.Error.Message, want) {
			t.Errorf("Accept-Language %q: %q, want %q", header, e.Error.Message, want)
		}
	}
}

// A body of null is malformed for an endpoint that wants an object.
func TestNullBody(t *testing.T) {
	a := newApp(t)
	r := a.do(t, apiPost(` null `, "Bearer tok-admin", "en"))
	if e := decodeAPIError(t, r); r.status != 400 || e.Error.Code != "bad_request" {
		t.Errorf("%d %+v", r.status, e)
	}
}

// Query integers are checked: garbage is a 400 naming the parameter, absence the default.
func TestQueryInt(t *testing.T) {
	a := newApp(t)
	a.Get("/api/v1/q", func(c *fiber.Ctx) error {
		n, err := web.QueryInt(c, "limit", 100, 1, 500)
		if err != nil {
			return err
		}
		return c.JSON(fiber.Map{"limit": n})
	})
	for q, want := range map[string]int{"": 200, "?limit=7": 200, "?limit=abc": 400, "?limit=0": 400, "?limit=501": 400, "?limit=1e2": 400} {
		r := a.do(t, httptest.NewRequest("GET", "/api/v1/q"+q, nil))
		if r.status != want {
			t.Errorf("%s: %d, want %d", q, r.status, want)
		}
		if want == 400 && !strings.Contains(decodeAPIError(t, r).Error.Message, "limit") {
			t.Errorf("%s: the message does not name the parameter", q)
		}
	}
}

// A form posted after the session ended leads to the sign-in page without a "next" that
// would lead to a GET of a POST-only address.
func TestExpiredSessionOnPost(t *testing.T) {
	a := newApp(t)
	a.Post("/t/guarded", web.Require(), func(c *fiber.Ctx) error { return c.SendStatus(204) })
	token, cookies := a.page(t)
	r := a.do(t, req("POST", "/t/guarded", map[string][]string{"_csrf": {token}}, cookies...))
	if r.status != 303 || r.header.Get("Location") != "/login" {
		t.Errorf("%d → %q", r.status, r.header.Get("Location"))
	}
}
