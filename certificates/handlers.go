package certificates

import (
	"time"

	"github.com/gofiber/fiber/v2"
)

// Handlers serves the certificate pages and API.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists the certificate pages.
func (h *Handlers) Routes(r fiber.Router) {
	h.holderRoutes(r)
	h.registerRoutes(r)
	h.verifyRoutes(r)
}
