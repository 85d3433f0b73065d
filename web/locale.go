package web

import (
	"slices"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"
)

// LangCookie remembers the language a visitor chose.
const LangCookie = "mlms_lang"

const langKey = "web.lang"

// locale decides the language of the request: the visitor's remembered choice, then the
// person's saved preference, then (for the API only) Accept-Language; Czech otherwise, because
// the product's people are Czech whatever their browser says.
func (a *App) locale(c *fiber.Ctx) error {
	lang := c.Cookies(LangCookie)
	if !slices.Contains(Languages, lang) {
		lang = ""
		if p := Me(c); p != nil && slices.Contains(Languages, p.Lang) {
			lang = p.Lang
		} else if isAPI(c) {
			lang = accepted(c.Get(fiber.HeaderAcceptLanguage))
		}
	}
	if lang == "" {
		lang = Languages[0]
	}
	c.Locals(langKey, lang)
	return c.Next()
}

// Lang is the language of the request.
func Lang(c *fiber.Ctx) string {
	if s, ok := c.Locals(langKey).(string); ok {
		return s
	}
	return Languages[0]
}

// SetLang remembers lang for this browser for a year.
func SetLang(c *fiber.Ctx, lang string) {
	c.Cookie(&fiber.Cookie{Name: LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HTTPOnly: true, Secure: secure(c), SameSite: fiber.CookieSameSiteLaxMode})
	c.Locals(langKey, lang)
}

var matcher = language.NewMatcher([]language.Tag{language.Czech, language.English})

// accepted picks the best of the product's languages for an Accept-Language header, with its
// weights; Czech when the header asks for neither.
func accepted(header string) string {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil || len(tags) == 0 {
		return Languages[0]
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Languages[0]
	}
	return Languages[i]
}
