package enrollment

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// Handlers serves the enrolment pages and API.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// APIRoutes lists the JSON endpoints of enrolment under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	signedIn := web.Require()
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/people/:id/eligibility", signedIn, h.apiEligibility)
	r.Post("/runs/:run/enrollments", signedIn, h.apiApply)
	r.Post("/enrollments/:enrollment/approve", staff, h.apiApprove)
	r.Post("/enrollments/:enrollment/reject", staff, h.apiReject)
	r.Post("/enrollments/:enrollment/withdraw", signedIn, h.apiWithdraw)
}

// outcomeJSON is a rule's verdict as the API shows it, the reason in the request's language.
type outcomeJSON struct {
	Rule   string `json:"rule"`
	OK     bool   `json:"ok"`
	Reason string `json:"reason"`
}

func outcomes(c *fiber.Ctx, out []Outcome) []outcomeJSON {
	l := web.LocalizerOf(c)
	res := make([]outcomeJSON, len(out))
	for i, o := range out {
		res[i] = outcomeJSON{Rule: o.Rule, OK: o.OK, Reason: l.Msg(o.Reason)}
	}
	return res
}

func (h *Handlers) apiEligibility(c *fiber.Ctx) error {
	person, err := web.PathID(c, "id", web.NotFound("person.not_found"))
	if err != nil {
		return err
	}
	run, _ := web.ParseID(c.Query("run")) // checked after who may ask: 0 is a 400 there
	out, err := h.svc.Eligibility(c.UserContext(), web.Me(c), person, run, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"eligible": Eligible(out), "rules": outcomes(c, Voiced(out, person != web.Me(c).ID))})
}

func (h *Handlers) apiApply(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	var in struct {
		PersonID int64 `json:"person_id"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if in.PersonID <= 0 {
		var f web.Fields
		f.Add("person_id", "enrollment.person.required")
		return f.Err()
	}
	e, out, err := h.svc.Apply(c.UserContext(), web.Me(c), run, in.PersonID, h.clock())
	if err != nil {
		return err
	}
	c.Location("/api/v1/enrollments/" + strconv.FormatInt(e.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"id": e.ID, "status": e.Status,
		"rules": outcomes(c, Voiced(out, in.PersonID != web.Me(c).ID)), "enrollment": e})
}

func (h *Handlers) apiApprove(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	e, out, err := h.svc.Approve(c.UserContext(), web.Me(c), eid, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"id": e.ID, "status": e.Status, "rules": outcomes(c, Voiced(out, true)), "enrollment": e})
}

func (h *Handlers) apiReject(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	e, err := h.svc.Reject(c.UserContext(), web.Me(c), eid, in.Reason, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(e)
}

func (h *Handlers) apiWithdraw(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", ErrNotFound)
	if err != nil {
		return err
	}
	e, err := h.svc.Withdraw(c.UserContext(), web.Me(c), eid, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(e)
}
