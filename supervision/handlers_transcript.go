package supervision

import (
	"bytes"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// transcriptRoutes lists the transcript's page and its PDF. Anyone signed in may ask; the
// service shows a transcript to its holder, the coordinator of their region and admins.
func (h *Handlers) transcriptRoutes(r fiber.Router) {
	signedIn := web.Require()
	r.Get("/people/:id/transcript", signedIn, h.transcriptPage)
	r.Get("/people/:id/transcript.pdf", signedIn, h.transcriptPDF)
}

// transcriptAPIRoutes lists the transcript as JSON and as a PDF under /api/v1.
func (h *Handlers) transcriptAPIRoutes(r fiber.Router) {
	signedIn := web.Require()
	r.Get("/people/:id/transcript", signedIn, h.apiTranscript)
	r.Get("/people/:id/transcript.pdf", signedIn, h.transcriptPDF)
}

func (h *Handlers) transcript(c *fiber.Ctx) (Transcript, error) {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return Transcript{}, err
	}
	return h.svc.Transcript(c.UserContext(), web.Me(c), id, h.clock())
}

func (h *Handlers) transcriptPage(c *fiber.Ctx) error {
	t, err := h.transcript(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "supervision/transcript", fiber.Map{
		"Title": l.T("transcript.title", "Name", t.Person.FullName()), "T": t, "Years": yearRows(t.Years, l),
	})
}

// transcriptJSON is the transcript as the API gives it (API.md: courses, hours, certificates,
// supervisions, yearly hours against the target); hours are in minutes.
type transcriptJSON struct {
	Person        eduPersonJSON           `json:"person"`
	Courses       []CompletedCourse       `json:"courses"`
	CourseMinutes int                     `json:"course_minutes"`
	Certificates  []TranscriptCertificate `json:"certificates"`
	Supervisions  []AttendedSupervision   `json:"supervisions"`
	Years         []Year                  `json:"years"`
	YearlyHours   int                     `json:"yearly_hours"`
	MadeOn        string                  `json:"made_on"`
	PDF           string                  `json:"pdf_url"`
}

func (h *Handlers) apiTranscript(c *fiber.Ctx) error {
	t, err := h.transcript(c)
	if err != nil {
		return err
	}
	out := transcriptJSON{Person: eduPersonJSONOf(t.Person), Courses: eduList(t.Courses), Certificates: eduList(t.Certificates),
		Supervisions: eduList(t.Supervisions), Years: eduList(t.Years), YearlyHours: t.YearlyHours, MadeOn: t.Today,
		PDF: fmt.Sprintf("/api/v1/people/%d/transcript.pdf", t.Person.ID)}
	for _, cc := range t.Courses {
		out.CourseMinutes += cc.Hours() * 60
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// transcriptPDF sends the transcript as a PDF in the holder's language, rendered whole before
// answering, as a download that no cache keeps: it is about a person.
func (h *Handlers) transcriptPDF(c *fiber.Ctx) error {
	t, err := h.transcript(c)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := RenderTranscript(&buf, t, web.LocalizerIn(c, t.Person.Lang), h.clock()); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="vypis-%d-%s.pdf"`, t.Person.ID, t.Today))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
