package courses

import "github.com/gofiber/fiber/v2"

// These route groups are filled in by the pages of the catalog, the admin's editing, the
// lecturer's sessions and the calendar feeds.
func (h *Handlers) catalogRoutes(r fiber.Router)     {}
func (h *Handlers) adminRoutes(r fiber.Router)       {}
func (h *Handlers) lecturerRoutes(r fiber.Router)    {}
func (h *Handlers) calendarRoutes(r fiber.Router)    {}
func (h *Handlers) calendarAPIRoutes(r fiber.Router) {}
