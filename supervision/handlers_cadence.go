package supervision

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/enrollment"
	"mentorlms/web"
)

// cadenceRoutes lists the pages of the cadence: the coordinator's list of mentors with its
// exports, the admin's overview across regions, the regions' intervals, and one mentor's page
// with their own interval.
func (h *Handlers) cadenceRoutes(r fiber.Router) {
	r.Get("/supervision", staff, h.list)
	r.Get("/supervision/mentors.csv", staff, h.listCSV)
	r.Get("/supervision/mentors.xlsx", staff, h.listXLSX)
	r.Get("/supervision/overview", staff, h.overview)
	r.Get("/supervision/intervals", staff, h.intervals)
	r.Post("/supervision/intervals", staff, h.saveInterval)
	r.Get("/supervision/mentors/:id", staff, h.mentorPage)
	r.Post("/supervision/mentors/:id/interval", staff, h.saveOverride)
}

// listQuery is the list's filter: the region (an admin's choice; a coordinator's own) and
// which mentors to show.
type listQuery struct {
	Region string
	// Show is "" for all mentors, "overdue", "due_soon", "active", "inactive" or "not_active".
	Show string
	// Sort is "" for the most urgent first, "name", "last_on" (the longest ago first) or
	// "due_on" (the nearest first, those without a due day last).
	Sort string
}

var (
	shows = []string{"", "overdue", "due_soon", "active", "inactive", "not_active"}
	sorts = []string{"", "name", "last_on", "due_on"}
)

func (h *Handlers) listQuery(c *fiber.Ctx) (listQuery, error) {
	region, err := h.regionOf(c)
	if err != nil {
		return listQuery{}, err
	}
	q := listQuery{Region: region, Show: strings.TrimSpace(c.Query("show")), Sort: strings.TrimSpace(c.Query("sort"))}
	if !slices.Contains(shows, q.Show) {
		return q, web.BadRequest("supervision.list.bad_show")
	}
	if !slices.Contains(sorts, q.Sort) {
		return q, web.BadRequest("supervision.list.bad_sort")
	}
	return q, nil
}

// sort orders the list as asked; the service's order (most urgent first, then by name) is
// the default and breaks ties. Who never attended counts as longest ago; who has no due day
// comes last by due day.
func (q listQuery) sort(rows []Row) {
	switch q.Sort {
	case "name":
		slices.SortStableFunc(rows, func(a, b Row) int { return cmp.Compare(a.order, b.order) })
	case "last_on":
		slices.SortStableFunc(rows, func(a, b Row) int { return cmp.Compare(a.LastOn, b.LastOn) })
	case "due_on":
		slices.SortStableFunc(rows, func(a, b Row) int { return cmp.Compare(cmp.Or(a.DueOn, "9"), cmp.Or(b.DueOn, "9")) })
	}
}

// keep reports whether a row passes the list's filter.
func (q listQuery) keep(r Row) bool {
	switch q.Show {
	case "overdue", "due_soon":
		return r.Binds() && string(r.Status) == q.Show
	case "active":
		return r.MentorStatus == Active
	case "inactive":
		return r.MentorStatus == Inactive
	case "not_active":
		return r.MentorStatus != Active
	}
	return true
}

// rows reads the filtered list. An admin without a chosen region sees every region's mentors.
func (h *Handlers) rows(c *fiber.Ctx) (listQuery, []Row, error) {
	q, err := h.listQuery(c)
	if err != nil {
		return q, nil, err
	}
	all, err := h.svc.Standings(c.UserContext(), web.Me(c), q.Region, h.clock())
	if err != nil {
		return q, nil, err
	}
	out := all[:0]
	for _, r := range all {
		if q.keep(r) {
			out = append(out, r)
		}
	}
	q.sort(out)
	return q, out, nil
}

// logShown logs that staff were shown the record facts of these mentors: a list that says a
// mentor's extract is missing or too old tells something of their criminal record, and every
// showing of that is logged, one entry per person (DOMAIN.md, Personal data).
func (h *Handlers) logShown(c *fiber.Ctx, rows []Row) error {
	var ids []int64
	for _, r := range rows {
		if slices.Contains(r.Missing, "record") {
			ids = append(ids, r.PersonID)
		}
	}
	return enrollment.LogViewed(c.UserContext(), h.svc.db, web.Me(c), ids, h.clock())
}

// list is the coordinator's list of their region's mentors: status, last and next
// supervision, days overdue, overdue first.
func (h *Handlers) list(c *fiber.Ctx) error {
	q, rows, err := h.rows(c)
	if err != nil {
		return err
	}
	p, err := page(c)
	if err != nil {
		return err
	}
	regions, err := h.svc.Regions(c.UserContext())
	if err != nil {
		return err
	}
	from, to := min((p-1)*pageSize, len(rows)), min(p*pageSize, len(rows))
	if err := h.logShown(c, rows[from:to]); err != nil {
		return err
	}
	return web.Render(c, "supervision/list", fiber.Map{
		"Title": web.LocalizerOf(c).T("supervision.list.title"), "Rows": rows[from:to], "Total": len(rows),
		"Q": q, "Shows": shows, "Sorts": sorts, "Regions": regions, "Page": p, "Pages": pages(len(rows)),
		"IsAdmin": web.Me(c).Has(web.RoleAdmin),
	})
}

func (h *Handlers) overview(c *fiber.Ctx) error {
	sums, err := h.svc.Summaries(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	// The chart draws the regions that have mentors; the table lists them all.
	var drawn []Summary
	for _, s := range sums {
		if s.Trained+s.Active+s.Overdue > 0 {
			drawn = append(drawn, s)
		}
	}
	return web.Render(c, "supervision/overview", fiber.Map{
		"Title": l.T("supervision.overview.title"), "Summaries": sums, "Total": total(sums),
		"Chart": Chart(drawn, l),
	})
}

func (h *Handlers) intervals(c *fiber.Ctx) error {
	list, err := h.svc.Intervals(c.UserContext(), web.Me(c))
	if err != nil {
		return err
	}
	return web.Render(c, "supervision/intervals", fiber.Map{
		"Title": web.LocalizerOf(c).T("supervision.intervals.title"), "Intervals": list,
	})
}

func (h *Handlers) saveInterval(c *fiber.Ctx) error {
	region := c.FormValue("region")
	months, _ := strconv.Atoi(strings.TrimSpace(c.FormValue("months")))
	err := h.svc.SetInterval(c.UserContext(), web.Me(c), region, months, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		list, lerr := h.svc.Intervals(c.UserContext(), web.Me(c))
		if lerr != nil {
			return lerr
		}
		return web.Render(c.Status(fiber.StatusUnprocessableEntity), "supervision/intervals", fiber.Map{
			"Title": web.LocalizerOf(c).T("supervision.intervals.title"), "Intervals": list, "Errors": errs,
			"Failed": strings.ToUpper(strings.TrimSpace(region)),
		})
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/supervision/intervals", web.Flash{Notice: web.LocalizerOf(c).T("supervision.flash.interval")})
	return web.Redirect(c, "/supervision/intervals")
}

// mentorPage shows one mentor's cadence: the standing, their supervisions, and the form of
// their own interval.
func (h *Handlers) mentorPage(c *fiber.Ctx) error {
	return h.renderCadence(c, nil, nil, fiber.StatusOK)
}

// overrideForm is the interval form as sent: months ("region", "1", "2") and the reason.
type overrideForm struct{ Months, Reason string }

// renderCadence shows a mentor's cadence page; typed, when set, is a refused form to show
// again as sent, otherwise the form shows what is stored.
func (h *Handlers) renderCadence(c *fiber.Ctx, errs map[string]string, typed *overrideForm, status int) error {
	id, err := web.PathID(c, "id", ErrNotMentor)
	if err != nil {
		return err
	}
	ctx, me := c.UserContext(), web.Me(c)
	p, err := h.svc.mentor(ctx, h.svc.db.R, me, id)
	if err != nil {
		return err
	}
	row, isMentor, err := h.svc.Standing(ctx, p.ID, h.clock())
	if err != nil {
		return err
	}
	pg, err := page(c)
	if err != nil {
		return err
	}
	list, total, err := ownMeetings(ctx, h.svc.db.R, p.ID, pageSize, (pg-1)*pageSize)
	if err != nil {
		return err
	}
	o, err := override(ctx, h.svc.db.R, p.ID)
	if err != nil {
		return err
	}
	if typed == nil {
		typed = &overrideForm{Months: "region"}
		if o != nil {
			typed = &overrideForm{Months: strconv.Itoa(o.Months), Reason: o.Reason}
		}
	}
	return web.Render(c.Status(status), "supervision/mentor", fiber.Map{
		"Title": p.FullName(), "Person": p, "Row": row, "IsMentor": isMentor, "Meetings": list, "Total": total,
		"Override": o, "Form": typed, "Errors": errs, "Page": pg, "Pages": pages(total),
	})
}

func (h *Handlers) saveOverride(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", ErrNotMentor)
	if err != nil {
		return err
	}
	months := 0
	if v := strings.TrimSpace(c.FormValue("months")); v != "" && v != "region" {
		if months, err = strconv.Atoi(v); err != nil {
			months = -1
		}
	}
	reason := c.FormValue("reason")
	err = h.svc.SetOverride(c.UserContext(), web.Me(c), id, months, reason, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.renderCadence(c, errs, &overrideForm{Months: c.FormValue("months"), Reason: reason}, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	path := "/supervision/mentors/" + itoa(id)
	web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("supervision.flash.override")})
	return web.Redirect(c, path)
}
