package courses

import "github.com/gofiber/fiber/v2"

// Placeholders until the pages of the catalog, the admin's editing and the lecturer's sessions
// exist.
func (h *Handlers) catalogRoutes(r fiber.Router)  {}
func (h *Handlers) adminRoutes(r fiber.Router)    {}
func (h *Handlers) lecturerRoutes(r fiber.Router) {}
