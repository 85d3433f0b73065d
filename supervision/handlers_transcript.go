package supervision

import "github.com/gofiber/fiber/v2"

// transcriptRoutes lists the pages of the transcript area.
func (h *Handlers) transcriptRoutes(r fiber.Router) {}

// transcriptAPIRoutes lists the API of the transcript area.
func (h *Handlers) transcriptAPIRoutes(r fiber.Router) {}
