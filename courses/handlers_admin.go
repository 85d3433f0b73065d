package courses

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// adminRoutes are the administrator's pages that keep the catalog and the schedule.
func (h *Handlers) adminRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/courses", admin, h.index)
	r.Get("/courses/new", admin, h.new)
	r.Post("/courses", admin, h.create)
	r.Get("/courses/:course", admin, h.show)
	r.Get("/courses/:course/edit", admin, h.edit)
	r.Post("/courses/:course", admin, h.update)
	r.Post("/courses/:course/accreditations", admin, h.addAccreditation)
	r.Post("/courses/:course/modules", admin, h.addModule)
	r.Post("/courses/:course/modules/:module/delete", admin, h.deleteModule)
	r.Post("/courses/:course/accreditations/:accreditation/delete", admin, h.deleteAccreditation)
	r.Get("/courses/:course/runs/new", admin, h.newRun)
	r.Post("/courses/:course/runs", admin, h.createRun)
	r.Get("/runs/:run/edit", admin, h.editRun)
	r.Post("/runs/:run", admin, h.updateRun)
	r.Post("/runs/:run/status", admin, h.setStatus)
	r.Get("/runs/:run/sessions/new", admin, h.newSessions)
	r.Post("/runs/:run/sessions", admin, h.createSessions)
	r.Get("/sessions/:session/edit", admin, h.editSession)
	r.Post("/sessions/:session", admin, h.updateSession)
	r.Post("/sessions/:session/cancel", admin, h.cancelSession)
}

func (h *Handlers) index(c *fiber.Ctx) error {
	cs, err := h.svc.store.Courses(c.UserContext())
	if err != nil {
		return err
	}
	return web.Render(c, "courses/index", fiber.Map{"Title": h.t(c, "courses.title"), "Courses": cs})
}

// courseForm is what the course form shows: the values typed, the prerequisites ticked and a
// message per wrong field.
type courseForm struct {
	ID      int64
	V       formValues
	Prereqs []string
	Errors  map[string]string
}

var courseFields = []string{"code", "title", "kind", "description", "target_group", "theory_hours", "practice_hours",
	"theory_minutes_per_hour", "practice_minutes_per_hour", "min_attendance_pct", "validity_months", "min_age"}

func (h *Handlers) renderCourseForm(c *fiber.Ctx, fm courseForm, status int) error {
	all, err := h.svc.store.Courses(c.UserContext())
	if err != nil {
		return err
	}
	others := make([]Course, 0, len(all))
	for _, o := range all {
		if o.ID != fm.ID {
			others = append(others, o)
		}
	}
	key := "courses.new.title"
	if fm.ID != 0 {
		key = "courses.edit.title"
	}
	return web.Render(c.Status(status), "courses/form", fiber.Map{
		"Title": h.t(c, key), "Form": fm, "Kinds": Kinds, "Others": others,
	})
}

func (h *Handlers) new(c *fiber.Ctx) error {
	v := formValues{"kind": string(KindCourse), "theory_minutes_per_hour": "45", "practice_minutes_per_hour": "60",
		"min_attendance_pct": "80", "min_age": "18", "requires_exam": "", "requires_birth_place": ""}
	return h.renderCourseForm(c, courseForm{V: v}, fiber.StatusOK)
}

// parseCourse reads the course form; f holds the values that are not numbers where numbers
// belong.
func parseCourse(c *fiber.Ctx) (CourseInput, formValues, []string, web.Fields) {
	var f web.Fields
	v := readForm(c, courseFields...)
	for _, box := range []string{"requires_exam", "requires_birth_place"} {
		if checked(c, box) {
			v[box] = "1"
		}
	}
	pre, raw := ids(c, &f, "prerequisite_ids")
	in := CourseInput{Code: v["code"], Title: v["title"], Kind: Kind(v["kind"]), Description: v["description"],
		TargetGroup: v["target_group"], TheoryHours: v.integer(&f, "theory_hours"),
		PracticeHours: v.integer(&f, "practice_hours"), TheoryMinutes: v.optional(&f, "theory_minutes_per_hour"),
		PracticeMinutes: v.optional(&f, "practice_minutes_per_hour"), MinAttendancePct: v.optional(&f, "min_attendance_pct"),
		RequiresExam: v["requires_exam"] != "", RequiresBirthPlace: v["requires_birth_place"] != "", ValidityMonths: v.integer(&f, "validity_months"),
		MinAge: v.optional(&f, "min_age"), Prerequisites: pre}
	return in, v, raw, f
}

// saveCourse creates (id 0) or changes a course from the form.
func (h *Handlers) saveCourse(c *fiber.Ctx, id int64) error {
	in, v, raw, f := parseCourse(c)
	var err error
	if len(f) > 0 {
		course := in.Course()
		course.ID = id
		merge(&f, course.Validate())
		err = f.Err()
	} else {
		var saved Course
		if saved, err = h.svc.SaveCourse(c.UserContext(), web.Me(c), id, in, h.clock()); err == nil {
			id = saved.ID
		}
	}
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderCourseForm(c, courseForm{ID: id, V: v, Prereqs: raw, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/courses/"+itoa(id))
}

func (h *Handlers) create(c *fiber.Ctx) error { return h.saveCourse(c, 0) }

func (h *Handlers) update(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	if _, err := h.svc.store.Course(c.UserContext(), h.svc.db.R, id); err != nil {
		return err
	}
	return h.saveCourse(c, id)
}

func (h *Handlers) edit(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	co, err := h.svc.store.Course(c.UserContext(), h.svc.db.R, id)
	if err != nil {
		return err
	}
	n := strconv.Itoa
	v := formValues{"code": co.Code, "title": co.Title, "kind": string(co.Kind), "description": co.Description,
		"target_group": co.TargetGroup, "theory_hours": n(co.TheoryHours), "practice_hours": n(co.PracticeHours),
		"theory_minutes_per_hour": n(co.TheoryMinutes), "practice_minutes_per_hour": n(co.PracticeMinutes),
		"min_attendance_pct": n(co.MinAttendancePct), "validity_months": n(co.ValidityMonths), "min_age": n(co.MinAge)}
	if co.RequiresExam {
		v["requires_exam"] = "1"
	}
	if co.RequiresBirthPlace {
		v["requires_birth_place"] = "1"
	}
	var pre []string
	for _, p := range co.Prerequisites {
		pre = append(pre, itoa(p))
	}
	return h.renderCourseForm(c, courseForm{ID: id, V: v, Prereqs: pre}, fiber.StatusOK)
}
