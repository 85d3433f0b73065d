package courses

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// Lead names the run as a confirmation page heads what it asks about: the course and the dates.
func (li Listing) Lead(l *web.Localizer) string {
	return li.Title + " · " + l.DateRange(li.StartsOn, li.EndsOn)
}

// confirmRoutes are the pages that ask before what cannot be undone: finishing or cancelling a
// run, cancelling a session, deleting a module or an accreditation. Each POST of these actions
// without the confirmation shows the same page (see setStatus and the others).
func (h *Handlers) confirmRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/runs/:run/status", admin, h.confirmStatus)
	r.Get("/sessions/:session/cancel", admin, h.confirmCancelSession)
	r.Get("/courses/:course/modules/:module/delete", admin, h.confirmDeleteModule)
	r.Get("/courses/:course/accreditations/:accreditation/delete", admin, h.confirmDeleteAccreditation)
}

// irreversible reports whether moving a run to status cannot be undone and so asks first.
func irreversible(to Status) bool { return to == StatusFinished || to == StatusCancelled }

// confirmStatus asks before finishing or cancelling a run (?to=finished or ?to=cancelled).
func (h *Handlers) confirmStatus(c *fiber.Ctx) error {
	r, err := h.run(c)
	if err != nil {
		return err
	}
	to := Status(c.Query("to"))
	if !irreversible(to) {
		return web.BadRequest("error.query.status")
	}
	return h.renderStatusConfirm(c, r, to, "", "", fiber.StatusOK)
}

// renderStatusConfirm shows what finishing or cancelling the run will do, in numbers and names.
func (h *Handlers) renderStatusConfirm(c *fiber.Ctx, r Run, to Status, reason, problem string, status int) error {
	ctx, l, now := c.UserContext(), web.LocalizerOf(c), h.clock()
	li, err := h.svc.store.Listing(ctx, r.ID)
	if err != nil {
		return err
	}
	sessions, err := h.svc.store.Sessions(ctx, h.svc.db.R, r.ID)
	if err != nil {
		return err
	}
	cf := web.Confirm{Lead: li.Title + " · " + l.DateRange(r.StartsOn, r.EndsOn) + " · " + r.Place(),
		Action: "/runs/" + itoa(r.ID) + "/status", Back: "/runs/" + itoa(r.ID), Hidden: map[string]string{"status": string(to)}}
	if !CanMove(r.Status, to) {
		cf.Blocked = l.T("run.status.move")
	}
	left := Remaining(sessions, now)
	switch to {
	case StatusCancelled:
		cf.Title, cf.Submit, cf.Warning = l.T("confirm_run.cancel.title"), l.T("confirm_run.cancel.submit"), l.T("confirm_run.cancel.warning")
		cf.Effects = append(cf.Effects, l.N("confirm_run.cancel.people", r.Seats.Taken),
			l.N("confirm_run.cancel.waiting", r.Seats.Waitlisted), l.N("confirm_run.cancel.sessions", len(left)))
		cf.Text = &web.ConfirmText{Name: "reason", Label: l.T("field.cancel_reason"), Hint: l.T("confirm_run.cancel.reason_hint"),
			Value: reason, Error: problem, Required: true}
	case StatusFinished:
		cf.Title, cf.Submit, cf.Warning = l.T("confirm_run.finish.title"), l.T("confirm_run.finish.submit"), l.T("confirm_run.finish.warning")
		if len(left) > 0 {
			cf.Effects = append(cf.Effects, l.N("confirm_run.finish.sessions_left", len(left), "First", l.DateTime(left[0].Start())))
			cf.Text = &web.ConfirmText{Name: "reason", Label: l.T("confirm_run.finish.reason"), Hint: l.T("confirm_run.finish.reason_hint"),
				Value: reason, Error: problem, Required: true}
		}
		if h.Outlook != nil && cf.Blocked == "" {
			o, err := h.Outlook(ctx, r.ID, now)
			if err != nil {
				return err
			}
			cf.Effects = append(cf.Effects, outlookLines(l, o)...)
		}
	}
	return web.RenderConfirm(c, status, cf)
}

// outlookLines names who completes, who fails and who waits for an exam when a run finishes.
func outlookLines(l *web.Localizer, o Outlook) []string {
	var out []string
	add := func(key string, names []string) {
		if len(names) > 0 {
			out = append(out, l.N(key, len(names), "Names", strings.Join(names, ", ")))
		}
	}
	add("confirm_run.finish.complete", o.Complete)
	add("confirm_run.finish.fail", o.Fail)
	add("confirm_run.finish.pending", o.Pending)
	if len(out) == 0 {
		out = append(out, l.T("confirm_run.finish.nobody"))
	}
	return out
}

// confirmCancelSession asks before calling a session off.
func (h *Handlers) confirmCancelSession(c *fiber.Ctx) error {
	s, li, err := h.session(c)
	if err != nil {
		return err
	}
	return h.renderCancelSession(c, s, li, "", "", fiber.StatusOK)
}

func (h *Handlers) renderCancelSession(c *fiber.Ctx, s Session, li Listing, reason, problem string, status int) error {
	l := web.LocalizerOf(c)
	when := l.Date(s.Start()) + " " + l.Time(s.Start()) + "–" + l.Time(s.End())
	cf := web.Confirm{Title: l.T("confirm_session.title"), Lead: li.Title + " · " + when,
		Action: "/sessions/" + itoa(s.ID) + "/cancel", Back: "/runs/" + itoa(li.ID) + "#schedule",
		Submit: l.T("confirm_session.submit"), Warning: l.T("confirm_session.warning"),
		Effects: []string{l.T("confirm_session.effect", "Minutes", s.Minutes, "Kind", l.T("session_kind."+string(s.Kind))),
			l.N("confirm_session.people", li.Seats.Taken)},
		Text: &web.ConfirmText{Name: "reason", Label: l.T("field.cancel_reason"), Value: reason, Error: problem, Required: true}}
	if s.Cancelled() {
		cf.Blocked = l.T("session.cancelled_already")
	} else if li.Status == StatusFinished {
		cf.Blocked = l.T("session.run_closed")
	}
	return web.RenderConfirm(c, status, cf)
}

// confirmDeleteModule asks before deleting a module of the curriculum.
func (h *Handlers) confirmDeleteModule(c *fiber.Ctx) error {
	course, err := h.course(c)
	if err != nil {
		return err
	}
	moduleID, ok := web.ParamID(c, "module")
	if !ok {
		return web.NotFound("module.not_found")
	}
	ms, err := h.svc.store.Modules(c.UserContext(), h.svc.db.R, course.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(ms, func(m Module) bool { return m.ID == moduleID })
	if i < 0 {
		return web.NotFound("module.not_found")
	}
	l, m := web.LocalizerOf(c), ms[i]
	theory, practice := 0, 0
	for _, x := range ms {
		if x.ID != m.ID {
			theory, practice = theory+x.TheoryHours, practice+x.PracticeHours
		}
	}
	return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{Title: l.T("confirm_module.title"), Lead: course.Title,
		Effects: []string{l.T("confirm_module.effect", "Module", m.Title, "Theory", m.TheoryHours, "Practice", m.PracticeHours),
			l.T("confirm_module.after", "Theory", theory, "Practice", practice, "CourseTheory", course.TheoryHours,
				"CoursePractice", course.PracticeHours), l.T("confirm_module.sessions")},
		Action: fmt.Sprintf("/courses/%d/modules/%d/delete", course.ID, m.ID), Back: "/courses/" + itoa(course.ID) + "#curriculum",
		Submit: l.T("confirm_module.submit"), Warning: l.T("confirm.delete.warning")})
}

// confirmDeleteAccreditation asks before deleting an accreditation.
func (h *Handlers) confirmDeleteAccreditation(c *fiber.Ctx) error {
	course, err := h.course(c)
	if err != nil {
		return err
	}
	accID, err := web.PathID(c, "accreditation", ErrAccreditationNotFound)
	if err != nil {
		return err
	}
	accs, err := h.svc.store.Accreditations(c.UserContext(), h.svc.db.R, course.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(accs, func(a Accreditation) bool { return a.ID == accID })
	if i < 0 {
		return ErrAccreditationNotFound
	}
	l, a := web.LocalizerOf(c), accs[i]
	cf := web.Confirm{Title: l.T("confirm_accreditation.title"), Lead: course.Title,
		Effects: []string{l.T("confirm_accreditation.effect", "Number", a.Number, "From", l.Date(a.ValidFrom), "Until", l.Date(a.ValidUntil),
			"Theory", a.TheoryHours, "Practice", a.PracticeHours)},
		Action: fmt.Sprintf("/courses/%d/accreditations/%d/delete", course.ID, a.ID), Back: "/courses/" + itoa(course.ID) + "#accreditations",
		Submit: l.T("confirm_accreditation.submit"), Warning: l.T("confirm.delete.warning")}
	if n, err := h.svc.runsOn(c.UserContext(), h.svc.db.R, course.ID, accs, a.ID); err != nil {
		return err
	} else if n > 0 {
		cf.Blocked = l.N("confirm_accreditation.blocked", n)
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

// course reads the course of the path.
func (h *Handlers) course(c *fiber.Ctx) (Course, error) {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return Course{}, err
	}
	return h.svc.store.Course(c.UserContext(), h.svc.db.R, id)
}
