package courses

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// catalogRoutes are the public pages: the catalog of runs and the page of one run.
func (h *Handlers) catalogRoutes(r fiber.Router) {
	r.Get("/runs", web.Shared, h.catalog)
	r.Get("/runs/:run", web.Shared, h.runPage)
}

// catalogFilter is the catalog's filter as the query gives it. Status is for staff only: ""
// is the runs open for enrolment, "all" every run.
type catalogFilter struct {
	Region, Kind, Month, Status string
}

const monthLayout = "2006-01"

// catalogPage is how many runs a page of the catalog shows.
const catalogPage = 50

// catalog lists the runs open for enrolment; staff may also see planned, running, finished or
// cancelled ones. A month shows the runs that take place in it, even if they began earlier.
func (h *Handlers) catalog(c *fiber.Ctx) error {
	cf := catalogFilter{Region: strings.ToUpper(c.Query("region")), Kind: c.Query("kind"), Month: c.Query("month"),
		Status: c.Query("status")}
	regions, err := people.NewStore(h.svc.db).Regions(c.UserContext())
	if err != nil {
		return err
	}
	var f web.Fields
	rf := RunFilter{Region: cf.Region, Kind: Kind(cf.Kind), Status: []Status{StatusOpen}}
	if cf.Region != "" && !slices.ContainsFunc(regions, func(r people.Region) bool { return r.Code == cf.Region }) {
		f.Add("region", "person.region.unknown")
	}
	if cf.Kind != "" && !slices.Contains(Kinds, rf.Kind) {
		f.Add("kind", "course.kind.unknown")
	}
	if cf.Month != "" {
		m, err := time.Parse(monthLayout, cf.Month)
		if err != nil {
			f.Add("month", "catalog.month.invalid")
		} else {
			rf.EndsFrom, rf.To = m.Format(web.DateLayout), m.AddDate(0, 1, -1).Format(web.DateLayout)
		}
	}
	isStaff := staff(c)
	if isStaff {
		switch st := Status(cf.Status); {
		case cf.Status == "":
		case cf.Status == "all":
			rf.Status = nil
		case slices.Contains(Statuses, st):
			rf.Status = []Status{st}
		default:
			f.Add("status", "run.status.unknown")
		}
	}
	status := fiber.StatusOK
	var runs []Listing
	page, total := web.PageOfQuery(c), 0
	if len(f) > 0 {
		status = fiber.StatusUnprocessableEntity
	} else {
		rf.Limit, rf.Offset = catalogPage, (page-1)*catalogPage
		if runs, err = h.svc.store.Listings(c.UserContext(), rf); err != nil {
			return err
		}
		if total, err = h.svc.store.CountRuns(c.UserContext(), rf); err != nil {
			return err
		}
	}
	return web.Render(c.Status(status), "courses/runs", fiber.Map{
		"Title": h.t(c, "catalog.title"), "Runs": runs, "Filter": cf, "Regions": regions, "Kinds": Kinds,
		"Statuses": Statuses, "Staff": isStaff, "Errors": invalid(c, f), "Total": total,
		"Page": page, "Pages": (total + catalogPage - 1) / catalogPage,
	})
}

// runView is what the page of a run shows.
type runView struct {
	Listing
	Course        Course
	Lecturers     []string
	Accreditation *Accreditation
	Sessions      []sessionRow
	Hours         []hoursRow
	Next          []Status
	// JoinLink is the online run's join link for those who may see it; "" for everyone else.
	// MayJoin tells those who may see it apart from the rest when there is none yet.
	JoinLink string
	MayJoin  bool
}

// sessionRow is a session of the schedule with the title of its module.
type sessionRow struct {
	Session
	Module string
	// Begun: the session has started, so its attendance can be recorded.
	Begun bool
}

// hoursRow compares the hours scheduled with the course's hours of one kind: Done is the
// scheduled minutes counted in the course's teaching hours, written for the page's language.
// Over is set when more is scheduled than the course has; Excess then says by how much, and
// ExcessCount is the same number for choosing the plural form (1,5 hodiny, 7 hodin).
type hoursRow struct {
	Kind        SessionKind
	Done        string
	Total       int
	Over        bool
	Excess      string
	ExcessCount string
}

func (h *Handlers) runPage(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	return h.renderRun(c, id, partForm{}, fiber.StatusOK)
}

// renderRun shows the page of a run; fm is a status change that failed, shown by its buttons.
func (h *Handlers) renderRun(c *fiber.Ctx, id int64, fm partForm, status int) error {
	ctx, q := c.UserContext(), h.svc.db.R
	l, err := h.svc.store.Listing(ctx, id)
	if err != nil {
		return err
	}
	if !visible(c, l.Run) {
		return ErrRunNotFound
	}
	v := runView{Listing: l, Next: NextStatuses(l.Status)}
	if v.Course, err = h.svc.store.Course(ctx, q, l.CourseID); err != nil {
		return err
	}
	accs, err := h.svc.store.Accreditations(ctx, q, l.CourseID)
	if err != nil {
		return err
	}
	if a, ok := Applicable(accs, l.StartsOn); ok {
		v.Accreditation = &a
	}
	ss, err := h.svc.store.Sessions(ctx, q, id)
	if err != nil {
		return err
	}
	mods, err := h.svc.store.Modules(ctx, q, l.CourseID)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, m := range mods {
		titles[m.ID] = m.Title
	}
	now := h.clock()
	for _, s := range ss {
		row := sessionRow{Session: s, Begun: !now.Before(s.Start())}
		if s.ModuleID != nil {
			row.Module = titles[*s.ModuleID]
		}
		v.Sessions = append(v.Sessions, row)
	}
	names, err := h.svc.store.Names(ctx, l.LecturerIDs)
	if err != nil {
		return err
	}
	for _, id := range l.LecturerIDs {
		v.Lecturers = append(v.Lecturers, names[id])
	}
	v.Hours = hours(v.Course, ss, web.LocalizerOf(c).Lang)
	own, err := h.own(c, id)
	if err != nil {
		return err
	}
	if l.Online && l.Status != StatusCancelled { // a cancelled run has nothing to join
		if v.JoinLink, v.MayJoin, err = h.joinLink(c, l.Run, own); err != nil {
			return err
		}
	}
	me := web.Me(c)
	admin := me.Has(web.RoleAdmin)
	return web.Render(c.Status(status), "courses/run", fiber.Map{
		"Title": l.Title, "Run": v, "StatusForm": fm, "IsAdmin": admin, "Own": own,
		// Those who teach the run record its attendance from the schedule.
		"Teaches": admin || (me.Has(web.RoleLecturer) && slices.Contains(l.LecturerIDs, me.ID)),
	})
}

// hours compares the scheduled sessions with the course's hours, theory and practice apart,
// leaving out a kind the course has none of and nothing is scheduled for.
func hours(c Course, ss []Session, lang string) []hoursRow {
	theory, practice := Scheduled(ss)
	var out []hoursRow
	for _, k := range []struct {
		kind         SessionKind
		minutes, per int
		total        int
	}{{Theory, theory, c.TheoryMinutes, c.TheoryHours}, {Practice, practice, c.PracticeMinutes, c.PracticeHours}} {
		if k.total == 0 && k.minutes == 0 {
			continue
		}
		per := max(k.per, 1)
		row := hoursRow{Kind: k.kind, Done: decimal(float64(k.minutes)/float64(per), lang), Total: k.total,
			Over: k.minutes > k.total*per}
		if row.Over {
			// Hours scheduled beyond the course's are taught but count for nothing toward it,
			// which whoever plans should see rather than find out from a coloured border.
			over := float64(k.minutes-k.total*per) / float64(per)
			row.Excess, row.ExcessCount = decimal(over, lang), decimal(over, "en")
		}
		out = append(out, row)
	}
	return out
}

// decimal writes a number of hours with at most one decimal, with a decimal comma in Czech.
func decimal(x float64, lang string) string {
	s := strings.TrimSuffix(strconv.FormatFloat(x, 'f', 1, 64), ".0")
	if lang == "cs" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
