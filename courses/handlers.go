package courses

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// Handlers serves the pages, feeds and API of the catalog and the schedule.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists every page of the catalog and the schedule. Path parameters are named for what
// they hold (:course, :run, :session) so that the route table reads unambiguously.
func (h *Handlers) Routes(r fiber.Router) {
	h.catalogRoutes(r)
	h.adminRoutes(r)
	h.lecturerRoutes(r)
	h.calendarRoutes(r)
}

// param reads an id path parameter; anything but a positive integer is the given not-found.
func param(c *fiber.Ctx, name string, nf *web.Error) (int64, error) {
	id, ok := web.ParamID(c, name)
	if !ok {
		return 0, nf
	}
	return id, nil
}
