package home

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/supervision"
	"mentorlms/web"
)

// Handlers serves the front page and the health check.
type Handlers struct {
	db           *db.DB
	att          *attendance.Service
	courses      *courses.Store
	clock        func() time.Time
	recordMaxAge int
	supervision  *supervision.Service
	// Issuable tells the admin's dashboard whether certificates can be issued (the issuer is
	// configured); certificates lives above home's dependencies here, so cmd plugs it in.
	Issuable func() error
}

// NewHandlers returns the handlers over d. The dashboard reads progress through att,
// supervision through sup, and judges record extracts by recordMaxAge days (0: enrollment's
// default).
func NewHandlers(d *db.DB, att *attendance.Service, sup *supervision.Service, recordMaxAge int, clock func() time.Time) *Handlers {
	if recordMaxAge <= 0 {
		recordMaxAge = enrollment.DefaultRecordMaxAge
	}
	return &Handlers{db: d, att: att, supervision: sup, courses: courses.NewStore(d), clock: clock, recordMaxAge: recordMaxAge}
}

// Routes lists the front page and the health check.
func (h *Handlers) Routes(r fiber.Router) {
	r.Get("/", web.Shared, h.index)
	r.Get("/healthz", h.health)
}

// index greets a signed-in person with their dashboard and shows a visitor the runs open for
// enrolment.
func (h *Handlers) index(c *fiber.Ctx) error {
	me := web.Me(c)
	if me == nil {
		runs, err := h.courses.OpenRuns(c.UserContext())
		if err != nil {
			return err
		}
		return web.Render(c, "home/index", fiber.Map{"Runs": runs})
	}
	d, err := h.build(c.UserContext(), web.LocalizerOf(c), me, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "home/index", fiber.Map{"Title": web.LocalizerOf(c).T("nav.home"), "D": d})
}

// health answers 200 once the database answers a query, so that a load balancer or a
// supervisor sees a server that cannot reach its data as down.
func (h *Handlers) health(c *fiber.Ctx) error {
	if err := h.db.Ping(c.UserContext()); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ok"})
}
