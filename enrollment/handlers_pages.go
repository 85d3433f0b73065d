package enrollment

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// pageRoutes lists the enrolment pages: applying and "my courses" for trainees, the roster of
// a run and the queue of pending applications for staff.
func (h *Handlers) pageRoutes(r fiber.Router) {
	signedIn := web.Require()
	deciders := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/queue", deciders, h.queue)
	r.Get("/runs/:run/apply", signedIn, h.applyPage)
	r.Post("/runs/:run/apply", signedIn, h.apply)
	r.Get("/runs/:run/roster", web.Require(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer), h.roster)
	r.Post("/runs/:run/approve", deciders, h.bulkApprove)
	r.Post("/enrollments/:enrollment/approve", deciders, h.approve)
	r.Post("/enrollments/:enrollment/reject", deciders, h.reject)
	r.Get("/enrollments/:enrollment/withdraw", signedIn, h.withdraw)
	r.Post("/enrollments/:enrollment/withdraw", signedIn, h.withdraw)
}

// outcomeView is a rule's verdict with its reason in the reader's language.
type outcomeView struct {
	Rule   string
	OK     bool
	Reason string
}

func outcomeViews(c *fiber.Ctx, out []Outcome) []outcomeView {
	l := web.LocalizerOf(c)
	res := make([]outcomeView, len(out))
	for i, o := range out {
		res[i] = outcomeView{Rule: o.Rule, OK: o.OK, Reason: l.Msg(o.Reason)}
	}
	return res
}

// applyPage shows a signed-in person what the rules say about them and this run, and the
// button that files the application.
func (h *Handlers) applyPage(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	return h.renderApply(c, run, nil, fiber.StatusOK)
}

func (h *Handlers) renderApply(c *fiber.Ctx, run int64, errs []string, status int) error {
	l, err := h.svc.courses.Listing(c.UserContext(), run)
	if err != nil {
		return err
	}
	me := web.Me(c)
	if l.Status == courses.StatusPlanned && !me.Has(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer) {
		return courses.ErrRunNotFound
	}
	out, err := h.svc.Eligibility(c.UserContext(), me, me.ID, run, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "enrollment/apply", fiber.Map{
		"Title": web.LocalizerOf(c).T("apply.title", "Course", l.Title), "Run": l, "Rules": outcomeViews(c, out),
		"Eligible": Eligible(out), "Errors": errs, "Applied": slices.ContainsFunc(out, func(o Outcome) bool {
			return o.Rule == RuleNotEnrolled && !o.OK
		}),
		// Nobody overtakes the waitlist: with no free seat, or people already waiting, an
		// approved application joins the end of it.
		"Full": l.Seats.Free == 0 || l.Seats.Waitlisted > 0,
	})
}

// apply files the signed-in person's own application.
func (h *Handlers) apply(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	me := web.Me(c)
	e, _, err := h.svc.Apply(c.UserContext(), me, run, me.ID, h.clock())
	if err != nil {
		if msgs, status, ok := web.FormFailure(c, err); ok {
			return h.renderApply(c, run, msgs, status)
		}
		return err
	}
	// The run's page says where the application stands; the flash says what happens next.
	path := "/runs/" + strconv.FormatInt(run, 10)
	web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("apply.sent." + string(e.Status))})
	return web.Redirect(c, path)
}

// withdraw takes an application back, the person's own or, for staff, someone's of their
// region; it returns to next when that is a path on this site.
// withdraw asks first (GET, or a post without the confirmation) and then withdraws.
func (h *Handlers) withdraw(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	me := web.Me(c)
	next := web.SafeNext(c.FormValue("next"), "")
	if next == "" {
		next = web.SafeNext(c.Query("next"), "/my/courses")
	}
	if c.Method() == fiber.MethodGet || !web.Confirmed(c) {
		o, err := h.svc.WithdrawPreview(c.UserContext(), me, eid, h.clock())
		if err != nil {
			return err
		}
		return web.RenderConfirm(c, fiber.StatusOK, withdrawConfirm(web.LocalizerOf(c), me, o, next))
	}
	if _, err := h.svc.Withdraw(c.UserContext(), me, eid, h.clock()); err != nil {
		return err
	}
	return web.Redirect(c, next)
}

// withdrawConfirm says what a withdrawal does: whose, from what, and where the seat goes. A
// trainee learns that someone waiting gets the seat, never who; staff see the name.
func withdrawConfirm(l *web.Localizer, me *web.Principal, o WithdrawOutlook, next string) web.Confirm {
	own := me.ID == o.Enrollment.PersonID
	cf := web.Confirm{Action: fmt.Sprintf("/enrollments/%d/withdraw", o.Enrollment.ID), Back: next,
		Hidden: map[string]string{"next": next}, Lead: o.Run.Lead(l)}
	if own {
		cf.Title, cf.Submit = l.T("withdraw.title.own"), l.T("withdraw.submit.own")
		cf.Effects = append(cf.Effects, l.T("withdraw.effect.own."+string(o.Enrollment.Status)))
	} else {
		cf.Title, cf.Submit = l.T("withdraw.title.staff", "Name", o.Enrollment.PersonName), l.T("withdraw.submit.staff")
		cf.Effects = append(cf.Effects, l.T("withdraw.effect.staff."+string(o.Enrollment.Status), "Name", o.Enrollment.PersonName))
	}
	switch w := o.Promoted; {
	case w != nil && me.Decides(w.PersonID, w.Region, w.Staff):
		cf.Effects = append(cf.Effects, l.T("withdraw.effect.promote", "Name", w.PersonName))
	case w != nil:
		// Who waits is told only to staff who decide about them: not to the person withdrawing,
		// nor to a coordinator of another region.
		cf.Effects = append(cf.Effects, l.T("withdraw.effect.promote.anonymous"))
	case o.Enrollment.Status == Enrolled:
		cf.Effects = append(cf.Effects, l.T("withdraw.effect.seat_free"))
	}
	cf.Warning = l.T("withdraw.warning")
	return cf
}
