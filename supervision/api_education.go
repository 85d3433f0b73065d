package supervision

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// educationAPIRoutes lists the JSON API of continuing education under /api/v1, the same use
// cases as the pages with the same rules.
func (h *Handlers) educationAPIRoutes(r fiber.Router) {
	signedIn := web.Require()
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	admin := web.Require(web.RoleAdmin)
	r.Get("/people/:id/education", signedIn, h.apiEducation)
	r.Post("/people/:id/education/hours", staff, h.apiAddHours)
	r.Get("/education/pending", admin, h.apiPending)
	r.Get("/education/hours/:hours", signedIn, h.apiHours)
	r.Put("/education/hours/:hours", staff, h.apiUpdateHours)
	r.Delete("/education/hours/:hours", staff, h.apiDeleteHours)
	r.Post("/education/hours/:hours/approve", admin, h.apiApproveHours)
	r.Post("/people/:id/employments", staff, h.apiSaveJob(false))
	r.Put("/employments/:employment", staff, h.apiSaveJob(true))
	r.Delete("/employments/:employment", staff, h.apiDeleteJob)
	r.Post("/people/:id/absences", staff, h.apiSaveAbsence(false))
	r.Put("/absences/:absence", staff, h.apiSaveAbsence(true))
	r.Delete("/absences/:absence", staff, h.apiDeleteAbsence)
}

// eduPersonJSON is a person as the education API names them.
type eduPersonJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Region string `json:"region,omitempty"`
}

func eduPersonJSONOf(p people.Person) eduPersonJSON {
	return eduPersonJSON{ID: p.ID, Name: p.FullName(), Region: p.Region}
}

// apiEducation answers a person's continuing education: every year against its target
// (minutes) and the records behind it.
func (h *Handlers) apiEducation(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	ed, err := h.svc.Education(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"person": eduPersonJSONOf(ed.Person), "yearly_hours": h.svc.YearlyHours,
		"years": eduList(ed.Years), "courses": eduList(ed.Courses), "hours": eduList(ed.Hours),
		"employments": eduList(ed.Jobs), "absences": eduList(ed.Absences)})
}

// eduList turns a nil list into an empty one, so that JSON says [] rather than null.
func eduList[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (h *Handlers) apiAddHours(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	var in HoursInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	x, err := h.svc.AddHours(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	c.Location("/api/v1/education/hours/" + strconv.FormatInt(x.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(x)
}

// apiPending lists the external hours awaiting approval, paged by limit and offset.
func (h *Handlers) apiPending(c *fiber.Ctx) error {
	limit, err := web.QueryInt(c, "limit", 50, 1, 500)
	if err != nil {
		return err
	}
	offset, err := web.QueryInt(c, "offset", 0, 0, 1<<31-1)
	if err != nil {
		return err
	}
	list, total, err := h.svc.PendingHours(c.UserContext(), web.Me(c), limit, offset)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"items": eduList(list), "total": total})
}

func (h *Handlers) apiHours(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	x, _, err := h.svc.Hours(c.UserContext(), web.Me(c), id)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(x)
}

func (h *Handlers) apiUpdateHours(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	var in HoursInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	x, err := h.svc.UpdateHours(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(x)
}

func (h *Handlers) apiDeleteHours(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	if _, err := h.svc.DeleteHours(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handlers) apiApproveHours(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	x, err := h.svc.ApproveHours(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(x)
}

// apiSaveJob enters a period of employment of the person in the path (201), or corrects the
// period in the path.
func (h *Handlers) apiSaveJob(existing bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		person, id, err := apiPeriodIDs(c, periodJob, existing)
		if err != nil {
			return err
		}
		var in JobInput
		if err := web.DecodeJSON(c, &in); err != nil {
			return err
		}
		j, err := h.svc.SaveJob(c.UserContext(), web.Me(c), person, id, in, h.clock())
		if err != nil {
			return err
		}
		return c.Status(createdUnless(existing)).JSON(j)
	}
}

// apiSaveAbsence enters an absence of the person in the path (201), or corrects the absence
// in the path.
func (h *Handlers) apiSaveAbsence(existing bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		person, id, err := apiPeriodIDs(c, periodAbsence, existing)
		if err != nil {
			return err
		}
		var in AbsenceInput
		if err := web.DecodeJSON(c, &in); err != nil {
			return err
		}
		a, err := h.svc.SaveAbsence(c.UserContext(), web.Me(c), person, id, in, h.clock())
		if err != nil {
			return err
		}
		return c.Status(createdUnless(existing)).JSON(a)
	}
}

// apiPeriodIDs reads the person (a new period) or the period (an existing one) of the path.
func apiPeriodIDs(c *fiber.Ctx, k periodKind, existing bool) (person, id int64, err error) {
	if existing {
		id, err = periodID(c, k)
		return 0, id, err
	}
	person, err = web.PathID(c, "id", people.ErrNotFound)
	return person, 0, err
}

func createdUnless(existing bool) int {
	if existing {
		return fiber.StatusOK
	}
	return fiber.StatusCreated
}

func (h *Handlers) apiDeleteJob(c *fiber.Ctx) error {
	id, err := periodID(c, periodJob)
	if err != nil {
		return err
	}
	if _, err := h.svc.DeleteJob(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handlers) apiDeleteAbsence(c *fiber.Ctx) error {
	id, err := periodID(c, periodAbsence)
	if err != nil {
		return err
	}
	if _, err := h.svc.DeleteAbsence(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
