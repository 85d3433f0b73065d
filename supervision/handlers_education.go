package supervision

import (
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// educationRoutes lists the pages of continuing education: a person's years against the
// target with the records behind them, the forms of external hours, employment and absences,
// and the admin's list of hours awaiting approval.
func (h *Handlers) educationRoutes(r fiber.Router) {
	signedIn := web.Require()
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	admin := web.Require(web.RoleAdmin)
	r.Get("/people/:id/education", signedIn, h.education)
	r.Get("/education/pending", admin, h.pendingPage)
	r.Get("/people/:id/education/hours/new", staff, h.newHours)
	r.Post("/people/:id/education/hours", staff, h.createHours)
	r.Get("/education/hours/:hours/edit", staff, h.editHours)
	r.Post("/education/hours/:hours", staff, h.updateHoursPage)
	r.Get("/education/hours/:hours/delete", staff, h.deleteHoursPage)
	r.Post("/education/hours/:hours/delete", staff, h.deleteHoursPage)
	r.Get("/education/hours/:hours/approve", admin, h.approveHoursPage)
	r.Post("/education/hours/:hours/approve", admin, h.approveHoursPage)
	h.educationPeriodRoutes(r, staff)
}

// eduPageSize is how many rows a page of a list shows.
const eduPageSize = 50

// yearRow is one year of the table of years, in words.
type yearRow struct {
	Year
	Courses, Approved, Pending, Target, Done, Missing string
}

func yearRows(years []Year, l *web.Localizer) []yearRow {
	out := make([]yearRow, len(years))
	for i, y := range years {
		out[i] = yearRow{Year: y, Courses: eduHoursShort(y.CourseMinutes, false, l), Approved: eduHoursShort(y.ApprovedMinutes, false, l),
			Pending: eduHoursShort(y.PendingMinutes, false, l), Target: eduHoursShort(y.TargetMinutes, true, l),
			Done: eduHoursShort(y.DoneMinutes, false, l), Missing: eduHoursShort(y.MissingMinutes, true, l)}
	}
	return out
}

// hoursRow is an entry of external hours with its hours in words.
type hoursRow struct {
	ExternalHours
	Hours string
}

func hoursRows(xs []ExternalHours, l *web.Localizer) []hoursRow {
	out := make([]hoursRow, len(xs))
	for i, x := range xs {
		out[i] = hoursRow{ExternalHours: x, Hours: eduHoursShort(x.Minutes, false, l)}
	}
	return out
}

// education shows a person's continuing education: every year against its target, and for
// the year asked for (this year unless ?year=) the courses and external hours that count.
func (h *Handlers) education(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	now := h.clock()
	year, err := web.QueryInt(c, "year", thisYear(now), web.MinYear, web.MaxYear)
	if err != nil {
		return err
	}
	ed, err := h.svc.Education(c.UserContext(), web.Me(c), id, now)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	var courses []CompletedCourse
	for _, cc := range ed.Courses {
		if cc.Year() == year {
			courses = append(courses, cc)
		}
	}
	var hours []ExternalHours
	for _, x := range ed.Hours {
		if yearOf(x.HeldOn) == year {
			hours = append(hours, x)
		}
	}
	var selected *yearRow
	rows := yearRows(ed.Years, l)
	for i := range rows {
		if rows[i].Year.Year == year {
			selected = &rows[i]
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "supervision/education", fiber.Map{
		"Title": l.T("education.title", "Name", ed.Person.FullName()), "Ed": ed, "Years": rows, "Year": year,
		"Selected": selected, "Courses": courses, "Hours": hoursRows(hours, l), "Self": ed.Person.ID == web.Me(c).ID,
		"Today": today(now),
	})
}

// pendingPage lists, a page at a time, the external hours awaiting an admin's approval.
func (h *Handlers) pendingPage(c *fiber.Ctx) error {
	page, err := web.QueryInt(c, "page", 1, 1, math.MaxInt32/eduPageSize)
	if err != nil {
		return err
	}
	list, total, err := h.svc.PendingHours(c.UserContext(), web.Me(c), eduPageSize, (page-1)*eduPageSize)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "supervision/education_pending", fiber.Map{
		"Title": l.T("education.pending.title"), "Rows": hoursRows(list, l), "Total": total, "Page": page,
		"Pages": (total + eduPageSize - 1) / eduPageSize,
	})
}

// hoursID reads the :hours path parameter.
func hoursID(c *fiber.Ctx) (int64, error) { return web.PathID(c, "hours", ErrHoursNotFound) }

// educationPath is the education page of a person at a year.
func educationPath(personID int64, year int) string {
	return "/people/" + strconv.FormatInt(personID, 10) + "/education?year=" + strconv.Itoa(year)
}

// hoursLead names an entry of external hours on a confirmation page.
func hoursLead(x ExternalHours, l *web.Localizer) string {
	what := x.Organiser
	if x.Title != "" {
		what = x.Title + " (" + x.Organiser + ")"
	}
	return l.T("education.hours.lead", "Name", x.PersonName, "What", what, "Date", l.Date(x.HeldOn),
		"Hours", eduHoursShort(x.Minutes, false, l))
}

// deleteHoursPage asks before deleting an entry that awaits approval, and deletes it once
// confirmed; an approved entry is locked and the page says so.
func (h *Handlers) deleteHoursPage(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	me, ctx, l := web.Me(c), c.UserContext(), web.LocalizerOf(c)
	x, _, err := h.svc.hoursFor(ctx, h.svc.db.R, me, id, true)
	if err != nil {
		return err
	}
	back := educationPath(x.PersonID, yearOf(x.HeldOn))
	if c.Method() == fiber.MethodPost && web.Confirmed(c) {
		if _, err := h.svc.DeleteHours(ctx, me, id, h.clock()); err != nil {
			return err
		}
		web.SetFlash(c, "/people/"+strconv.FormatInt(x.PersonID, 10)+"/education",
			web.Flash{Notice: l.T("education.hours.deleted")})
		return web.Redirect(c, back)
	}
	cf := web.Confirm{Title: l.T("education.hours.delete.title"), Lead: hoursLead(x, l),
		Effects: []string{l.T("education.hours.delete.effect")}, Warning: l.T("confirm.delete.warning"),
		Action: c.Path(), Submit: l.T("education.hours.delete.submit"), Back: back}
	if x.Approved() {
		cf.Blocked = l.T("education.hours.locked")
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

// approveHoursPage asks an admin before approving an entry (it is locked from then on) and
// approves it once confirmed, going back to where the admin came from.
func (h *Handlers) approveHoursPage(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	me, ctx, l := web.Me(c), c.UserContext(), web.LocalizerOf(c)
	x, err := hoursByID(ctx, h.svc.db.R, id)
	if err != nil {
		return err
	}
	if x.PersonID == me.ID {
		return web.Forbidden()
	}
	next := web.SafeNext(c.FormValue("next", c.Query("next")), "/education/pending")
	if c.Method() == fiber.MethodPost && web.Confirmed(c) {
		if _, err := h.svc.ApproveHours(ctx, me, id, h.clock()); err != nil {
			return err
		}
		path, _, _ := strings.Cut(next, "?")
		web.SetFlash(c, path, web.Flash{Notice: l.T("education.hours.approved", "Name", x.PersonName)})
		return web.Redirect(c, next)
	}
	cf := web.Confirm{Title: l.T("education.hours.approve.title"), Lead: hoursLead(x, l),
		Effects: []string{l.T("education.hours.approve.effect", "Hours", eduHoursShort(x.Minutes, false, l), "Year", yearOf(x.HeldOn))},
		Warning: l.T("education.hours.approve.warning"), Action: c.Path(), Submit: l.T("education.hours.approve.submit"),
		Back: next, Hidden: map[string]string{"next": next}}
	if x.Approved() {
		cf.Blocked = l.T("education.hours.approved_already")
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}
