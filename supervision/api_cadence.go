package supervision

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// cadenceAPIRoutes lists the cadence under /api/v1: the status of every mentor of a region,
// the regions' summary, the regions' intervals and one mentor's own interval.
func (h *Handlers) cadenceAPIRoutes(r fiber.Router) {
	r.Get("/supervision/status", staff, h.apiStatus)
	r.Get("/supervision/summary", staff, h.apiSummary)
	r.Get("/supervision/intervals", staff, h.apiIntervals)
	r.Put("/supervision/intervals/:region", staff, h.apiSetInterval)
	r.Put("/people/:id/supervision-interval", staff, h.apiSetOverride)
	r.Delete("/people/:id/supervision-interval", staff, h.apiClearOverride)
}

// apiStatus answers the list of a region's mentors (region=, a coordinator's own; an admin
// without one gets every region), overdue first, paged by limit and offset, with the same
// show= filter as the page.
func (h *Handlers) apiStatus(c *fiber.Ctx) error {
	_, rows, err := h.rows(c)
	if err != nil {
		return err
	}
	limit, offset, err := web.Limits(c)
	if err != nil {
		return err
	}
	from, to := min(offset, len(rows)), min(offset+limit, len(rows))
	if err := h.logShown(c, rows[from:to]); err != nil {
		return err
	}
	return c.JSON(web.PageOf(rows[from:to], len(rows), limit, offset))
}

func (h *Handlers) apiSummary(c *fiber.Ctx) error {
	sums, err := h.svc.Summaries(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	return c.JSON(web.Items(sums))
}

func (h *Handlers) apiIntervals(c *fiber.Ctx) error {
	list, err := h.svc.Intervals(c.UserContext(), web.Me(c))
	if err != nil {
		return err
	}
	return c.JSON(web.Items(list))
}

func (h *Handlers) apiSetInterval(c *fiber.Ctx) error {
	var in struct {
		Months int `json:"months"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.svc.SetInterval(c.UserContext(), web.Me(c), c.Params("region"), in.Months, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handlers) apiSetOverride(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", ErrNotMentor)
	if err != nil {
		return err
	}
	var in struct {
		Months int    `json:"months"`
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if in.Months == 0 {
		in.Months = -1 // 0 would remove it: that is DELETE's to say
	}
	if err := h.svc.SetOverride(c.UserContext(), web.Me(c), id, in.Months, in.Reason, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handlers) apiClearOverride(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", ErrNotMentor)
	if err != nil {
		return err
	}
	if err := h.svc.SetOverride(c.UserContext(), web.Me(c), id, 0, "", h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
