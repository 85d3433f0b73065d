package certificates

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// runZIP sends the PDFs of a run's certificates as one archive to an admin (the routes are in
// holderRoutes and holderAPIRoutes).
func (h *Handlers) runZIP(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	b, err := h.svc.ZIP(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return sendFile(c, "application/zip", ZIPName(id), b)
}
