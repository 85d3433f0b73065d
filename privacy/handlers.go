package privacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// Handlers serves the exports and the erasure.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists the pages of personal data: the exports and the erasure.
func (h *Handlers) Routes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/account/export.json", web.Require(), h.exportJSON(false))
	r.Get("/account/export.pdf", web.Require(), h.exportPDF(false))
	r.Get("/people/:id/export.json", admin, h.exportJSON(true))
	r.Get("/people/:id/export.pdf", admin, h.exportPDF(true))
	r.Get("/people/:id/erase", admin, h.confirmErase)
	r.Post("/people/:id/erase", admin, h.erase)
}

// APIRoutes lists the exports of the JSON API, under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	r.Get("/me/export", web.Require(), h.apiExport(false))
	r.Get("/people/:id/export", web.Require(web.RoleAdmin), h.apiExport(true))
}

// whom is the person a request is about: the path's :id for an admin's route, the signed-in
// person otherwise.
func whom(c *fiber.Ctx, other bool) (int64, error) {
	if !other {
		return web.Me(c).ID, nil
	}
	id, ok := web.ParamID(c, "id")
	if !ok {
		return 0, people.ErrNotFound
	}
	return id, nil
}

// attachment names the downloaded file: mentorlms-export-12-2026-03-02.json.
func attachment(c *fiber.Ctx, e Export, ext string) {
	day := e.Made[:10]
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="mentorlms-export-%d-%s.%s"`, e.PersonID, day, ext))
	c.Set(fiber.HeaderCacheControl, "no-store")
}

func (h *Handlers) export(c *fiber.Ctx, other bool) (Export, error) {
	id, err := whom(c, other)
	if err != nil {
		return Export{}, err
	}
	return h.svc.Export(c.UserContext(), web.Me(c), id, h.clock())
}

func (h *Handlers) exportJSON(other bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		e, err := h.export(c, other)
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(e, "", "  ")
		if err != nil {
			return err
		}
		attachment(c, e, "json")
		c.Type("json", "utf-8")
		return c.Send(b)
	}
}

func (h *Handlers) apiExport(other bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		e, err := h.export(c, other)
		if err != nil {
			return err
		}
		return c.JSON(e)
	}
}

func (h *Handlers) exportPDF(other bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		e, err := h.export(c, other)
		if err != nil {
			return err
		}
		s, err := h.svc.Summarise(c.UserContext(), e)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := RenderSummary(&buf, s, web.LocalizerIn(c, s.Person.Lang), h.clock()); err != nil {
			return err
		}
		attachment(c, e, "pdf")
		c.Type("pdf")
		return c.Send(buf.Bytes())
	}
}

// confirmErase says what erasure removes and what it keeps, and why, before it is done.
func (h *Handlers) confirmErase(c *fiber.Ctx) error {
	id, err := whom(c, true)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	o, err := h.svc.EraseOutlook(c.UserContext(), web.Me(c), id)
	cf := web.Confirm{Title: l.T("erase.title", "Name", o.Person.FullName()), Lead: o.Person.Email,
		Effects: []string{l.T("erase.removed"), l.N("erase.kept.certificates", o.Certificates),
			l.N("erase.kept.sheets", o.Sheets), l.N("erase.kept.evaluations", o.Evaluations), l.T("erase.kept.audit")},
		Warning: l.T("erase.warning"), Action: "/people/" + strconv.FormatInt(id, 10) + "/erase",
		Back: "/people/" + strconv.FormatInt(id, 10), Submit: l.T("erase.submit")}
	if we, ok := web.AsError(err); ok && we.Code == web.CodeConflict {
		cf.Blocked = l.Msg(we.Msg)
	} else if err != nil {
		return err
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

func (h *Handlers) erase(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		return h.confirmErase(c)
	}
	id, err := whom(c, true)
	if err != nil {
		return err
	}
	if err := h.svc.Erase(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	path := "/people/" + strconv.FormatInt(id, 10)
	web.SetFlash(c, path, web.Flash{Notice: web.LocalizerOf(c).T("erase.done")})
	return web.Redirect(c, path)
}
