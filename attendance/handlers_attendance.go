package attendance

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// attendancePageRoutes lists the pages of attendance and exams: a session's attendance list
// for those who teach it, a trainee's apology from a session, and the exam record of an
// enrolment.
func (h *Handlers) attendancePageRoutes(r fiber.Router) {
	teachers := web.Require(web.RoleAdmin, web.RoleLecturer)
	trainees := web.Require(web.RoleTrainee)
	r.Get("/runs/:run/sessions/:session/attendance", teachers, h.attendancePage)
	r.Post("/runs/:run/sessions/:session/attendance", teachers, h.saveAttendance)
	r.Post("/sessions/:session/apology", trainees, h.apologise)
	r.Post("/sessions/:session/apology/delete", trainees, h.takeBackApology)
	r.Get("/enrollments/:enrollment/exam", teachers, h.examPage)
	r.Post("/enrollments/:enrollment/exam", teachers, h.recordExam)
}

// markRow is one person on the attendance page: their line, what the form shows for them
// (as posted when the page comes back with errors, else as kept) and what went wrong.
type markRow struct {
	Line
	Choice  string
	Minutes string
	Errors  []string
}

// Key is the person's part of the form's field names, status.<key> and minutes.<key>.
func (r markRow) Key() string { return strconv.FormatInt(r.PersonID, 10) }

// Was is the kept mark as the page showed it, sent back with the form (was.<key>) so that a
// save touches only the rows the lecturer changed: a check-in or a colleague's mark that came
// in meanwhile is not overwritten by the page's older view.
func (r markRow) Was() string {
	if r.Status == nil {
		return ""
	}
	if *r.Status == Late {
		return markSignature(string(*r.Status), strconv.Itoa(r.Line.Minutes))
	}
	return markSignature(string(*r.Status), "")
}

// markSignature is a mark as the form compares it: the status, and minutes for a late one.
func markSignature(status, minutes string) string {
	if status != string(Late) {
		minutes = ""
	}
	return status + ":" + minutes
}

// Shown is the kept mark of someone no longer enrolled, who has no controls.
func (r markRow) Shown() string {
	if r.Status == nil {
		return ""
	}
	return string(*r.Status)
}

// posted is what the form sent for one person.
type posted struct{ status, minutes string }

// attendanceSheet reads the session of the path for someone who teaches it, with its run as
// lists show it. A session of another run is not found here: the path names both.
func (h *Handlers) attendanceSheet(c *fiber.Ctx) (SessionSheet, courses.Listing, error) {
	ctx, q := c.UserContext(), h.svc.db.R
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return SessionSheet{}, courses.Listing{}, err
	}
	sid, err := sessionID(c)
	if err != nil {
		return SessionSheet{}, courses.Listing{}, err
	}
	ss, err := h.svc.courses.Session(ctx, q, sid)
	if err != nil {
		return SessionSheet{}, courses.Listing{}, err
	}
	if ss.RunID != run {
		return SessionSheet{}, courses.Listing{}, courses.ErrSessionNotFound
	}
	sh, err := h.svc.Attendance(ctx, web.Me(c), sid)
	if err != nil {
		return SessionSheet{}, courses.Listing{}, err
	}
	l, err := h.svc.courses.Listing(ctx, run)
	return sh, l, err
}

func attendancePath(sh SessionSheet) string {
	return fmt.Sprintf("/runs/%d/sessions/%d/attendance", sh.Run.ID, sh.Session.ID)
}

// attendancePage shows a session's attendance list with a control per person.
func (h *Handlers) attendancePage(c *fiber.Ctx) error {
	sh, l, err := h.attendanceSheet(c)
	if err != nil {
		return err
	}
	return h.renderAttendance(c, sh, l, nil, nil, nil, fiber.StatusOK)
}

// saveAttendance saves the whole list in one request. Rows left without a mark are not sent;
// the service checks the rest in one transaction, so one bad row saves nothing, and its
// problems, keyed by the row's place among the marks sent, are shown on that row again.
func (h *Handlers) saveAttendance(c *fiber.Ctx) error {
	sh, l, err := h.attendanceSheet(c)
	if err != nil {
		return err
	}
	form := map[int64]posted{}
	var marks []MarkInput
	var who []int64 // the person of each mark, to find a row from an error's index
	for _, ln := range sh.Lines {
		if !ln.Enrolled {
			continue // a withdrawn person's mark stays as it was; the service takes none for them
		}
		key := strconv.FormatInt(ln.PersonID, 10)
		p := posted{status: strings.TrimSpace(c.FormValue("status." + key)),
			minutes: strings.TrimSpace(c.FormValue("minutes." + key))}
		form[ln.PersonID] = p
		if p.status == "" || markSignature(p.status, p.minutes) == c.FormValue("was."+key) {
			continue // no mark, or the one the page showed: leave what is kept now
		}
		m := MarkInput{PersonID: ln.PersonID, Status: Presence(p.status)}
		// Minutes count only for a late arrival or an early leave; a number left in the field
		// of someone then marked present must not turn into an error the lecturer cannot see
		// the point of. What is not a number leaves the minutes out, which the service names.
		if m.Status == Late {
			if n, err := strconv.Atoi(p.minutes); err == nil {
				m.Minutes = &n
			}
		}
		marks = append(marks, m)
		who = append(who, ln.PersonID)
	}
	_, err = h.svc.SaveAttendance(c.UserContext(), web.Me(c), sh.Session.ID, marks, h.clock())
	if err == nil {
		return web.Redirect(c, attendancePath(sh)+"?saved=1")
	}
	e, ok := web.AsError(err)
	if !ok || (e.Code != web.CodeInvalid && e.Code != web.CodeConflict) {
		return err
	}
	loc := web.LocalizerOf(c)
	rowErrs := map[int64][]string{}
	var general []string
	if e.Code == web.CodeConflict {
		general = append(general, loc.Msg(e.Msg))
	}
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		msg := loc.Msg(e.Fields[k])
		idx, _, _ := strings.Cut(k, ".")
		if i, err := strconv.Atoi(idx); err == nil && i >= 0 && i < len(who) {
			rowErrs[who[i]] = append(rowErrs[who[i]], msg)
		} else {
			general = append(general, msg)
		}
	}
	return h.renderAttendance(c, sh, l, form, rowErrs, general, e.Status())
}

// renderAttendance shows the page; form and rowErrs are nil unless a save came back.
func (h *Handlers) renderAttendance(c *fiber.Ctx, sh SessionSheet, l courses.Listing, form map[int64]posted,
	rowErrs map[int64][]string, general []string, status int) error {
	loc, now := web.LocalizerOf(c), h.clock()
	rows := make([]markRow, len(sh.Lines))
	withErrors := 0
	for i, ln := range sh.Lines {
		r := markRow{Line: ln, Errors: rowErrs[ln.PersonID]}
		// A row posted without a mark shows what is kept, which the save did not touch.
		if p, ok := form[ln.PersonID]; ok && p.status != "" {
			r.Choice, r.Minutes = p.status, p.minutes
		} else if ln.Status != nil {
			r.Choice = string(*ln.Status)
			if *ln.Status == Late {
				r.Minutes = strconv.Itoa(ln.Minutes)
			}
		}
		if len(r.Errors) > 0 {
			withErrors++
		}
		rows[i] = r
	}
	// Say why the session takes no marks before the form, not only after a refused save.
	closed := ""
	if err := markable(sh.Session, now); err != nil {
		if e, ok := web.AsError(err); ok {
			closed = loc.Msg(e.Msg)
		}
	}
	module, err := h.moduleTitle(c, l.CourseID, sh.Session.ModuleID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "attendance/attendance", fiber.Map{
		"Title": loc.T("attendance_page.title", "Course", l.Title, "Date", loc.Date(sh.Session.Start())),
		"Run":   l, "Session": sh.Session, "Module": module, "Rows": rows, "Unmarked": sh.Unmarked(),
		"Closed": closed, "Checkin": CheckinOpen(sh.Session, now), "Errors": general, "RowErrors": withErrors,
		"Saved": c.Query("saved") != "" && status == fiber.StatusOK, "Presences": Presences,
		"Action": attendancePath(sh), "MaxLate": max(sh.Session.Minutes-1, 1),
	})
}

// moduleTitle is the title of a session's module, or "" when it has none.
func (h *Handlers) moduleTitle(c *fiber.Ctx, courseID int64, moduleID *int64) (string, error) {
	if moduleID == nil {
		return "", nil
	}
	ms, err := h.svc.courses.Modules(c.UserContext(), h.svc.db.R, courseID)
	if err != nil {
		return "", err
	}
	for _, m := range ms {
		if m.ID == *moduleID {
			return m.Title, nil
		}
	}
	return "", nil
}
