package certificates

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// APIRoutes lists the JSON endpoints of certificates under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Post("/enrollments/:enrollment/certificate", admin, h.apiIssue)
	r.Post("/runs/:run/certificates", admin, h.apiIssueRun)
	r.Post("/certificates/:certificate/revoke", admin, h.apiRevoke)
	r.Post("/certificates/:certificate/duplicate", admin, h.apiDuplicate)
	h.holderAPIRoutes(r)
	h.registerAPIRoutes(r)
}

// issued is what issuing answers: the certificate's id, number, code and verification address.
type issued struct {
	ID        int64  `json:"id"`
	Number    string `json:"number"`
	Code      string `json:"code"`
	VerifyURL string `json:"verify_url"`
	Status    Status `json:"status"`
}

func issuedOf(c Certificate) issued {
	return issued{ID: c.ID, Number: c.Number, Code: c.Code, VerifyURL: c.Content.Verify, Status: c.Status}
}

func (h *Handlers) apiIssue(c *fiber.Ctx) error {
	id, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	cert, err := h.svc.Issue(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	c.Location("/api/v1/certificates/" + strconv.FormatInt(cert.ID, 10) + "/pdf")
	return c.Status(fiber.StatusCreated).JSON(issuedOf(cert))
}

func (h *Handlers) apiIssueRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	certs, skipped, err := h.svc.IssueRun(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	out := fiber.Map{"items": make([]issued, len(certs)), "skipped": make([]fiber.Map, len(skipped))}
	for i, cert := range certs {
		out["items"].([]issued)[i] = issuedOf(cert)
	}
	l := web.LocalizerOf(c)
	for i, s := range skipped {
		out["skipped"].([]fiber.Map)[i] = fiber.Map{"enrollment_id": s.EnrollmentID, "name": s.Name, "reason": l.Msg(s.Reason)}
	}
	status := fiber.StatusOK
	if len(certs) > 0 {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(out)
}

// certificateID reads the :certificate path parameter.
func certificateID(c *fiber.Ctx) (int64, error) { return web.PathID(c, "certificate", ErrNotFound) }

func (h *Handlers) apiRevoke(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	cert, err := h.svc.Revoke(c.UserContext(), web.Me(c), id, in.Reason, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(cert)
}

func (h *Handlers) apiDuplicate(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	cert, err := h.svc.Duplicate(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(cert)
}
