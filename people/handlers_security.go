package people

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// securityRoutes are the account's sign-ins and API tokens: a person ends any of their
// sessions, or all but the one in use, and revokes a token; an admin revokes anyone's.
func (h *Handlers) securityRoutes(r fiber.Router) {
	r.Post("/account/sessions/others/end", web.Require(), h.endOtherSignIns)
	r.Post("/account/sessions/:signin/end", web.Require(), h.endSignIn)
	r.Get("/tokens/:apitoken/revoke", web.Require(), h.confirmRevoke)
	r.Post("/tokens/:apitoken/revoke", web.Require(), h.revokeToken)
}

// accountData is what the account page shows besides the password form.
func (h *Handlers) accountData(c *fiber.Ctx, m fiber.Map) (fiber.Map, error) {
	me := web.Me(c)
	p, err := h.svc.Get(c.UserContext(), me, me.ID)
	if err != nil {
		return nil, err
	}
	signIns, err := h.svc.SignIns(c.UserContext(), me, h.clock())
	if err != nil {
		return nil, err
	}
	tokens, err := h.svc.Tokens(c.UserContext(), me, me.ID)
	if err != nil {
		return nil, err
	}
	m["Title"], m["Person"], m["SignIns"], m["Tokens"], m["Now"] = h.title(c, "account.title"), p, signIns, tokens, h.clock()
	return m, nil
}

func (h *Handlers) endSignIn(c *fiber.Ctx) error {
	id, ok := web.ParamID(c, "signin")
	if !ok {
		return ErrNoSignIn
	}
	current, err := h.svc.EndSignIn(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	if current {
		web.ClearSessionCookie(c)
		return web.Redirect(c, "/login")
	}
	web.SetFlash(c, "/account", web.Flash{Notice: web.LocalizerOf(c).T("signin.ended")})
	return web.Redirect(c, "/account#signins")
}

func (h *Handlers) endOtherSignIns(c *fiber.Ctx) error {
	n, err := h.svc.EndOtherSignIns(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	web.SetFlash(c, "/account", web.Flash{Notice: web.LocalizerOf(c).N("signin.others_ended", n)})
	return web.Redirect(c, "/account#signins")
}

// tokenPage is the page a token is listed on: the account for one's own, the person's page
// for an admin.
func tokenPage(me *web.Principal, t APIToken) string {
	if t.PersonID == me.ID {
		return "/account"
	}
	return "/people/" + strconv.FormatInt(t.PersonID, 10)
}

// token reads the token the path names, if the signed-in person may revoke it.
func (h *Handlers) token(c *fiber.Ctx) (APIToken, error) {
	id, ok := web.ParamID(c, "apitoken")
	if !ok {
		return APIToken{}, ErrNoToken
	}
	return h.svc.TokenOf(c.UserContext(), web.Me(c), id)
}

// confirmRevoke asks before revoking a token: whatever uses it stops working at once.
func (h *Handlers) confirmRevoke(c *fiber.Ctx) error {
	t, err := h.token(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	last := l.T("token.never_used")
	if t.LastUsedAt != nil {
		last = l.T("token.last_used", "When", l.DateTime(*t.LastUsedAt))
	}
	return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{Title: l.T("confirm_token_revoke.title", "Name", t.Name),
		Lead: t.Email, Effects: []string{l.T("confirm_token_revoke.effect"), last}, Warning: l.T("confirm_token_revoke.warning"),
		Action: "/tokens/" + strconv.FormatInt(t.ID, 10) + "/revoke", Submit: l.T("confirm_token_revoke.submit"),
		Back: tokenPage(web.Me(c), t) + "#tokens"})
}

func (h *Handlers) revokeToken(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.confirmRevoke(c)
	}
	t, err := h.token(c)
	if err != nil {
		return err
	}
	if err := h.svc.RevokeToken(c.UserContext(), web.Me(c), t.ID, h.clock()); err != nil {
		return err
	}
	page := tokenPage(web.Me(c), t)
	web.SetFlash(c, page, web.Flash{Notice: web.LocalizerOf(c).T("token.revoked", "Name", t.Name)})
	return web.Redirect(c, page+"#tokens")
}
