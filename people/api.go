package people

import (
	"math"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// APIRoutes lists the JSON endpoints of people under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	admin := web.Require(web.RoleAdmin)
	r.Get("/me", web.Require(), h.apiMe)
	r.Get("/regions", h.apiRegions)
	r.Get("/people", staff, h.apiIndex)
	r.Post("/people", staff, h.apiCreate)
	r.Get("/people/:id", web.Require(), h.apiShow)
	r.Put("/people/:id", admin, h.apiUpdate)
	r.Post("/people/:id/deactivate", admin, h.apiSetActive(false))
	r.Post("/people/:id/activate", admin, h.apiSetActive(true))
	r.Get("/people/:id/evidence", staff, h.apiEvidence)
	r.Put("/people/:id/evidence", staff, h.apiSetEvidence)
	r.Get("/people/:id/identification", admin, h.apiIdentification)
	r.Put("/people/:id/identification", admin, h.apiSetIdentification)
}

func (h *Handlers) apiEvidence(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	ev, err := h.svc.Evidence(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(ev)
}

func (h *Handlers) apiSetEvidence(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in EvidenceInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	ev, err := h.svc.SetEvidence(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(ev)
}

// me is the signed-in person as /api/v1/me shows them.
type me struct {
	ID     int64      `json:"id"`
	Name   string     `json:"name"`
	Email  string     `json:"email"`
	Roles  []web.Role `json:"roles"`
	Region string     `json:"region,omitempty"`
}

func (h *Handlers) apiMe(c *fiber.Ctx) error {
	p := web.Me(c)
	return c.JSON(me{ID: p.ID, Name: p.Name, Email: p.Email, Roles: p.Roles, Region: p.Region})
}

func (h *Handlers) apiRegions(c *fiber.Ctx) error {
	rs, err := h.svc.store.Regions(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(web.Items(rs))
}

func (h *Handlers) apiIndex(c *fiber.Ctx) error {
	f := Filter{Search: c.Query("q"), Role: c.Query("role"), Region: c.Query("region"), Active: c.Query("active")}
	var err error
	if f.Limit, err = web.QueryInt(c, "limit", 100, 1, 500); err != nil {
		return err
	}
	if f.Offset, err = web.QueryInt(c, "offset", 0, 0, math.MaxInt32); err != nil {
		return err
	}
	list, total, err := h.svc.List(c.UserContext(), web.Me(c), f)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(list, total, f.Limit, f.Offset))
}

func (h *Handlers) apiCreate(c *fiber.Ctx) error {
	var in Input
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	p, err := h.svc.Create(c.UserContext(), web.Me(c), in, h.clock())
	if err != nil {
		return err
	}
	c.Location("/api/v1/people/" + strconv.FormatInt(p.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(p)
}

func (h *Handlers) apiShow(c *fiber.Ctx) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (h *Handlers) apiUpdate(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in Input
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	p, err := h.svc.Update(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(p)
}

func (h *Handlers) apiSetActive(active bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		p, err := h.svc.SetActive(c.UserContext(), web.Me(c), id, active, h.clock())
		if err != nil {
			return err
		}
		return c.JSON(p)
	}
}

func (h *Handlers) apiIdentification(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	out, err := h.svc.Identification(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(out)
}

func (h *Handlers) apiSetIdentification(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var in IdentificationInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	out, err := h.svc.SetIdentification(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(out)
}
