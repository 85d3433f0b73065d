package attendance

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// enrollmentAPIRoutes are the enrolment endpoints that show progress beside an enrolment: the
// roster of a run and one enrolment. They are served here, above enrollment, because progress
// is attendance's.
func (h *Handlers) enrollmentAPIRoutes(r fiber.Router) {
	r.Get("/runs/:run/enrollments", web.Require(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer), h.apiRoster)
	r.Get("/enrollments/:enrollment", web.Require(), h.apiShow)
}

// Progressed is an enrolment with its progress, as the API shows it.
type Progressed struct {
	enrollment.Enrollment
	Progress *Report `json:"progress,omitempty"`
}

func (h *Handlers) apiRoster(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	r, err := h.svc.courses.Run(c.UserContext(), h.svc.db.R, run)
	if err != nil {
		return err
	}
	es, err := enrollment.VisibleRoster(c.UserContext(), h.svc.db.R, web.Me(c), r)
	if err != nil {
		return err
	}
	rows, err := h.withProgress(c, r, es)
	if err != nil {
		return err
	}
	return c.JSON(web.Items(rows))
}

func (h *Handlers) apiShow(c *fiber.Ctx) error {
	eid, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	e, err := enrollment.Get(c.UserContext(), h.svc.db.R, eid)
	if err != nil {
		return err
	}
	me := web.Me(c)
	r, err := h.svc.courses.Run(c.UserContext(), h.svc.db.R, e.RunID)
	if err != nil {
		return err
	}
	// Who may read one enrolment is who may read the roster it stands on (VisibleRoster), and
	// the person themself.
	if !(me.ID == e.PersonID || me.Has(web.RoleAdmin) || me.CoordinatesRegion(e.Region) ||
		(me.Has(web.RoleLecturer) && slices.Contains(r.LecturerIDs, me.ID))) {
		if me.Has(web.RoleCoordinator) {
			return web.Forbidden()
		}
		return enrollment.ErrNotFound
	}
	rep, err := h.svc.ReportOf(c.UserContext(), e, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(Progressed{Enrollment: e, Progress: &rep})
}
