package attendance

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

// Service holds the use cases of attendance, exams and completion. Each change runs in one write
// transaction that also writes its audit entry and settles completion.
type Service struct {
	db         *db.DB
	courses    *courses.Store
	people     *people.Store
	enrollment *enrollment.Service
	// CheckinKey signs the codes of self check-in; without it nobody can check in.
	CheckinKey []byte
}

// NewService returns the attendance service over d, beside the enrolment service es.
func NewService(d *db.DB, es *enrollment.Service) *Service {
	return &Service{db: d, courses: courses.NewStore(d), people: people.NewStore(d), enrollment: es}
}

// Handlers serves the attendance pages and API.
type Handlers struct {
	svc   *Service
	clock func() time.Time
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists the attendance pages.
func (h *Handlers) Routes(r fiber.Router) {
	h.pdfRoutes(r)
	h.attendancePageRoutes(r)
	h.completionRoutes(r)
	r.Get("/my/courses", web.Require(), h.myCourses)
}

// myCourses lists the signed-in person's applications, with the progress and the sessions
// ahead of the runs they are enrolled in (handlers_progress.go).
func (h *Handlers) myCourses(c *fiber.Ctx) error {
	return h.renderMyCourses(c, nil, nil, fiber.StatusOK)
}

// APIRoutes lists the JSON endpoints of attendance under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	h.attendanceAPIRoutes(r)
	h.pdfAPIRoutes(r)
	h.completionAPIRoutes(r)
	h.enrollmentAPIRoutes(r)
}
