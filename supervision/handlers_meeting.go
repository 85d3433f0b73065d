package supervision

import "github.com/gofiber/fiber/v2"

// meetingRoutes lists the pages of the meeting area.
func (h *Handlers) meetingRoutes(r fiber.Router) {}

// meetingAPIRoutes lists the API of the meeting area.
func (h *Handlers) meetingAPIRoutes(r fiber.Router) {}
