package supervision

import "github.com/gofiber/fiber/v2"

// statusRoutes lists the pages of the status area.
func (h *Handlers) statusRoutes(r fiber.Router) {}

// statusAPIRoutes lists the API of the status area.
func (h *Handlers) statusAPIRoutes(r fiber.Router) {}
