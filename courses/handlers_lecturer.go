package courses

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// lecturerRoutes are the pages of those who teach.
func (h *Handlers) lecturerRoutes(r fiber.Router) {
	r.Get("/my/sessions", web.Require(web.RoleLecturer, web.RoleAdmin), h.mySessions)
}

// day is one day of a lecturer's sessions; Day is its date (YYYY-MM-DD) in Prague.
type day struct {
	Day      string
	Sessions []mySession
}

// mySession is a session a lecturer teaches, with the run and course it belongs to.
type mySession struct {
	sessionRow
	Run Listing
}

// Off reports whether the session will not take place: called off itself or with its run.
func (s mySession) Off() bool { return s.Cancelled() || s.Run.Status == StatusCancelled }

// recentDays is how far back "my sessions" lists sessions that are over, so that a lecturer
// can record or correct their attendance afterwards.
const recentDays = 14

// mySessions lists the lecturer's sessions from now on, day by day, and those of the last two
// weeks, newest first.
func (h *Handlers) mySessions(c *fiber.Ctx) error {
	ctx := c.UserContext()
	now := h.clock()
	ss, err := h.svc.store.LecturerSessions(ctx, web.Me(c).ID, now.AddDate(0, 0, -recentDays))
	if err != nil {
		return err
	}
	var past, coming []Session
	for _, s := range ss {
		if s.End().Before(now) {
			past = append([]Session{s}, past...)
		} else {
			coming = append(coming, s)
		}
	}
	days, err := h.byDay(c, coming)
	if err != nil {
		return err
	}
	recent, err := h.byDay(c, past)
	if err != nil {
		return err
	}
	live := 0 // cancelled sessions are shown struck through but not counted
	for _, s := range coming {
		if !s.Cancelled() {
			live++
		}
	}
	return web.Render(c, "courses/my_sessions", fiber.Map{
		"Title": h.t(c, "my_sessions.title"), "Days": days, "Recent": recent, "Count": live,
	})
}

// byDay groups sessions, in the order given, by their day in Prague, with their runs.
func (h *Handlers) byDay(c *fiber.Ctx, ss []Session) ([]day, error) {
	ctx := c.UserContext()
	runs := map[int64]Listing{}
	modules := map[int64]string{}
	var days []day
	for _, s := range ss {
		l, ok := runs[s.RunID]
		if !ok {
			var err error
			if l, err = h.svc.store.Listing(ctx, s.RunID); err != nil {
				return nil, err
			}
			runs[s.RunID] = l
			mods, err := h.svc.store.Modules(ctx, h.svc.db.R, l.CourseID)
			if err != nil {
				return nil, err
			}
			for _, m := range mods {
				modules[m.ID] = m.Title
			}
		}
		row := mySession{sessionRow: sessionRow{Session: s, Begun: true}, Run: l}
		if s.ModuleID != nil {
			row.Module = modules[*s.ModuleID]
		}
		d := PragueDay(s.Start())
		if len(days) == 0 || days[len(days)-1].Day != d {
			days = append(days, day{Day: d})
		}
		days[len(days)-1].Sessions = append(days[len(days)-1].Sessions, row)
	}
	return days, nil
}
