package attendance

import (
	"bytes"
	"fmt"
	"io"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// pdfRoutes lists the printable documents of a run for the pages: the attendance sheet of a
// session and the class book.
func (h *Handlers) pdfRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleLecturer)
	r.Get("/runs/:run/sessions/:session/attendance-sheet.pdf", staff, h.sheetPDF)
	r.Get("/runs/:run/class-book.pdf", staff, h.classBookPDF)
}

// pdfAPIRoutes lists the same documents under /api/v1.
func (h *Handlers) pdfAPIRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleLecturer)
	r.Get("/sessions/:session/attendance-sheet.pdf", staff, h.sheetPDF)
	r.Get("/runs/:run/class-book.pdf", staff, h.classBookPDF)
}

// sheetPDF sends the attendance sheet of a session to an admin or to whoever teaches it. The
// page's path names the run too, and a session of another run is not found there.
func (h *Handlers) sheetPDF(c *fiber.Ctx) error {
	ctx, q := c.UserContext(), h.svc.db.R
	run := int64(0)
	if c.Params("run") != "" {
		var err error
		if run, err = web.PathID(c, "run", courses.ErrRunNotFound); err != nil {
			return err
		}
		if _, err := h.svc.courses.Run(ctx, q, run); err != nil {
			return err
		}
	}
	sid, err := web.PathID(c, "session", courses.ErrSessionNotFound)
	if err != nil {
		return err
	}
	ss, err := h.svc.courses.Session(ctx, q, sid)
	if err != nil {
		return err
	}
	if run != 0 && ss.RunID != run {
		return courses.ErrSessionNotFound
	}
	r, err := h.svc.courses.Run(ctx, q, ss.RunID)
	if err != nil {
		return err
	}
	if !teaches(web.Me(c), r, ss.LecturerID) {
		return web.Forbidden()
	}
	sheet, err := h.svc.SheetOf(ctx, ss, r, h.clock())
	if err != nil {
		return err
	}
	name := fmt.Sprintf("prezencni-listina-%s-%d.pdf", courses.PragueDay(ss.Start()), ss.ID)
	return sendPDF(c, name, func(w io.Writer) error { return RenderSheet(w, sheet, web.LocalizerOf(c)) })
}

// classBookPDF sends the class book of a run to an admin or to a lecturer of the run (named
// among its lecturers or teaching one of its sessions).
func (h *Handlers) classBookPDF(c *fiber.Ctx) error {
	ctx, q := c.UserContext(), h.svc.db.R
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	r, err := h.svc.courses.Run(ctx, q, run)
	if err != nil {
		return err
	}
	b, err := h.svc.ClassBookOf(ctx, r, h.clock())
	if err != nil {
		return err
	}
	me, allowed := web.Me(c), teaches(web.Me(c), r, 0)
	for _, e := range b.Entries {
		allowed = allowed || teaches(me, r, e.Session.LecturerID)
	}
	if !allowed {
		return web.Forbidden()
	}
	name := fmt.Sprintf("tridni-kniha-%d.pdf", r.ID)
	return sendPDF(c, name, func(w io.Writer) error { return RenderClassBook(w, b, web.LocalizerOf(c)) })
}

// sendPDF renders a document whole before answering, so that a failure is an error page and
// not half a file, and sends it as a download that no cache keeps: it lists people.
func sendPDF(c *fiber.Ctx, filename string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
