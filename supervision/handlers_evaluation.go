package supervision

import "github.com/gofiber/fiber/v2"

// evaluationRoutes lists the pages of the evaluation area.
func (h *Handlers) evaluationRoutes(r fiber.Router) {}

// evaluationAPIRoutes lists the API of the evaluation area.
func (h *Handlers) evaluationAPIRoutes(r fiber.Router) {}
