package courses

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

func isDate(s string) bool {
	_, key := web.ParseDate(s)
	return key == ""
}

func (h *Handlers) apiCreateRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var in RunInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	r, err := h.svc.SaveRun(c.UserContext(), web.Me(c), id, 0, in, h.clock())
	if err != nil {
		return err
	}
	d, err := h.runDetail(c, r.ID)
	if err != nil {
		return err
	}
	c.Location("/api/v1/runs/" + strconv.FormatInt(r.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(d)
}

func (h *Handlers) apiUpdateRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	var in RunInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	r, err := h.svc.store.Run(c.UserContext(), h.svc.db.R, id)
	if err != nil {
		return err
	}
	if _, err := h.svc.SaveRun(c.UserContext(), web.Me(c), r.CourseID, id, in, h.clock()); err != nil {
		return err
	}
	d, err := h.runDetail(c, id)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *Handlers) apiSetStatus(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	var in struct {
		Status Status `json:"status"`
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if _, err := h.svc.SetStatus(c.UserContext(), web.Me(c), id, in.Status, in.Reason, h.clock()); err != nil {
		return err
	}
	d, err := h.runDetail(c, id)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *Handlers) apiAddSessions(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	var in SessionInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if in.StartsAt == "" {
		var f web.Fields
		f.Add("starts_at", "session.starts_at.invalid")
		return f.Err()
	}
	ss, err := h.svc.AddSessions(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	// One session answers as itself; a repeated series as a list.
	if in.Repeat == nil {
		return c.Status(fiber.StatusCreated).JSON(ss[0])
	}
	return c.Status(fiber.StatusCreated).JSON(web.Items(ss))
}

func (h *Handlers) apiUpdateSession(c *fiber.Ctx) error {
	id, err := web.PathID(c, "session", ErrSessionNotFound)
	if err != nil {
		return err
	}
	var in SessionInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if in.Repeat != nil || in.StartsAt == "" {
		var f web.Fields
		if in.Repeat != nil {
			f.Add("repeat", "session.repeat.on_update")
		}
		if in.StartsAt == "" {
			f.Add("starts_at", "session.starts_at.invalid")
		}
		return f.Err()
	}
	s, err := h.svc.UpdateSession(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(s)
}

func (h *Handlers) apiCancelSession(c *fiber.Ctx) error {
	id, err := web.PathID(c, "session", ErrSessionNotFound)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	s, err := h.svc.CancelSession(c.UserContext(), web.Me(c), id, in.Reason, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(s)
}
