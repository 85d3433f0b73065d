package supervision

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// statusRoutes lists the pages of the status area: a person's mentor status with the decision
// form, the page that asks before a decision is lifted, and who was active on a day.
func (h *Handlers) statusRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/people/:id/mentor", web.Require(), h.mentor)
	r.Post("/people/:id/mentor/inactive", staff, h.decide)
	r.Get("/people/:id/mentor/lift", staff, h.confirmLift)
	r.Post("/people/:id/mentor/lift", staff, h.lift)
	r.Get("/mentors/active", staff, h.activeOn)
}

// decisionForm is what the forms of the status page show: what was typed and a message per
// field of the one that was refused.
type decisionForm struct {
	Reason, Since, Note, LiftOn string
	Errors                      map[string]string
	// Problem is a refusal of the whole form (a decision that stands already).
	Problem string
}

func mentorPath(id int64) string { return "/people/" + strconv.FormatInt(id, 10) + "/mentor" }

func (h *Handlers) mentor(c *fiber.Ctx) error {
	today := today(h.clock())
	return h.renderMentor(c, decisionForm{Since: today, LiftOn: today}, fiber.StatusOK)
}

func (h *Handlers) renderMentor(c *fiber.Ctx, fm decisionForm, status int) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	m, err := h.svc.Mentor(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	today := today(h.clock())
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/status", fiber.Map{
		"Title": web.LocalizerOf(c).T("mentor_status.title", "Name", m.Person.FullName()), "M": m, "Form": fm,
		"Reasons": Reasons, "Today": today, "Latest": AddMonths(today, MaxAheadMonths),
	})
}

func (h *Handlers) decide(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	in := DecisionInput{Reason: c.FormValue("reason"), Since: c.FormValue("since"), Note: c.FormValue("note")}
	_, err = h.svc.Decide(c.UserContext(), web.Me(c), id, in, h.clock())
	fm := decisionForm{Reason: in.Reason, Since: in.Since, Note: in.Note, LiftOn: today(h.clock())}
	if done, err := h.refused(c, fm, err); done || err != nil {
		return err
	}
	web.SetFlash(c, mentorPath(id), web.Flash{Notice: web.LocalizerOf(c).T("mentor_status.decided")})
	return web.Redirect(c, mentorPath(id))
}

// refused shows the status page again with the form as it was typed when the service refused
// it (422 for fields, 409 for the state); done is false when there was nothing to show.
func (h *Handlers) refused(c *fiber.Ctx, fm decisionForm, err error) (done bool, _ error) {
	if err == nil {
		return false, nil
	}
	if errs, ok := web.FormErrors(c, err); ok {
		fm.Errors = errs
		return true, h.renderMentor(c, fm, fiber.StatusUnprocessableEntity)
	}
	if msgs, status, ok := web.FormFailure(c, err); ok {
		fm.Problem = msgs[0]
		return true, h.renderMentor(c, fm, status)
	}
	return true, err
}

// confirmLift asks before a decision of inactivity is lifted, saying from when and what the
// status will be then.
func (h *Handlers) confirmLift(c *fiber.Ctx) error {
	return h.liftPage(c, c.Query("on"))
}

func (h *Handlers) liftPage(c *fiber.Ctx, on string) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	p, d, day, after, err := h.svc.LiftPreview(c.UserContext(), web.Me(c), id, LiftInput{On: on}, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		fm := decisionForm{Since: today(h.clock()), LiftOn: on, Errors: errs}
		return h.renderMentor(c, fm, fiber.StatusUnprocessableEntity)
	}
	if e, ok := web.AsError(err); ok && e.Code == web.CodeConflict {
		return web.RenderConfirm(c, fiber.StatusConflict, web.Confirm{Title: l.T("mentor_status.lift.title"),
			Back: mentorPath(id), Blocked: l.Msg(e.Msg)})
	}
	if err != nil {
		return err
	}
	return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{
		Title: l.T("mentor_status.lift.title"),
		Lead: p.FullName() + " · " + l.T("mentor_status.decision.since", "Reason", l.T("mentor_status.reason."+d.Reason),
			"Date", l.Date(d.Since)),
		Effects: []string{l.T("mentor_status.lift.effect", "Date", l.Date(day),
			"Status", l.T("mentor_status.status."+string(after)))},
		Warning: l.T("mentor_status.lift.warning"),
		Action:  mentorPath(id) + "/lift", Submit: l.T("mentor_status.lift.submit"), Back: mentorPath(id),
		Hidden: map[string]string{"on": day},
	})
}

func (h *Handlers) lift(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.liftPage(c, c.FormValue("on"))
	}
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	on := c.FormValue("on")
	_, err = h.svc.Lift(c.UserContext(), web.Me(c), id, LiftInput{On: on}, h.clock())
	if done, err := h.refused(c, decisionForm{Since: today(h.clock()), LiftOn: on}, err); done || err != nil {
		return err
	}
	web.SetFlash(c, mentorPath(id), web.Flash{Notice: web.LocalizerOf(c).T("mentor_status.lifted")})
	return web.Redirect(c, mentorPath(id))
}

// activeOn lists who was active on a day in a region, a page at a time.
func (h *Handlers) activeOn(c *fiber.Ctx) error {
	me := web.Me(c)
	q := ActiveQuery{On: c.Query("on", today(h.clock())), Region: c.Query("region"), Limit: pageSize}
	page := web.PageOfQuery(c)
	q.Offset = (page - 1) * pageSize
	list, total, err := h.svc.ActiveOn(c.UserContext(), me, q, h.clock())
	errs, invalid := web.FormErrors(c, err)
	if err != nil && !invalid {
		return err
	}
	regions, err := h.svc.people.Regions(c.UserContext())
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if invalid {
		status = fiber.StatusUnprocessableEntity
	}
	if q.Region == "" && !me.Has(web.RoleAdmin) {
		q.Region = me.Region
	}
	return web.Render(c.Status(status), "supervision/status_active", fiber.Map{
		"Title": web.LocalizerOf(c).T("mentor_status.active.title"), "Q": q, "Mentors": list, "Total": total,
		"Errors": errs, "Page": page, "Pages": pages(total), "Regions": regions,
		"IsAdmin": me.Has(web.RoleAdmin), "Today": today(h.clock()),
	})
}
