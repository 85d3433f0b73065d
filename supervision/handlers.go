package supervision

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// Handlers serves the supervision pages and API.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists the supervision pages, area by area.
func (h *Handlers) Routes(r fiber.Router) {
	h.meetingRoutes(r)
	h.cadenceRoutes(r)
	h.statusRoutes(r)
	h.evaluationRoutes(r)
	h.educationRoutes(r)
	h.transcriptRoutes(r)
}

// APIRoutes lists the supervision API under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	h.meetingAPIRoutes(r)
	h.cadenceAPIRoutes(r)
	h.statusAPIRoutes(r)
	h.evaluationAPIRoutes(r)
	h.educationAPIRoutes(r)
	h.transcriptAPIRoutes(r)
}
