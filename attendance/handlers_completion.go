package attendance

import (
	"context"
	"fmt"
	"io"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// completionRoutes lists the pages of finishing a course: a run's completion table with its
// exports, and self check-in (the lecturer's screen with the QR code, the trainee's
// confirmation), which is how attendance reaches that table.
func (h *Handlers) completionRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer)
	r.Get("/runs/:run/completion", staff, h.completion)
	r.Get("/runs/:run/completion.csv", staff, h.completionCSV)
	r.Get("/runs/:run/completion.xlsx", staff, h.completionXLSX)
	h.checkinRoutes(r)
}

// completionAPIRoutes lists the exports of the completion table under /api/v1; its JSON form
// is among the attendance endpoints.
func (h *Handlers) completionAPIRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer)
	r.Get("/runs/:run/completion.csv", staff, h.completionCSV)
	r.Get("/runs/:run/completion.xlsx", staff, h.completionXLSX)
}

// completionRow is a line of the table with its hours written out for the page.
type completionRow struct {
	completionLine
	Theory, Practice string // attended / required
	EnrollmentID     int64
	// Certificate is the certificate issued for the row (admins only see it), nil when none.
	Certificate *certified
}

// certified is a certificate as the completion table names it.
type certified struct {
	ID           int64  `db:"id"`
	EnrollmentID int64  `db:"enrollment_id"`
	Number       string `db:"number"`
}

// certifiedIn reads which enrolments of a run hold a certificate, for the admin's issue
// buttons. It reads the certificates table itself because enrollment may not import
// certificates (which is built on enrollment); it only reads, and issuing stays with
// certificates, whose routes the buttons post to.
func (h *Handlers) certifiedIn(ctx context.Context, run int64) (map[int64]*certified, error) {
	var cs []certified
	if err := h.svc.db.R.SelectContext(ctx, &cs, `SELECT id, enrollment_id, number FROM certificates WHERE run_id = ? AND revoked_on IS NULL`, run); err != nil {
		return nil, fmt.Errorf("enrollment: certificates of run %d: %w", run, err)
	}
	out := make(map[int64]*certified, len(cs))
	for i := range cs {
		out[cs[i].EnrollmentID] = &cs[i]
	}
	return out, nil
}

// completionTable reads the table the signed-in person may see; the service decides who sees
// whom.
func (h *Handlers) completionTable(c *fiber.Ctx) (CompletionTable, error) {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return CompletionTable{}, err
	}
	return h.svc.Completion(c.UserContext(), web.Me(c), run, h.clock())
}

// completion shows a run's completion table: hours of theory and practice against what is
// required, the exam where the course has one, and where each person stands.
func (h *Handlers) completion(c *fiber.Ctx) error {
	t, err := h.completionTable(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	admin := web.Me(c).Has(web.RoleAdmin)
	certs := map[int64]*certified{}
	if admin {
		if certs, err = h.certifiedIn(c.UserContext(), t.Run.ID); err != nil {
			return err
		}
	}
	mark := decimalMark(l)
	counts := map[string]int{}
	uncertified := 0 // complete rows without a certificate: what "issue to all" would issue
	rows := make([]completionRow, 0, len(t.Rows))
	for i, line := range completionLines(t) {
		counts[line.State]++
		id := t.Rows[i].ID
		if line.State == string(Complete) && certs[id] == nil {
			uncertified++
		}
		rows = append(rows, completionRow{completionLine: line, EnrollmentID: id, Certificate: certs[id],
			Theory:   hoursText(line.TheoryAttended, mark) + " / " + hoursText(line.TheoryRequired, mark),
			Practice: hoursText(line.PracticeAttended, mark) + " / " + hoursText(line.PracticeRequired, mark)})
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "attendance/completion", fiber.Map{
		"Title": l.T("completion.title", "Course", t.Course.Title), "Run": t.Run, "Course": t.Course, "Rows": rows,
		"Counts": counts, "Exam": t.Course.RequiresExam, "Admin": admin, "Uncertified": uncertified,
		"Flash": web.TakeFlash(c), "Certified": len(certs) > 0,
	})
}

// completionCSV sends the table as CSV for Czech Excel (see WriteCompletionCSV).
func (h *Handlers) completionCSV(c *fiber.Ctx) error {
	t, err := h.completionTable(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, fmt.Sprintf("dokonceni-%d.csv", t.Run.ID), web.MIMECSV,
		func(w io.Writer) error { return WriteCompletionCSV(w, t, l) })
}

// completionXLSX sends the table as an Excel workbook.
func (h *Handlers) completionXLSX(c *fiber.Ctx) error {
	t, err := h.completionTable(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, fmt.Sprintf("dokonceni-%d.xlsx", t.Run.ID), web.MIMEXLSX,
		func(w io.Writer) error { return WriteCompletionXLSX(w, t, l) })
}
