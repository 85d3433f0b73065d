package supervision

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// meetingAPIRoutes lists the meetings under /api/v1: record, list, read, correct and delete,
// and a mentor's own supervisions.
func (h *Handlers) meetingAPIRoutes(r fiber.Router) {
	r.Post("/supervisions", staff, h.apiRecord)
	r.Get("/supervisions", staff, h.apiMeetings)
	r.Get("/supervisions/:supervision", staff, h.apiMeeting)
	r.Put("/supervisions/:supervision", staff, h.apiCorrect)
	r.Delete("/supervisions/:supervision", staff, h.apiDelete)
	r.Get("/me/supervisions", web.Require(), h.apiOwn)
}

func (h *Handlers) apiRecord(c *fiber.Ctx) error {
	var in Input
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.svc.Record(c.UserContext(), web.Me(c), in, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(m)
}

func (h *Handlers) apiCorrect(c *fiber.Ctx) error {
	id, err := web.PathID(c, "supervision", ErrMeetingNotFound)
	if err != nil {
		return err
	}
	var in Input
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.svc.Correct(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(m)
}

func (h *Handlers) apiDelete(c *fiber.Ctx) error {
	id, err := web.PathID(c, "supervision", ErrMeetingNotFound)
	if err != nil {
		return err
	}
	if err := h.svc.Delete(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handlers) apiMeeting(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	return c.JSON(m)
}

// meetingFilter reads the filter of the meetings' list: the region (region=; a coordinator's
// own) and the days held from and to (from=, to=, both included).
func (h *Handlers) meetingFilter(c *fiber.Ctx) (MeetingFilter, error) {
	region, err := h.regionOf(c)
	if err != nil {
		return MeetingFilter{}, err
	}
	f := MeetingFilter{Region: region}
	for name, dst := range map[string]*string{"from": &f.From, "to": &f.To} {
		if v := strings.TrimSpace(c.Query(name)); v != "" {
			t, key := web.ParseDate(v)
			if key != "" {
				return f, web.BadRequest("supervision.bad_date", "Name", name)
			}
			*dst = t.Format(web.DateLayout)
		}
	}
	return f, nil
}

// apiMeetings lists the filtered meetings, newest first.
func (h *Handlers) apiMeetings(c *fiber.Ctx) error {
	f, err := h.meetingFilter(c)
	if err != nil {
		return err
	}
	if f.Limit, f.Offset, err = web.Limits(c); err != nil {
		return err
	}
	list, total, err := h.svc.Meetings(c.UserContext(), web.Me(c), f)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(list, total, f.Limit, f.Offset))
}

func (h *Handlers) apiOwn(c *fiber.Ctx) error {
	limit, offset, err := web.Limits(c)
	if err != nil {
		return err
	}
	list, total, err := h.svc.Own(c.UserContext(), web.Me(c), limit, offset)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(list, total, limit, offset))
}
