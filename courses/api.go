package courses

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// APIRoutes lists the JSON endpoints of the catalog and the schedule under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	admin := web.Require(web.RoleAdmin)
	r.Get("/courses", web.Shared, h.apiCourses)
	r.Post("/courses", admin, h.apiCreateCourse)
	r.Get("/courses/:course", web.Shared, h.apiCourse)
	r.Put("/courses/:course", admin, h.apiUpdateCourse)
	r.Post("/courses/:course/accreditations", admin, h.apiAddAccreditation)
	r.Delete("/courses/:course/accreditations/:accreditation", admin, h.apiDeleteAccreditation)
	r.Post("/courses/:course/modules", admin, h.apiAddModule)
	r.Post("/courses/:course/runs", admin, h.apiCreateRun)
	r.Get("/runs", web.Shared, h.apiRuns)
	r.Get("/runs/:run", web.Shared, h.apiRun)
	r.Put("/runs/:run", admin, h.apiUpdateRun)
	r.Post("/runs/:run/status", admin, h.apiSetStatus)
	r.Post("/runs/:run/sessions", admin, h.apiAddSessions)
	r.Put("/sessions/:session", admin, h.apiUpdateSession)
	r.Post("/sessions/:session/cancel", admin, h.apiCancelSession)
	h.calendarAPIRoutes(r)
}

// courseDetail is a course with what belongs to it.
type courseDetail struct {
	Course
	Accreditations []Accreditation `json:"accreditations"`
	Modules        []Module        `json:"modules"`
}

func (h *Handlers) detail(c *fiber.Ctx, id int64) (courseDetail, error) {
	ctx, q := c.UserContext(), h.svc.db.R
	course, err := h.svc.store.Course(ctx, q, id)
	if err != nil {
		return courseDetail{}, err
	}
	accs, err := h.svc.store.Accreditations(ctx, q, id)
	if err != nil {
		return courseDetail{}, err
	}
	mods, err := h.svc.store.Modules(ctx, q, id)
	if err != nil {
		return courseDetail{}, err
	}
	return courseDetail{Course: course, Accreditations: nonNil(accs), Modules: nonNil(mods)}, nil
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func (h *Handlers) apiCourses(c *fiber.Ctx) error {
	cs, err := h.svc.store.Courses(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(web.Items(cs))
}

func (h *Handlers) apiCourse(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	d, err := h.detail(c, id)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *Handlers) apiCreateCourse(c *fiber.Ctx) error {
	var in CourseInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	course, err := h.svc.SaveCourse(c.UserContext(), web.Me(c), 0, in, h.clock())
	if err != nil {
		return err
	}
	d, err := h.detail(c, course.ID)
	if err != nil {
		return err
	}
	c.Location("/api/v1/courses/" + strconv.FormatInt(course.ID, 10))
	return c.Status(fiber.StatusCreated).JSON(d)
}

func (h *Handlers) apiUpdateCourse(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var in CourseInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	if in.Accreditation != nil {
		var f web.Fields
		f.Add("accreditation", "course.accreditation.separately")
		return f.Err()
	}
	if _, err := h.svc.SaveCourse(c.UserContext(), web.Me(c), id, in, h.clock()); err != nil {
		return err
	}
	d, err := h.detail(c, id)
	if err != nil {
		return err
	}
	return c.JSON(d)
}

func (h *Handlers) apiAddAccreditation(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var in AccreditInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	a, err := h.svc.AddAccreditation(c.UserContext(), web.Me(c), id, in, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(a)
}

func (h *Handlers) apiAddModule(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	var in struct {
		Title         string `json:"title"`
		TheoryHours   int    `json:"theory_hours"`
		PracticeHours int    `json:"practice_hours"`
	}
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	m, err := h.svc.AddModule(c.UserContext(), web.Me(c), Module{CourseID: id, Title: in.Title,
		TheoryHours: in.TheoryHours, PracticeHours: in.PracticeHours}, h.clock())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(m)
}

// runDetail is a run with its course's title, the accreditation that applies and its sessions.
type runDetail struct {
	Run
	CourseTitle   string         `json:"course_title"`
	Kind          Kind           `json:"kind"`
	Accreditation *Accreditation `json:"accreditation"`
	Sessions      []Session      `json:"sessions"`
	Scheduled     struct {
		TheoryMinutes   int `json:"theory_minutes"`
		PracticeMinutes int `json:"practice_minutes"`
	} `json:"scheduled"`
	// JoinLink is the online run's join link, present only for those who may see it.
	JoinLink string `json:"join_link,omitempty"`
}

func (h *Handlers) runDetail(c *fiber.Ctx, id int64) (runDetail, error) {
	ctx, q := c.UserContext(), h.svc.db.R
	r, err := h.svc.store.Run(ctx, q, id)
	if err != nil {
		return runDetail{}, err
	}
	course, err := h.svc.store.Course(ctx, q, r.CourseID)
	if err != nil {
		return runDetail{}, err
	}
	accs, err := h.svc.store.Accreditations(ctx, q, r.CourseID)
	if err != nil {
		return runDetail{}, err
	}
	ss, err := h.svc.store.Sessions(ctx, q, id)
	if err != nil {
		return runDetail{}, err
	}
	d := runDetail{Run: r, CourseTitle: course.Title, Kind: course.Kind, Sessions: []Session{}}
	if a, ok := Applicable(accs, r.StartsOn); ok {
		d.Accreditation = &a
	}
	for _, s := range ss {
		d.Sessions = append(d.Sessions, s)
	}
	d.Scheduled.TheoryMinutes, d.Scheduled.PracticeMinutes = Scheduled(ss)
	own, err := h.own(c, r.ID)
	if err != nil {
		return runDetail{}, err
	}
	if d.JoinLink, _, err = h.joinLink(c, r, own); err != nil {
		return runDetail{}, err
	}
	return d, nil
}

// visible reports whether the caller may see a run: staff see every run, others every run but
// a planned one, which is still a draft. A cancelled run stays visible with its reason, so
// whoever had it in mind learns why.
func visible(c *fiber.Ctx, r Run) bool {
	if web.Me(c).Has(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer) {
		return true
	}
	return r.Status != StatusPlanned
}

func (h *Handlers) apiRuns(c *fiber.Ctx) error {
	f := RunFilter{Kind: Kind(c.Query("kind")), Region: strings.ToUpper(c.Query("region")), From: c.Query("from"), To: c.Query("to")}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		return web.BadRequest("error.query.kind")
	}
	if v := c.Query("course"); v != "" {
		id, ok := web.ParseID(v)
		if !ok {
			return web.BadRequest("error.query.id", "Name", "course")
		}
		f.CourseID = id
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !isDate(d) {
			return web.BadRequest("error.query.date")
		}
	}
	if st := Status(c.Query("status")); st != "" {
		if !slices.Contains(Statuses, st) {
			return web.BadRequest("error.query.status")
		}
		f.Status = []Status{st}
	}
	var err error
	if f.Limit, f.Offset, err = web.Limits(c); err != nil {
		return err
	}
	if err := people.NewStore(h.svc.db).RegionFilter(c.UserContext(), f.Region); err != nil {
		return err
	}
	staff := web.Me(c).Has(web.RoleAdmin, web.RoleCoordinator, web.RoleLecturer)
	if !staff {
		// Visitors and trainees see the catalog: runs open for enrolment, unless they ask for
		// running or finished ones; drafts stay hidden.
		switch {
		case len(f.Status) == 0:
			f.Status = []Status{StatusOpen}
		case f.Status[0] == StatusPlanned:
			return c.JSON(web.PageOf([]Run{}, 0, f.Limit, f.Offset))
		}
	}
	runs, err := h.svc.store.Runs(c.UserContext(), f)
	if err != nil {
		return err
	}
	total, err := h.svc.store.CountRuns(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(runs, total, f.Limit, f.Offset))
}

func (h *Handlers) apiRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	d, err := h.runDetail(c, id)
	if err != nil {
		return err
	}
	if !visible(c, d.Run) {
		return ErrRunNotFound
	}
	return c.JSON(d)
}

func (h *Handlers) apiDeleteAccreditation(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	accID, err := web.PathID(c, "accreditation", ErrAccreditationNotFound)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteAccreditation(c.UserContext(), web.Me(c), id, accID, h.clock()); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
