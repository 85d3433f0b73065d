package courses

import "github.com/gofiber/fiber/v2"

// Placeholders until the calendar feeds exist.
func (h *Handlers) calendarRoutes(r fiber.Router)    {}
func (h *Handlers) calendarAPIRoutes(r fiber.Router) {}
