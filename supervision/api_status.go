package supervision

import (
	"maps"
	"slices"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// statusAPIRoutes lists the API of the status area.
func (h *Handlers) statusAPIRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/people/:id/mentor-status", web.Require(), h.apiMentor)
	r.Post("/people/:id/mentor-status/inactive", staff, h.apiDecide)
	r.Post("/people/:id/mentor-status/lift", staff, h.apiLift)
	r.Get("/mentors/active", staff, h.apiActiveOn)
}

// mentorJSON is a person's mentor status as the API gives it.
type mentorJSON struct {
	PersonID         int64        `json:"person_id"`
	Name             string       `json:"name"`
	Region           string       `json:"region"`
	Status           MentorStatus `json:"status"`
	Since            string       `json:"since,omitempty"`
	ActiveSince      string       `json:"active_since,omitempty"`
	Missing          []string     `json:"missing"`
	RecordValidUntil string       `json:"record_valid_until,omitempty"`
	// Decision is the decision of inactivity that stands, dated ahead or not; null for none.
	Decision *Decision `json:"decision"`
	History  []Entry   `json:"history"`
}

func mentorOf(m Mentor) mentorJSON {
	out := mentorJSON{PersonID: m.Person.ID, Name: m.Person.FullName(), Region: m.Person.Region, Status: m.Current.Status,
		Since: m.Current.Since, ActiveSince: m.Current.ActiveSince, Missing: m.Current.Missing,
		RecordValidUntil: m.Current.RecordValidUntil, Decision: m.Decision, History: m.History}
	if out.Missing == nil {
		out.Missing = []string{}
	}
	if out.History == nil {
		out.History = []Entry{}
	}
	return out
}

func (h *Handlers) apiMentor(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	m, err := h.svc.Mentor(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(mentorOf(m))
}

func (h *Handlers) apiDecide(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	var in DecisionInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.svc.Decide(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(mentorOf(m))
}

func (h *Handlers) apiLift(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	var in LiftInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.svc.Lift(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(mentorOf(m))
}

func (h *Handlers) apiActiveOn(c *fiber.Ctx) error {
	limit, offset, err := web.Limits(c)
	if err != nil {
		return err
	}
	q := ActiveQuery{On: c.Query("on"), Region: c.Query("region"), Limit: limit, Offset: offset}
	list, total, err := h.svc.ActiveOn(c.UserContext(), web.Me(c), q, h.clock())
	if we, ok := web.AsError(err); ok && we.Code == web.CodeInvalid {
		// The page shows these at its form (422); in the API a filter that cannot be read is a
		// malformed query, as on every other list.
		first := slices.Sorted(maps.Keys(we.Fields))[0]
		return &web.Error{Code: web.CodeBadRequest, Msg: we.Fields[first]}
	}
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"items": list, "total": total})
}
