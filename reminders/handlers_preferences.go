package reminders

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// preferenceRoutes lists the pages that turn optional e-mail off: the person's own page, and
// the link in such an e-mail, which works without signing in.
func (h *Handlers) preferenceRoutes(r fiber.Router) {
	r.Get("/account/email", web.Require(), h.preferences)
	r.Post("/account/email", web.Require(), h.savePreferences)
	r.Get("/unsubscribe/:token", h.unsubscribePage)
	r.Post("/unsubscribe/:token", h.unsubscribe)
}

// preferenceAPIRoutes lists the one-click unsubscribe of RFC 8058, which a mail client posts
// without a session; opening it in a browser leads to the page that asks.
func (h *Handlers) preferenceAPIRoutes(r fiber.Router) {
	r.Post("/unsubscribe/:token", h.apiUnsubscribe)
	r.Get("/unsubscribe/:token", func(c *fiber.Ctx) error { return web.Redirect(c, "/unsubscribe/"+c.Params("token")) })
}

func (h *Handlers) preferences(c *fiber.Ctx) error {
	off, err := TurnedOff(c.UserContext(), h.db.R, web.Me(c).ID)
	if err != nil {
		return err
	}
	return web.Render(c, "reminders/preferences", fiber.Map{"Title": web.LocalizerOf(c).T("email_prefs.title"),
		"Kinds": Optional, "Off": off})
}

func (h *Handlers) savePreferences(c *fiber.Ctx) error {
	var off []string
	for _, k := range Optional {
		if c.FormValue("on_"+k) != "1" {
			off = append(off, k)
		}
	}
	if err := SetTurnedOff(c.UserContext(), h.db, web.Me(c).ID, off, h.clock()); err != nil {
		return err
	}
	web.SetFlash(c, "/account/email", web.Flash{Notice: web.LocalizerOf(c).T("email_prefs.saved")})
	return web.Redirect(c, "/account/email")
}

// token reads the unsubscribe link; one this server did not make names nothing.
func (h *Handlers) token(c *fiber.Ctx) (int64, string, error) {
	id, kind, ok := ParseUnsubscribe(h.UnsubscribeKey, c.Params("token"))
	if !ok || len(h.UnsubscribeKey) == 0 {
		return 0, "", web.NotFound("email_prefs.bad_link")
	}
	return id, kind, nil
}

func (h *Handlers) unsubscribePage(c *fiber.Ctx) error {
	_, kind, err := h.token(c)
	if err != nil {
		return err
	}
	return web.Render(c, "reminders/unsubscribe", fiber.Map{"Title": web.LocalizerOf(c).T("email_prefs.unsubscribe_title"),
		"Kind": kind, "Token": c.Params("token")})
}

func (h *Handlers) unsubscribe(c *fiber.Ctx) error {
	id, kind, err := h.token(c)
	if err != nil {
		return err
	}
	if err := TurnOff(c.UserContext(), h.db, id, kind, h.clock()); err != nil {
		return err
	}
	return web.Render(c, "reminders/unsubscribe", fiber.Map{"Title": web.LocalizerOf(c).T("email_prefs.unsubscribe_title"),
		"Kind": kind, "Done": true})
}

func (h *Handlers) apiUnsubscribe(c *fiber.Ctx) error {
	id, kind, err := h.token(c)
	if err != nil {
		return err
	}
	if err := TurnOff(c.UserContext(), h.db, id, kind, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
