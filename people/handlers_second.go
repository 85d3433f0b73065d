package people

import (
	"encoding/base64"
	"errors"
	"html/template"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// challengeCookie carries a sign-in awaiting its code to the page that asks for it, and only
// there.
const challengeCookie = "mlms_challenge"

// secondRoutes are the second step of signing in, the person's own second factor, and its
// reset by an admin.
func (h *Handlers) secondRoutes(r fiber.Router, admin fiber.Handler) {
	r.Get("/login/code", h.codeForm)
	r.Post("/login/code", h.code)
	r.Get(SecondFactorPage, web.Require(), h.secondFactor)
	r.Post(SecondFactorPage, web.Require(), h.confirmSecond)
	r.Post(SecondFactorPage+"/recovery", web.Require(), h.newCodes)
	r.Get(SecondFactorPage+"/off", web.Require(), h.confirmOff)
	r.Post(SecondFactorPage+"/off", web.Require(), h.turnOff)
	r.Get("/people/:id/second-factor/reset", admin, h.confirmReset)
	r.Post("/people/:id/second-factor/reset", admin, h.reset)
}

// askCode answers a right password of someone with a second factor: the page that asks for the
// code, and the cookie that ties it to this sign-in.
func (h *Handlers) askCode(c *fiber.Ctx, challenge, next string) error {
	c.Cookie(&fiber.Cookie{Name: challengeCookie, Value: challenge, Path: "/login", MaxAge: int(ChallengeValid.Seconds()),
		HTTPOnly: true, Secure: c.Protocol() == "https", SameSite: fiber.CookieSameSiteLaxMode})
	return web.Render(c, "people/login_code", fiber.Map{"Title": h.title(c, "login_code.title"), "Next": next})
}

func (h *Handlers) codeForm(c *fiber.Ctx) error {
	if c.Cookies(challengeCookie) == "" {
		return web.Redirect(c, "/login")
	}
	return web.Render(c, "people/login_code", fiber.Map{"Title": h.title(c, "login_code.title"),
		"Next": web.SafeNext(c.Query("next"), "")})
}

func (h *Handlers) code(c *fiber.Ctx) error {
	next := web.SafeNext(c.FormValue("next"), "/")
	token, p, err := h.svc.SecondStep(c.UserContext(), c.Cookies(challengeCookie), c.FormValue("code"), web.ClientIP(c),
		web.SessionToken(c), h.clock())
	switch {
	case errors.Is(err, ErrChallenge):
		return web.Render(c.Status(fiber.StatusUnauthorized), "people/login", fiber.Map{"Title": h.title(c, "login.title"),
			"Next": next, "Error": web.LocalizerOf(c).T("second_factor.challenge_over")})
	case errors.Is(err, ErrSignIn):
		return web.Render(c.Status(fiber.StatusUnauthorized), "people/login_code", fiber.Map{
			"Title": h.title(c, "login_code.title"), "Next": next, "Error": web.LocalizerOf(c).T("login_code.wrong")})
	case err != nil:
		return err
	}
	c.Cookie(&fiber.Cookie{Name: challengeCookie, Value: "", Path: "/login", Expires: time.Unix(0, 0), HTTPOnly: true,
		Secure: c.Protocol() == "https", SameSite: fiber.CookieSameSiteLaxMode})
	return h.signedIn(c, token, p, next)
}

// secondPage shows the person's second factor: the enrolment with its QR code while they have
// none, its state when they do, and the recovery codes right after they were made.
func (h *Handlers) secondPage(c *fiber.Ctx, status int, codes []string, errs map[string]string) error {
	st, err := h.svc.SecondFactorOf(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	m := fiber.Map{"Title": h.title(c, "second_factor.title"), "State": st, "Codes": codes, "Errors": errs}
	if !st.Enrolled {
		png, err := web.QRPNG(st.URL, 5)
		if err != nil {
			return err
		}
		m["QR"] = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	return web.Render(c.Status(status), "people/second_factor", m)
}

func (h *Handlers) secondFactor(c *fiber.Ctx) error { return h.secondPage(c, fiber.StatusOK, nil, nil) }

func (h *Handlers) confirmSecond(c *fiber.Ctx) error {
	codes, err := h.svc.ConfirmSecondFactor(c.UserContext(), web.Me(c), c.FormValue("code"), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.secondPage(c, fiber.StatusUnprocessableEntity, nil, errs)
	}
	if err != nil {
		return err
	}
	// Shown in this answer only: a reload asks again rather than showing them twice.
	return h.secondPage(c, fiber.StatusOK, codes, nil)
}

func (h *Handlers) newCodes(c *fiber.Ctx) error {
	codes, err := h.svc.NewRecoveryCodes(c.UserContext(), web.Me(c), c.FormValue("code"), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.secondPage(c, fiber.StatusUnprocessableEntity, nil, errs)
	}
	if err != nil {
		return err
	}
	return h.secondPage(c, fiber.StatusOK, codes, nil)
}

// offPage asks before turning the second factor off, for a current code from the app.
func (h *Handlers) offPage(c *fiber.Ctx, status int, problem string) error {
	l := web.LocalizerOf(c)
	cf := web.Confirm{Title: l.T("second_factor.off_title"), Effects: []string{l.T("second_factor.off_effect")},
		Warning: l.T("second_factor.off_warning"), Action: SecondFactorPage + "/off", Back: SecondFactorPage,
		Submit: l.T("second_factor.off_submit"), Text: &web.ConfirmText{Name: "code", Label: l.T("second_factor.current_code"),
			Hint: l.T("second_factor.current_hint"), Error: problem, Required: true}}
	return web.RenderConfirm(c, status, cf)
}

func (h *Handlers) confirmOff(c *fiber.Ctx) error { return h.offPage(c, fiber.StatusOK, "") }

func (h *Handlers) turnOff(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.confirmOff(c)
	}
	err := h.svc.TurnOffSecondFactor(c.UserContext(), web.Me(c), c.FormValue("code"), h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.offPage(c, fiber.StatusUnprocessableEntity, errs["code"])
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/account", web.Flash{Notice: web.LocalizerOf(c).T("second_factor.off_done")})
	return web.Redirect(c, "/account")
}

func (h *Handlers) confirmReset(c *fiber.Ctx) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	path := "/people/" + strconv.FormatInt(p.ID, 10)
	cf := web.Confirm{Title: l.T("second_factor.reset_title", "Name", p.FullName()), Lead: p.Email,
		Effects: []string{l.T("second_factor.reset_effect")}, Warning: l.T("second_factor.reset_warning"),
		Action: path + "/second-factor/reset", Back: path, Submit: l.T("second_factor.reset_submit")}
	has, err := h.svc.HasSecondFactor(c.UserContext(), p.ID)
	switch {
	case err != nil:
		return err
	case p.ID == web.Me(c).ID:
		cf.Blocked = l.T("second_factor.reset_self")
	case !has:
		cf.Blocked = l.T("second_factor.reset_none")
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

func (h *Handlers) reset(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.confirmReset(c)
	}
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := h.svc.ResetSecondFactor(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	path := "/people/" + strconv.FormatInt(id, 10)
	web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("second_factor.reset_done")})
	return web.Redirect(c, path)
}
