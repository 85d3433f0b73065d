package enrollment

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/people"
	"mentorlms/web"
)

// staffRoutes are the pages on which staff enrol someone into a run themselves: a search on the
// roster, then a page that shows the person's eligibility before the enrolment is confirmed.
func (h *Handlers) staffRoutes(r fiber.Router) {
	deciders := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/runs/:run/enrol/:id", deciders, h.enrolPage)
	r.Post("/runs/:run/enrol/:id", deciders, h.enrol)
}

// searchLimit keeps the roster's search short: one types more to find someone else.
const searchLimit = 10

// candidate is someone staff may enrol: a trainee they decide about, not yet in the run.
type candidate struct {
	people.Person
	Applied bool // an active application to this run exists
}

// candidates finds trainees matching q whom the reader decides about, marking those who have an
// active application to the run already.
func (h *Handlers) candidates(c *fiber.Ctx, r courses.Run, q string) ([]candidate, error) {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil, nil
	}
	me := web.Me(c)
	f := people.Filter{Search: q, Role: string(web.RoleTrainee), Active: "yes", Limit: searchLimit}
	if !me.Has(web.RoleAdmin) {
		f.Region, f.TraineesOnly = me.Region, true
	}
	ps, _, err := h.svc.people.List(c.UserContext(), f)
	if err != nil {
		return nil, err
	}
	es, err := Roster(c.UserContext(), h.svc.db.R, r.ID)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, p := range ps {
		if !p.DecidedBy(me) {
			continue
		}
		applied := slices.ContainsFunc(es, func(e Enrollment) bool {
			return e.PersonID == p.ID && (e.Status == Pending || e.Status == Enrolled || e.Status == Waitlisted)
		})
		out = append(out, candidate{Person: p, Applied: applied})
	}
	return out, nil
}

// enrolPage shows, before staff enrol someone, what the rules say about them and where they
// would go: a seat, or the waitlist.
func (h *Handlers) enrolPage(c *fiber.Ctx) error {
	return h.renderEnrol(c, nil, fiber.StatusOK)
}

func (h *Handlers) renderEnrol(c *fiber.Ctx, errs []string, status int) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	person, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	ctx, me, l := c.UserContext(), web.Me(c), web.LocalizerOf(c)
	li, err := h.svc.courses.Listing(ctx, run)
	if err != nil {
		return err
	}
	p, err := h.svc.people.Get(ctx, h.svc.db.R, person)
	if err != nil {
		return err
	}
	out, err := h.svc.Eligibility(ctx, me, person, run, h.clock())
	if err != nil {
		return err
	}
	roster := fmt.Sprintf("/runs/%d/roster", run)
	cf := web.Confirm{Title: l.T("enrol.title", "Name", p.FullName()), Lead: li.Lead(l),
		Action: fmt.Sprintf("/runs/%d/enrol/%d", run, person), Back: roster, Submit: l.T("enrol.submit")}
	for _, o := range outcomeViews(c, Voiced(out, true)) {
		mark := l.T("rule.mark.ok")
		if !o.OK {
			mark = l.T("rule.mark.fail")
		}
		cf.Effects = append(cf.Effects, mark+" "+o.Reason)
	}
	switch {
	case len(errs) > 0:
		cf.Blocked = strings.Join(errs, " ")
	case !Eligible(out):
		cf.Blocked = l.T("enrol.not_eligible")
	case li.Seats.Free == 0 || li.Seats.Waitlisted > 0:
		cf.Warning = l.N("enrol.waitlist", li.Seats.Waitlisted)
		if li.Seats.Waitlisted == 0 {
			cf.Warning = l.T("enrol.waitlist_first")
		}
	default:
		cf.Warning = l.T("enrol.seat")
	}
	if status == fiber.StatusOK && cf.Blocked != "" && len(errs) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return web.RenderConfirm(c, status, cf)
}

// enrol enrols the person as staff, who approve at once: a seat or the waitlist.
func (h *Handlers) enrol(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.renderEnrol(c, nil, fiber.StatusOK)
	}
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	person, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	e, _, err := h.svc.Apply(c.UserContext(), web.Me(c), run, person, h.clock())
	if err != nil {
		if msgs, status, ok := web.FormFailure(c, err); ok {
			return h.renderEnrol(c, msgs, status)
		}
		return err
	}
	path := fmt.Sprintf("/runs/%d/roster", run)
	web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("enrol.done."+string(e.Status), "Name", e.PersonName)})
	return web.Redirect(c, path)
}
