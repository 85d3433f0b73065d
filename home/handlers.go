package home

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// Handlers serves the front page and the health check.
type Handlers struct {
	db *db.DB
}

// NewHandlers returns the handlers over d.
func NewHandlers(d *db.DB) *Handlers { return &Handlers{db: d} }

// Routes lists the front page and the health check.
func (h *Handlers) Routes(r fiber.Router) {
	r.Get("/", h.index)
	r.Get("/healthz", h.health)
}

// index greets a signed-in person with their tiles and shows a visitor the runs open for
// enrolment.
func (h *Handlers) index(c *fiber.Ctx) error {
	var runs []courses.Listing
	if web.Me(c) == nil {
		var err error
		if runs, err = courses.NewStore(h.db).OpenRuns(c.UserContext()); err != nil {
			return err
		}
	}
	return web.Render(c, "home/index", fiber.Map{"Runs": runs})
}

// health answers 200 once the database answers a query, so that a load balancer or a
// supervisor sees a server that cannot reach its data as down.
func (h *Handlers) health(c *fiber.Ctx) error {
	if err := h.db.Ping(c.UserContext()); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ok"})
}
