package supervision

import "github.com/gofiber/fiber/v2"

// educationRoutes lists the pages of the education area.
func (h *Handlers) educationRoutes(r fiber.Router) {}

// educationAPIRoutes lists the API of the education area.
func (h *Handlers) educationAPIRoutes(r fiber.Router) {}
