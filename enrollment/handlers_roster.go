package enrollment

import (
	"context"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// rosterRow is one application on a run's roster. Rules and the buttons are there only for
// staff who decide about the person, as record facts are theirs to see.
type rosterRow struct {
	Enrollment
	Position int // on the waitlist, from 1
	Decide   bool
	Rules    []outcomeView
	Eligible bool
}

// Decided is the instant of the decision, or "" while there is none.
func (r rosterRow) Decided() string {
	if r.DecidedAt == nil {
		return ""
	}
	return *r.DecidedAt
}

// failure is what went wrong deciding about one person.
type failure struct {
	Name     string
	Messages []string
}

// roster shows a run's enrolled, waitlisted and pending applicants.
func (h *Handlers) roster(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	return h.renderRoster(c, run, nil, fiber.StatusOK)
}

// visibleRoster is the run's roster as the signed-in person may see it, by the rules of the
// API's roster: an admin and the run's lecturers see everyone, a coordinator their region.
func (h *Handlers) visibleRoster(c *fiber.Ctx, r courses.Run) ([]Enrollment, error) {
	return VisibleRoster(c.UserContext(), h.svc.db.R, web.Me(c), r)
}

// VisibleRoster is a run's roster as me may see it: an admin and the run's lecturers see
// everyone, a coordinator the people of their region, anyone else nothing (403).
func VisibleRoster(ctx context.Context, q db.Querier, me *web.Principal, r courses.Run) ([]Enrollment, error) {
	es, err := Roster(ctx, q, r.ID)
	if err != nil {
		return nil, err
	}
	switch {
	case me.Has(web.RoleAdmin):
	case me.Has(web.RoleLecturer) && slices.Contains(r.LecturerIDs, me.ID):
	case me.Has(web.RoleCoordinator):
		es = slices.DeleteFunc(es, func(e Enrollment) bool { return e.Region != me.Region })
	default:
		return nil, web.Forbidden()
	}
	return es, nil
}

func (h *Handlers) renderRoster(c *fiber.Ctx, run int64, fails []failure, status int) error {
	ctx, q := c.UserContext(), h.svc.db.R
	l, err := h.svc.courses.Listing(ctx, run)
	if err != nil {
		return err
	}
	es, err := h.visibleRoster(c, l.Run)
	if err != nil {
		return err
	}
	me, now := web.Me(c), h.clock()
	var enrolled, waitlisted, pending []rosterRow
	for _, e := range es {
		row := rosterRow{Enrollment: e, Decide: me.Decides(e.PersonID, e.Region, e.Staff)}
		switch e.Status {
		case Enrolled:
			enrolled = append(enrolled, row)
		case Waitlisted:
			row.Position = len(waitlisted) + 1
			waitlisted = append(waitlisted, row)
		case Pending:
			if row.Decide {
				p, err := h.svc.people.Get(ctx, q, e.PersonID)
				if err != nil {
					return err
				}
				f, err := h.svc.facts(ctx, q, p, l.Run, e.ID, h.clock())
				if err != nil {
					return err
				}
				out := Evaluate(f, now)
				row.Rules, row.Eligible = outcomeViews(c, Voiced(out, true)), Eligible(out)
			}
			pending = append(pending, row)
		}
	}
	var viewed []int64
	for _, r := range pending {
		if r.Decide {
			viewed = append(viewed, r.PersonID)
		}
	}
	if err := h.svc.logViewed(ctx, me, viewed, now); err != nil {
		return err
	}
	decideAny := len(viewed) > 0
	search := c.Query("q")
	var found []candidate
	staff := me.Has(web.RoleAdmin) || me.Has(web.RoleCoordinator)
	if staff {
		if found, err = h.candidates(c, l.Run, search); err != nil {
			return err
		}
	}
	examLinks, err := h.examLinks(c, l.Run)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "enrollment/roster", fiber.Map{
		"Title": web.LocalizerOf(c).T("roster.title", "Course", l.Title), "Run": l, "Enrolled": enrolled,
		"Waitlisted": waitlisted, "Pending": pending, "DecideAny": decideAny, "Failures": fails,
		"ExamLinks": examLinks, "Staff": staff, "Search": search, "Found": found,
		"Open": l.Status == courses.StatusOpen && courses.PragueDay(now) < l.StartsOn,
	})
}

// decided re-shows the roster after a decision about one application that failed for a reason
// the page can show, or returns to it after one that succeeded.
func (h *Handlers) decided(c *fiber.Ctx, eid int64, e Enrollment, err error) error {
	if err == nil {
		// Who was decided, and how, is said above the roster: the row itself moves away.
		path := "/runs/" + strconv.FormatInt(e.RunID, 10) + "/roster"
		web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("enrol.done."+string(e.Status), "Name", e.PersonName)})
		return web.Redirect(c, path)
	}
	msgs, status, ok := web.FormFailure(c, err)
	if !ok {
		return err
	}
	cur, gerr := Get(c.UserContext(), h.svc.db.R, eid)
	if gerr != nil {
		return gerr
	}
	return h.renderRoster(c, cur.RunID, []failure{{Name: cur.PersonName, Messages: msgs}}, status)
}

// approve decides one pending application; the rules are evaluated again now.
func (h *Handlers) approve(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	e, _, err := h.svc.Approve(c.UserContext(), web.Me(c), eid, h.clock())
	return h.decided(c, eid, e, err)
}

// MaxBulk is how many applications one approval of ticked boxes decides: more than a run holds.
const MaxBulk = 200

// bulkApprove approves the ticked applications of a run, each in its own transaction, so that
// one person who does not meet the rules holds nobody else back. Who failed and why is shown on
// the roster again.
func (h *Handlers) bulkApprove(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	r, err := h.svc.courses.Run(c.UserContext(), h.svc.db.R, run)
	if err != nil {
		return err
	}
	if _, err := h.visibleRoster(c, r); err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	var raw []string
	seen := map[string]bool{}
	for _, b := range c.Request().PostArgs().PeekMulti("enrollment") {
		if !seen[string(b)] { // ticked twice is once
			seen[string(b)] = true
			raw = append(raw, string(b))
			if len(raw) > MaxBulk {
				// Each is decided in a write of its own: a forged form must not hold every
				// other write of the installation for long.
				return h.renderRoster(c, run, []failure{{Messages: []string{l.T("roster.bulk.too_many", "Max", MaxBulk)}}},
					fiber.StatusUnprocessableEntity)
			}
		}
	}
	if len(raw) == 0 {
		return h.renderRoster(c, run, []failure{{Messages: []string{l.T("roster.bulk.none")}}}, fiber.StatusUnprocessableEntity)
	}
	var fails []failure
	for _, b := range raw {
		eid, ok := web.ParseID(b)
		if !ok {
			fails = append(fails, failure{Messages: []string{l.T("form.choice")}})
			continue
		}
		e, err := Get(c.UserContext(), h.svc.db.R, eid)
		if err == nil && e.RunID != run {
			err = ErrNotFound
		}
		if err == nil {
			_, _, err = h.svc.Approve(c.UserContext(), web.Me(c), eid, h.clock())
		}
		if err != nil {
			msgs, _, ok := web.FormFailure(c, err)
			if !ok {
				we, isWeb := web.AsError(err)
				if !isWeb {
					return err
				}
				msgs = []string{l.Msg(we.Msg)}
			}
			fails = append(fails, failure{Name: e.PersonName, Messages: msgs})
		}
	}
	if len(fails) > 0 {
		return h.renderRoster(c, run, fails, fiber.StatusUnprocessableEntity)
	}
	return web.Redirect(c, "/runs/"+strconv.FormatInt(run, 10)+"/roster")
}

// queue lists the pending applications a coordinator (of their region) or an admin (of all)
// decides, oldest first.
func (h *Handlers) queue(c *fiber.Ctx) error {
	me := web.Me(c)
	var as []Application
	if all := me.Has(web.RoleAdmin); all || me.Region != "" {
		var err error
		if as, err = Queue(c.UserContext(), h.svc.db.R, me.Region, all); err != nil {
			return err
		}
		// Only what the viewer may decide: not their own, nor, for a coordinator, staff's.
		as = slices.DeleteFunc(as, func(a Application) bool { return !me.Decides(a.PersonID, a.Region, a.Staff) })
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "enrollment/queue", fiber.Map{"Title": web.LocalizerOf(c).T("queue.title"), "Applications": as})
}

// examLinks reports whether the roster of r links each enrolled person to their exam page (in
// attendance, at /enrollments/{id}/exam): the course has an exam and the reader records it, an
// admin or a lecturer of the run.
func (h *Handlers) examLinks(c *fiber.Ctx, r courses.Run) (bool, error) {
	me := web.Me(c)
	if !me.Has(web.RoleAdmin) && !(me.Has(web.RoleLecturer) && slices.Contains(r.LecturerIDs, me.ID)) {
		return false, nil
	}
	course, err := h.svc.courses.Course(c.UserContext(), h.svc.db.R, r.CourseID)
	return course.RequiresExam, err
}
