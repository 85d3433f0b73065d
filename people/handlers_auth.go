package people

import (
	"errors"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

func (h *Handlers) loginForm(c *fiber.Ctx) error {
	if web.Me(c) != nil {
		return web.Redirect(c, web.SafeNext(c.Query("next"), "/"))
	}
	return web.Render(c, "people/login", fiber.Map{
		"Title": h.title(c, "login.title"), "Next": web.SafeNext(c.Query("next"), ""),
	})
}

func (h *Handlers) login(c *fiber.Ctx) error {
	email, next := c.FormValue("email"), web.SafeNext(c.FormValue("next"), "/")
	refuse := func(key string, status int) error {
		if fields, action, ok := web.Replayed(c); ok {
			// On the way back to a refused form: keep the form's fields for the next try.
			return web.RenderReplayAgain(c, fields, action, web.LocalizerOf(c).T(key))
		}
		return web.Render(c.Status(status), "people/login", fiber.Map{
			"Title": h.title(c, "login.title"), "Email": email, "Next": next, "Error": web.LocalizerOf(c).T(key),
		})
	}
	if strings.TrimSpace(email) == "" || c.FormValue("password") == "" {
		// Nothing to check, so no attempt is counted against the address.
		return refuse("login.empty", fiber.StatusUnprocessableEntity)
	}
	token, p, err := h.svc.Login(c.UserContext(), email, c.FormValue("password"), web.ClientIP(c),
		web.SessionToken(c), h.clock())
	if err == ErrSignIn {
		return refuse("login.failed", fiber.StatusUnauthorized)
	}
	var need *CodeNeeded
	if errors.As(err, &need) {
		return h.askCode(c, need.Challenge, next)
	}
	if err != nil {
		return err
	}
	return h.signedIn(c, token, p, next)
}

// signedIn hands the browser its new session and goes on: to the page the person wanted, or
// back to a refused form, filled in again and one button from being sent.
func (h *Handlers) signedIn(c *fiber.Ctx, token string, p Person, next string) error {
	web.SetSessionCookie(c, token, SessionMax)
	if p.Lang != "" && c.Cookies(web.LangCookie) == "" {
		web.SetLang(c, p.Lang)
	}
	if fields, action, ok := web.Replayed(c); ok {
		return web.RenderReplayed(c, p.Principal(HashToken(token)), fields, action)
	}
	return web.Redirect(c, next)
}

func (h *Handlers) logout(c *fiber.Ctx) error {
	if me := web.Me(c); me.SessionKey != "" { // a Bearer token has no session to end
		if err := h.svc.Logout(c.UserContext(), me, h.clock()); err != nil {
			return err
		}
	}
	web.ClearSessionCookie(c)
	return web.Redirect(c, "/")
}

// lang switches the language and remembers it: in a cookie for this browser and, for a
// signed-in person, as their preference everywhere.
func (h *Handlers) lang(c *fiber.Ctx) error {
	lang := c.FormValue("lang")
	if !slices.Contains(web.Languages, lang) {
		return web.BadRequest("error.lang")
	}
	web.SetLang(c, lang)
	if me := web.Me(c); me != nil {
		if err := h.svc.SetLang(c.UserContext(), me.ID, lang); err != nil {
			return err
		}
	}
	return web.Redirect(c, web.SafeNext(c.FormValue("next"), "/"))
}

func (h *Handlers) setupForm(c *fiber.Ctx) error {
	if err := h.svc.CheckSetupLink(c.UserContext(), c.Params("token"), h.clock()); err != nil {
		return err
	}
	return web.Render(c, "people/setup", fiber.Map{"Title": h.title(c, "setup.title"), "Form": form{}})
}

func (h *Handlers) setup(c *fiber.Ctx) error {
	in := Input{Name: c.FormValue("name"), Email: c.FormValue("email"), Password: c.FormValue("password")}
	token, err := h.svc.Setup(c.UserContext(), c.Params("token"), in, web.ClientIP(c), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		in.Password = ""
		return web.Render(c.Status(fiber.StatusUnprocessableEntity), "people/setup",
			fiber.Map{"Title": h.title(c, "setup.title"), "Form": form{Input: in, Errors: errs}})
	}
	if err != nil {
		return err
	}
	web.SetSessionCookie(c, token, SessionMax)
	return web.Redirect(c, "/")
}

func (h *Handlers) account(c *fiber.Ctx) error {
	m, err := h.accountData(c, fiber.Map{"Saved": c.Query("saved") == "1"})
	if err != nil {
		return err
	}
	return web.Render(c, "people/account", m)
}

func (h *Handlers) changePassword(c *fiber.Ctx) error {
	err := h.svc.ChangePassword(c.UserContext(), web.Me(c), c.FormValue("current"), c.FormValue("password"), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		m, gerr := h.accountData(c, fiber.Map{"Errors": errs})
		if gerr != nil {
			return gerr
		}
		return web.Render(c.Status(fiber.StatusUnprocessableEntity), "people/account", m)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/account?saved=1")
}
