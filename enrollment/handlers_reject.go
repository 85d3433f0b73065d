package enrollment

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// reject turns one pending application down with the reason typed, once confirmed: the
// person is told at once and the decision cannot be taken back. A refused reason comes back
// on the confirmation page as typed.
func (h *Handlers) reject(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	reason := c.FormValue("reason")
	if !web.Confirmed(c) {
		return h.renderReject(c, eid, reason, "", fiber.StatusOK)
	}
	e, err := h.svc.Reject(c.UserContext(), web.Me(c), eid, reason, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.renderReject(c, eid, reason, web.Joined(errs), fiber.StatusUnprocessableEntity)
	}
	return h.decided(c, eid, e, err)
}

// renderReject asks before turning an application down, for those who may decide about it.
func (h *Handlers) renderReject(c *fiber.Ctx, eid int64, reason, problem string, status int) error {
	ctx := c.UserContext()
	e, _, _, err := h.svc.load(ctx, h.svc.db.R, web.Me(c), eid)
	if err != nil {
		return err
	}
	li, err := h.svc.courses.Listing(ctx, e.RunID)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	back := "/runs/" + strconv.FormatInt(e.RunID, 10) + "/roster"
	cf := web.Confirm{Title: l.T("confirm_reject.title", "Name", e.PersonName), Lead: li.Lead(l),
		Action: "/enrollments/" + strconv.FormatInt(eid, 10) + "/reject", Back: back, Submit: l.T("roster.reject"),
		Effects: []string{l.T("confirm_reject.effect", "Name", e.PersonName)}, Warning: l.T("confirm_reject.warning"),
		Text: &web.ConfirmText{Name: "reason", Label: l.T("roster.reject.reason"), Hint: l.T("confirm_reject.hint"),
			Value: reason, Error: problem, Required: true}}
	if e.Status != Pending {
		cf.Blocked = l.T("enrollment.not_pending")
	}
	return web.RenderConfirm(c, status, cf)
}
