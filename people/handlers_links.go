package people

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// linkRoutes lists the pages of one-time password links: asking for a reset, and setting the
// password a link allows.
func (h *Handlers) linkRoutes(r fiber.Router) {
	r.Get("/password/forgot", h.forgotForm)
	r.Post("/password/forgot", h.forgot)
	r.Get("/password/:token", h.passwordForm)
	r.Post("/password/:token", h.setPassword)
}

func (h *Handlers) forgotForm(c *fiber.Ctx) error {
	return web.Render(c, "people/forgot", fiber.Map{"Title": web.LocalizerOf(c).T("password_link.forgot_title")})
}

// forgot answers every address alike, whether or not it has an account.
func (h *Handlers) forgot(c *fiber.Ctx) error {
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	if err := h.svc.RequestReset(c.UserContext(), email, web.ClientIP(c), h.clock()); err != nil {
		return err
	}
	return web.Render(c, "people/forgot", fiber.Map{"Title": web.LocalizerOf(c).T("password_link.forgot_title"), "Sent": true})
}

func (h *Handlers) passwordForm(c *fiber.Ctx) error {
	p, err := h.svc.CheckPasswordLink(c.UserContext(), c.Params("token"), h.clock())
	if err != nil {
		return err
	}
	return web.Render(c, "people/password_link", fiber.Map{"Title": web.LocalizerOf(c).T("password_link.title"),
		"Person": p, "Token": c.Params("token")})
}

func (h *Handlers) setPassword(c *fiber.Ctx) error {
	token := c.Params("token")
	p, err := h.svc.UsePasswordLink(c.UserContext(), token, c.FormValue("password"), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		p, cerr := h.svc.CheckPasswordLink(c.UserContext(), token, h.clock())
		if cerr != nil {
			return cerr
		}
		return web.Render(c.Status(fiber.StatusUnprocessableEntity), "people/password_link", fiber.Map{
			"Title": web.LocalizerOf(c).T("password_link.title"), "Person": p, "Token": token, "Errors": errs})
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/login", web.Flash{Notice: web.LocalizerOf(c).T("password_link.done", "Email", p.Email)})
	return web.Redirect(c, "/login")
}
