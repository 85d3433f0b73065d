package people

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// confirmDeactivate asks before deactivating a person, saying what it ends: their sign-ins now,
// and the API tokens, which stop working while they are inactive.
func (h *Handlers) confirmDeactivate(c *fiber.Ctx) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	var counts struct {
		Sessions int `db:"sessions"`
		Tokens   int `db:"tokens"`
	}
	if err := h.svc.db.R.GetContext(c.UserContext(), &counts, `SELECT
		(SELECT COUNT(*) FROM auth_sessions WHERE person_id = ?) AS sessions,
		(SELECT COUNT(*) FROM api_tokens WHERE person_id = ?) AS tokens`, p.ID, p.ID); err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	effects := []string{l.T("confirm_deactivate.signin"), l.N("confirm_deactivate.sessions", counts.Sessions),
		l.N("confirm_deactivate.tokens", counts.Tokens)}
	if h.DepartOutlook != nil && p.Active {
		msgs, err := h.DepartOutlook(c.UserContext(), p.ID, h.clock())
		if err != nil {
			return err
		}
		for _, m := range msgs {
			effects = append(effects, l.Msg(m))
		}
	}
	path := "/people/" + strconv.FormatInt(p.ID, 10)
	cf := web.Confirm{Title: l.T("confirm_deactivate.title", "Name", p.FullName()), Lead: p.Email,
		Effects: append(effects, l.T("confirm_deactivate.records")),
		Warning: l.T("confirm_deactivate.warning"), Action: path + "/deactivate", Back: path,
		Submit: l.T("confirm_deactivate.submit")}
	switch {
	case p.ID == web.Me(c).ID:
		cf.Blocked = l.T("person.self_deactivate")
	case !p.Active:
		cf.Blocked = l.T("confirm_deactivate.inactive")
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}
