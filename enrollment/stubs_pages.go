package enrollment

import "github.com/gofiber/fiber/v2"

// pageRoutes is a placeholder until the enrolment pages exist.
func (h *Handlers) pageRoutes(r fiber.Router) {}
