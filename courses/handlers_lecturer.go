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

// mySessions lists the lecturer's sessions from now on, day by day.
func (h *Handlers) mySessions(c *fiber.Ctx) error {
	ctx := c.UserContext()
	ss, err := h.svc.store.LecturerSessions(ctx, web.Me(c).ID, h.clock())
	if err != nil {
		return err
	}
	runs := map[int64]Listing{}
	modules := map[int64]string{}
	var days []day
	for _, s := range ss {
		l, ok := runs[s.RunID]
		if !ok {
			if l, err = h.svc.store.Listing(ctx, s.RunID); err != nil {
				return err
			}
			runs[s.RunID] = l
			mods, err := h.svc.store.Modules(ctx, h.svc.db.R, l.CourseID)
			if err != nil {
				return err
			}
			for _, m := range mods {
				modules[m.ID] = m.Title
			}
		}
		row := mySession{sessionRow: sessionRow{Session: s}, Run: l}
		if s.ModuleID != nil {
			row.Module = modules[*s.ModuleID]
		}
		d := PragueDay(s.Start())
		if len(days) == 0 || days[len(days)-1].Day != d {
			days = append(days, day{Day: d})
		}
		days[len(days)-1].Sessions = append(days[len(days)-1].Sessions, row)
	}
	live := 0 // cancelled sessions are shown struck through but not counted
	for _, s := range ss {
		if !s.Cancelled() {
			live++
		}
	}
	return web.Render(c, "courses/my_sessions", fiber.Map{
		"Title": h.t(c, "my_sessions.title"), "Days": days, "Count": live,
	})
}
