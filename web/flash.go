package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// flashCookie carries a one-shot message from a form to the page it redirects to.
const flashCookie = "mlms_flash"

// Flash is what a form tells the page it redirects to, once: what was done, and what needs the
// reader's attention (a heading and its items). It travels in a short-lived cookie rather
// than in the address, because it may name people, and no personal data goes into URLs.
type Flash struct {
	Notice  string   `json:"n,omitempty"`
	Warning string   `json:"w,omitempty"`
	Items   []string `json:"i,omitempty"`
}

// flashLimit keeps the cookie well under the 4 KiB that browsers accept.
const flashLimit = 3000

// SetFlash leaves f for the next request of path (a path on this site, without a query).
// Items that would make the cookie too large are left out; the caller keeps the list short.
func SetFlash(c *fiber.Ctx, path string, f Flash) {
	raw, _ := json.Marshal(f)
	for len(raw) > flashLimit && len(f.Items) > 0 {
		f.Items = f.Items[:len(f.Items)-1]
		raw, _ = json.Marshal(f)
	}
	a := appOf(c)
	value := base64.RawURLEncoding.EncodeToString(raw)
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: value + "." + a.signFlash(path, value), Path: path,
		MaxAge: 300, HTTPOnly: true, Secure: secure(c), SameSite: fiber.CookieSameSiteLaxMode})
}

// TakeFlash returns the flash left for this page and clears it, so that a reload does not
// show it again; nil when there is none, or when it was not made by this server for this page.
func TakeFlash(c *fiber.Ctx) *Flash {
	v := c.Cookies(flashCookie)
	if v == "" {
		return nil
	}
	path := c.Path()
	c.Cookie(&fiber.Cookie{Name: flashCookie, Value: "", Path: path, Expires: time.Unix(0, 0), HTTPOnly: true,
		Secure: secure(c), SameSite: fiber.CookieSameSiteLaxMode})
	value, sig, _ := strings.Cut(v, ".")
	if !hmac.Equal([]byte(sig), []byte(appOf(c).signFlash(path, value))) {
		return nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(value)
	if err != nil {
		return nil
	}
	var f Flash
	if json.Unmarshal(raw, &f) != nil {
		return nil
	}
	return &f
}

// signFlash binds a flash to the installation and to its page, so that nobody else can put
// words on it.
func (a *App) signFlash(path, value string) string {
	m := hmac.New(sha256.New, a.cfg.Secret)
	m.Write([]byte("flash\x00" + path + "\x00" + value))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
