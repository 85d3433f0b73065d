package enrollment

import "github.com/gofiber/fiber/v2"

// Routes lists the enrolment pages.
func (h *Handlers) Routes(r fiber.Router) {
	h.pageRoutes(r)
	h.staffRoutes(r)
}
