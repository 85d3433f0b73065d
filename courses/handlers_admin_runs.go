package courses

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// runForm is what the run form shows: the values typed, the lecturers ticked and a message per
// wrong field. ID is 0 for a new run.
type runForm struct {
	ID          int64
	CourseID    int64
	CourseTitle string
	V           formValues
	Lecturers   []string
	Errors      map[string]string
}

var runFields = []string{"starts_on", "ends_on", "town", "address", "join_link", "region", "capacity", "status"}

func (h *Handlers) renderRunForm(c *fiber.Ctx, fm runForm, status int) error {
	ctx := c.UserContext()
	course, err := h.svc.store.Course(ctx, h.svc.db.R, fm.CourseID)
	if err != nil {
		return err
	}
	fm.CourseTitle = course.Title
	lecturers, err := h.svc.store.Lecturers(ctx)
	if err != nil {
		return err
	}
	regions, err := people.NewStore(h.svc.db).Regions(ctx)
	if err != nil {
		return err
	}
	key := "runs.new.title"
	if fm.ID != 0 {
		key = "runs.edit.title"
	}
	return web.Render(c.Status(status), "courses/run_form", fiber.Map{
		"Title": h.t(c, key), "Form": fm, "Lecturers": lecturers, "Regions": regions,
		"Initial": []Status{StatusPlanned, StatusOpen},
	})
}

func (h *Handlers) newRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	v := formValues{"status": string(StatusPlanned)}
	return h.renderRunForm(c, runForm{CourseID: id, V: v}, fiber.StatusOK)
}

// parseRun reads the run form.
func parseRun(c *fiber.Ctx) (RunInput, formValues, []string, web.Fields) {
	var f web.Fields
	v := readForm(c, runFields...)
	if checked(c, "online") {
		v["online"] = "1"
	}
	lecturers, raw := ids(c, &f, "lecturer_ids")
	in := RunInput{StartsOn: v["starts_on"], EndsOn: v["ends_on"], Online: v["online"] != "", Town: v["town"],
		Address: v["address"], JoinLink: v["join_link"], Region: v["region"], Capacity: v.integer(&f, "capacity"),
		LecturerIDs: lecturers, Status: Status(v["status"])}
	return in, v, raw, f
}

// saveRun creates (id 0) or changes a run of a course from the form.
func (h *Handlers) saveRun(c *fiber.Ctx, courseID, id int64) error {
	in, v, raw, f := parseRun(c)
	var err error
	if len(f) > 0 {
		merge(&f, in.Run(courseID).Validate())
		if id != 0 {
			delete(f, "status") // an existing run changes status by its own buttons
		}
		err = f.Err()
	} else {
		var saved Run
		if saved, err = h.svc.SaveRun(c.UserContext(), web.Me(c), courseID, id, in, h.clock()); err == nil {
			id = saved.ID
		}
	}
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderRunForm(c, runForm{ID: id, CourseID: courseID, V: v, Lecturers: raw, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/runs/"+itoa(id))
}

func (h *Handlers) createRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "course", ErrCourseNotFound)
	if err != nil {
		return err
	}
	if _, err := h.svc.store.Course(c.UserContext(), h.svc.db.R, id); err != nil {
		return err
	}
	return h.saveRun(c, id, 0)
}

// run loads the run that :run names.
func (h *Handlers) run(c *fiber.Ctx) (Run, error) {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return Run{}, err
	}
	return h.svc.store.Run(c.UserContext(), h.svc.db.R, id)
}

func (h *Handlers) editRun(c *fiber.Ctx) error {
	r, err := h.run(c)
	if err != nil {
		return err
	}
	v := formValues{"starts_on": r.StartsOn, "ends_on": r.EndsOn, "town": r.Town, "address": r.Address,
		"join_link": r.JoinLink, "region": r.Region, "capacity": strconv.Itoa(r.Capacity), "status": string(r.Status)}
	if r.Online {
		v["online"] = "1"
	}
	var lecturers []string
	for _, id := range r.LecturerIDs {
		lecturers = append(lecturers, itoa(id))
	}
	return h.renderRunForm(c, runForm{ID: r.ID, CourseID: r.CourseID, V: v, Lecturers: lecturers}, fiber.StatusOK)
}

func (h *Handlers) updateRun(c *fiber.Ctx) error {
	r, err := h.run(c)
	if err != nil {
		return err
	}
	return h.saveRun(c, r.CourseID, r.ID)
}

// setStatus moves a run on; a refused move is shown on the run's page by its buttons.
func (h *Handlers) setStatus(c *fiber.Ctx) error {
	r, err := h.run(c)
	if err != nil {
		return err
	}
	v := readForm(c, "status", "reason")
	to := Status(v["status"])
	if irreversible(to) && !web.Confirmed(c) {
		return h.renderStatusConfirm(c, r, to, v["reason"], "", fiber.StatusOK)
	}
	_, err = h.svc.SetStatus(c.UserContext(), web.Me(c), r.ID, to, v["reason"], h.clock())
	if errs, status, ok := formFailure(c, err); ok {
		if irreversible(to) {
			// Refused on its confirmation page: say why there, keeping the reason typed.
			return h.renderStatusConfirm(c, r, to, v["reason"], web.Joined(errs), status)
		}
		return h.renderRun(c, r.ID, partForm{V: v, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/runs/"+itoa(r.ID))
}
