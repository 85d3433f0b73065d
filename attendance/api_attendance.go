package attendance

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// attendanceAPIRoutes lists the JSON endpoints of attendance, exams and completion.
func (h *Handlers) attendanceAPIRoutes(r fiber.Router) {
	signedIn := web.Require()
	teachers := web.Require(web.RoleAdmin, web.RoleLecturer)
	r.Get("/sessions/:session/attendance", teachers, h.apiAttendance)
	r.Put("/sessions/:session/attendance", teachers, h.apiSaveAttendance)
	r.Post("/sessions/:session/apology", web.Require(web.RoleTrainee), h.apiApologise)
	r.Delete("/sessions/:session/apology", web.Require(web.RoleTrainee), h.apiTakeBackApology)
	r.Get("/sessions/:session/checkin-code", teachers, h.apiCheckinCode)
	r.Post("/sessions/:session/checkin", signedIn, h.apiCheckin)
	r.Put("/enrollments/:enrollment/exam", teachers, h.apiExam)
	r.Get("/runs/:run/completion", web.Require(web.RoleAdmin, web.RoleLecturer, web.RoleCoordinator), h.apiCompletion)
}

func sessionID(c *fiber.Ctx) (int64, error) {
	return web.PathID(c, "session", courses.ErrSessionNotFound)
}

func (h *Handlers) apiAttendance(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	sh, err := h.svc.Attendance(c.UserContext(), web.Me(c), id)
	if err != nil {
		return err
	}
	return c.JSON(sh)
}

func (h *Handlers) apiSaveAttendance(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	var marks []MarkInput
	if err := web.DecodeJSON(c, &marks); err != nil {
		return err
	}
	sh, err := h.svc.SaveAttendance(c.UserContext(), web.Me(c), id, marks, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(sh)
}

func (h *Handlers) apiApologise(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	var in struct {
		Note string `json:"note"`
	}
	if len(c.Body()) > 0 {
		if err := web.DecodeJSON(c, &in); err != nil {
			return err
		}
	}
	l, err := h.svc.Apologise(c.UserContext(), web.Me(c), id, in.Note, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(l)
}

func (h *Handlers) apiTakeBackApology(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	if err := h.svc.TakeBackApology(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// apiCheckinCode gives the current check-in code and address of a session to those who teach
// it, so that a lecturer's own device or display can show it.
func (h *Handlers) apiCheckinCode(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	sh, err := h.svc.Attendance(c.UserContext(), web.Me(c), id)
	if err != nil {
		return err
	}
	now := h.clock()
	if !CheckinOpen(sh.Session, now) {
		return web.Conflict("attendance.checkin.closed")
	}
	code := h.svc.CheckinCode(id, now)
	return c.JSON(fiber.Map{"code": code, "path": checkinPath(id, code),
		"valid_until": now.Truncate(CheckinPeriod).Add(2 * CheckinPeriod).UTC()})
}

// checkinPath is the page a scanned code opens.
func checkinPath(sessionID int64, code string) string {
	return fmt.Sprintf("/checkin/%d/%s", sessionID, code)
}

func (h *Handlers) apiCheckin(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	var in struct {
		Code string `json:"code"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	l, err := h.svc.Checkin(c.UserContext(), web.Me(c), id, in.Code, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(l)
}

func (h *Handlers) apiExam(c *fiber.Ctx) error {
	id, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	var in ExamInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	sh, err := h.svc.RecordExam(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(Progressed{Enrollment: sh.Enrollment, Progress: &sh.Report})
}

func (h *Handlers) apiCompletion(c *fiber.Ctx) error {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	t, err := h.svc.Completion(c.UserContext(), web.Me(c), run, h.clock())
	if err != nil {
		return err
	}
	return c.JSON(t)
}

// withProgress puts the reports beside enrolments of one run.
func (h *Handlers) withProgress(c *fiber.Ctx, r courses.Run, es []enrollment.Enrollment) ([]Progressed, error) {
	reps, err := h.svc.reports(c.UserContext(), h.svc.db.R, r, 0, h.clock())
	if err != nil {
		return nil, err
	}
	out := make([]Progressed, len(es))
	for i, e := range es {
		rep := reps[e.ID].of(e)
		out[i] = Progressed{Enrollment: e, Progress: &rep}
	}
	return out, nil
}
