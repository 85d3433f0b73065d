package certificates

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// holderRoutes lists the pages of a holder: their certificates and each one's PDF. Anyone
// signed in may hold certificates (a lecturer who took a course too), so these ask for no
// role; the service shows a certificate to its holder and to admins only. The ZIP of a run's
// PDFs (handlers_zip.go) is listed here too, being the other download of stored PDFs.
func (h *Handlers) holderRoutes(r fiber.Router) {
	signedIn := web.Require()
	r.Get("/my/certificates", signedIn, h.mine)
	r.Get("/certificates/:certificate/pdf", signedIn, h.download)
	r.Get("/runs/:run/certificates.zip", web.Require(web.RoleAdmin), h.runZIP)
}

// holderAPIRoutes lists the same under /api/v1.
func (h *Handlers) holderAPIRoutes(r fiber.Router) {
	signedIn := web.Require()
	r.Get("/me/certificates", signedIn, h.apiMine)
	r.Get("/certificates/:certificate/pdf", signedIn, h.download)
	r.Get("/runs/:run/certificates.zip", web.Require(web.RoleAdmin), h.runZIP)
}

// mineItem is one of a holder's certificates as their list shows it, on the page and in the
// API: what it is for, where it stands today and where to get it.
type mineItem struct {
	ID            int64  `json:"id"`
	Number        string `json:"number"`
	Code          string `json:"code"`
	Course        string `json:"course"`
	Kind          string `json:"kind"`
	Hours         int    `json:"hours"`
	TheoryHours   int    `json:"theory_hours"`
	PracticeHours int    `json:"practice_hours"`
	RunStartsOn   string `json:"run_starts_on,omitempty"`
	RunEndsOn     string `json:"run_ends_on,omitempty"`
	IssuedOn      string `json:"issued_on"`
	ValidUntil    string `json:"valid_until,omitempty"`
	Status        Status `json:"status"`
	RevokedOn     string `json:"revoked_on,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Duplicates    int    `json:"duplicates"`
	VerifyURL     string `json:"verify_url,omitempty"`
	PDF           string `json:"pdf_url"`
}

func mineItemOf(c Certificate, pdfBase string) mineItem {
	it := mineItem{ID: c.ID, Number: c.Number, Code: c.Code, Course: c.Content.Course, Kind: c.Content.Kind,
		Hours: c.Content.TheoryHours + c.Content.PracticeHours, TheoryHours: c.Content.TheoryHours,
		PracticeHours: c.Content.PracticeHours, RunStartsOn: c.Content.RunStartsOn, RunEndsOn: c.Content.RunEndsOn,
		IssuedOn: c.IssuedOn, Status: c.Status, Reason: c.RevokeReason, Duplicates: c.Duplicates,
		VerifyURL: c.Content.Verify, PDF: pdfBase + strconv.FormatInt(c.ID, 10) + "/pdf"}
	if c.ValidUntil != nil {
		it.ValidUntil = *c.ValidUntil
	}
	if c.RevokedOn != nil {
		it.RevokedOn = *c.RevokedOn
	}
	return it
}

// mine lists the signed-in person's certificates.
func (h *Handlers) mine(c *fiber.Ctx) error {
	certs, err := h.svc.Mine(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	items := make([]mineItem, len(certs))
	for i, cert := range certs {
		items[i] = mineItemOf(cert, "/certificates/")
	}
	// The list names the holder's courses and their results: personal, so no cache keeps it.
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "certificates/mine", fiber.Map{"Title": web.LocalizerOf(c).T("my_certificates.title"), "Items": items})
}

// apiMine is the signed-in person's certificates as JSON.
func (h *Handlers) apiMine(c *fiber.Ctx) error {
	certs, err := h.svc.Mine(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	items := make([]mineItem, len(certs))
	for i, cert := range certs {
		items[i] = mineItemOf(cert, "/api/v1/certificates/")
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"items": items})
}

// download sends a certificate's stored PDF, as it was issued, to its holder or an admin;
// anyone else is told it does not exist. ?duplicate=1 sends the latest duplicate instead,
// and says so plainly when none was made.
func (h *Handlers) download(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	ctx, me, now := c.UserContext(), web.Me(c), h.clock()
	dup := c.QueryBool("duplicate", false)
	if dup {
		cert, err := h.svc.Get(ctx, me, id, now)
		if err != nil {
			return err
		}
		if cert.Duplicates == 0 {
			return web.NotFound("certificate.duplicate.none")
		}
	}
	b, name, err := h.svc.PDF(ctx, me, id, dup, now)
	if err != nil {
		return err
	}
	return sendFile(c, "application/pdf", name, b)
}

// sendFile answers with a download that no cache keeps: certificates carry a date of birth.
// The names come from FileName and the run's id, plain ASCII, so they need no quoting.
func sendFile(c *fiber.Ctx, contentType, name string, b []byte) error {
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(b)
}
