package courses

import (
	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// partForm is one of the small forms of the course page (an accreditation, a module): the
// values typed and a message per wrong field.
type partForm struct {
	V      formValues
	Errors map[string]string
}

// courseView is what the course page shows: the course, its prerequisites, accreditations,
// curriculum and runs, with the warnings an administrator should act on.
type courseView struct {
	Course
	Prereqs        []Course
	Accreditations []accreditationRow
	Modules        []Module
	ModuleTheory   int
	ModulePractice int
	ModulesDiffer  bool
	Runs           []Listing
	// RunsPage and RunsPages place the page of runs shown among all the course's runs.
	RunsPage, RunsPages int
}

// accreditationRow is an accreditation with where it stands today ("valid", "expired",
// "future") and whether its hours differ from the course's.
type accreditationRow struct {
	Accreditation
	State   string
	Differs bool
}

func (h *Handlers) show(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	return h.renderCourse(c, id, partForm{}, partForm{}, fiber.StatusOK)
}

func (h *Handlers) renderCourse(c *fiber.Ctx, id int64, acc, mod partForm, status int) error {
	d, err := h.detail(c, id)
	if err != nil {
		return err
	}
	v := courseView{Course: d.Course, Modules: d.Modules}
	all, err := h.svc.store.Courses(c.UserContext())
	if err != nil {
		return err
	}
	for _, o := range all {
		for _, p := range d.Prerequisites {
			if o.ID == p {
				v.Prereqs = append(v.Prereqs, o)
			}
		}
	}
	today := PragueDay(h.clock())
	for _, a := range d.Accreditations {
		row := accreditationRow{Accreditation: a, State: "valid",
			Differs: a.TheoryHours != d.TheoryHours || a.PracticeHours != d.PracticeHours}
		switch {
		case today < a.ValidFrom:
			row.State = "future"
		case today > a.ValidUntil:
			row.State = "expired"
		}
		v.Accreditations = append(v.Accreditations, row)
	}
	v.ModuleTheory, v.ModulePractice = Curriculum(d.Modules)
	v.ModulesDiffer = len(d.Modules) > 0 && (v.ModuleTheory != d.TheoryHours || v.ModulePractice != d.PracticeHours)
	v.RunsPage = web.PageOfQuery(c)
	rf := RunFilter{CourseID: id, Limit: catalogPage, Offset: (v.RunsPage - 1) * catalogPage, Latest: true}
	if v.Runs, err = h.svc.store.Listings(c.UserContext(), rf); err != nil {
		return err
	}
	total, err := h.svc.store.CountRuns(c.UserContext(), rf)
	if err != nil {
		return err
	}
	v.RunsPages = (total + catalogPage - 1) / catalogPage
	if acc.V == nil {
		acc.V = formValues{"body": string(BodyMSMT)}
		if d.Kind == KindAccreditedSeminar {
			acc.V["body"] = string(BodyMPSV)
		}
	}
	return web.Render(c.Status(status), "courses/show", fiber.Map{
		"Title": d.Title, "Course": v, "AccForm": acc, "ModForm": mod, "Bodies": Bodies,
	})
}

var accreditationFields = []string{"body", "body_name", "number", "valid_from", "valid_until", "theory_hours",
	"practice_hours"}

func (h *Handlers) addAccreditation(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var f web.Fields
	v := readForm(c, accreditationFields...)
	in := AccreditInput{Body: Body(v["body"]), BodyName: v["body_name"], Number: v["number"],
		ValidFrom: v["valid_from"], ValidUntil: v["valid_until"], TheoryHours: v.optional(&f, "theory_hours"),
		PracticeHours: v.optional(&f, "practice_hours")}
	if len(f) > 0 {
		course, cerr := h.svc.store.Course(c.UserContext(), h.svc.db.R, id)
		if cerr != nil {
			return cerr
		}
		merge(&f, in.Accreditation(course).Validate())
		err = f.Err()
	} else {
		_, err = h.svc.AddAccreditation(c.UserContext(), web.Me(c), id, in, h.clock())
	}
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderCourse(c, id, partForm{V: v, Errors: errs}, partForm{}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/courses/"+itoa(id)+"#accreditations")
}

func (h *Handlers) addModule(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var f web.Fields
	v := readForm(c, "title", "theory_hours", "practice_hours")
	m := Module{CourseID: id, Title: v["title"], TheoryHours: v.integer(&f, "theory_hours"),
		PracticeHours: v.integer(&f, "practice_hours")}
	if len(f) > 0 {
		if _, err := h.svc.store.Course(c.UserContext(), h.svc.db.R, id); err != nil {
			return err
		}
		merge(&f, m.Validate())
		err = f.Err()
	} else {
		_, err = h.svc.AddModule(c.UserContext(), web.Me(c), m, h.clock())
	}
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderCourse(c, id, partForm{}, partForm{V: v, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/courses/"+itoa(id)+"#curriculum")
}

func (h *Handlers) deleteModule(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	moduleID, ok := web.ParamID(c, "module")
	if !ok {
		return web.NotFound("module.not_found")
	}
	if !web.Confirmed(c) {
		return h.confirmDeleteModule(c)
	}
	if err := h.svc.DeleteModule(c.UserContext(), web.Me(c), id, moduleID, h.clock()); err != nil {
		return err
	}
	return web.Redirect(c, "/courses/"+itoa(id)+"#curriculum")
}

func (h *Handlers) deleteAccreditation(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	accID, err := web.PathID(c, "accreditation", ErrAccreditationNotFound)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return h.confirmDeleteAccreditation(c)
	}
	if err := h.svc.DeleteAccreditation(c.UserContext(), web.Me(c), id, accID, h.clock()); err != nil {
		return err
	}
	return web.Redirect(c, "/courses/"+itoa(id)+"#accreditations")
}
