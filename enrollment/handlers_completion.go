package enrollment

import (
	"bytes"
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
	mark := decimalMark(l)
	counts := map[string]int{}
	rows := make([]completionRow, 0, len(t.Rows))
	for _, line := range completionLines(t) {
		counts[line.State]++
		rows = append(rows, completionRow{completionLine: line,
			Theory:   hoursText(line.TheoryAttended, mark) + " / " + hoursText(line.TheoryRequired, mark),
			Practice: hoursText(line.PracticeAttended, mark) + " / " + hoursText(line.PracticeRequired, mark)})
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "enrollment/completion", fiber.Map{
		"Title": l.T("completion.title", "Course", t.Course.Title), "Run": t.Run, "Course": t.Course, "Rows": rows,
		"Counts": counts, "Exam": t.Course.RequiresExam,
	})
}

// completionCSV sends the table as CSV for Czech Excel (see WriteCompletionCSV).
func (h *Handlers) completionCSV(c *fiber.Ctx) error {
	t, err := h.completionTable(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return sendExport(c, fmt.Sprintf("dokonceni-%d.csv", t.Run.ID), "text/csv; charset=utf-8",
		func(w io.Writer) error { return WriteCompletionCSV(w, t, l) })
}

// completionXLSX sends the table as an Excel workbook.
func (h *Handlers) completionXLSX(c *fiber.Ctx) error {
	t, err := h.completionTable(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return sendExport(c, fmt.Sprintf("dokonceni-%d.xlsx", t.Run.ID),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		func(w io.Writer) error { return WriteCompletionXLSX(w, t, l) })
}

// sendExport writes a file whole before answering, so that a failure is an error page and not
// half a file, and sends it as a download that no cache keeps: it lists people.
func sendExport(c *fiber.Ctx, filename, contentType string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
