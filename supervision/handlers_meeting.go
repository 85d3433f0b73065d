package supervision

import (
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// pageSize is how many rows a page of a list shows.
const pageSize = 50

// staff are those who record and read supervision: admins and coordinators (of their region,
// which the service checks).
var staff = web.Require(web.RoleAdmin, web.RoleCoordinator)

// meetingRoutes lists the pages of meetings: the region's list, recording, correcting and
// deleting one, and a mentor's own supervisions.
func (h *Handlers) meetingRoutes(r fiber.Router) {
	r.Get("/supervision/meetings", staff, h.meetings)
	r.Get("/supervision/meetings/new", staff, h.newMeeting)
	r.Post("/supervision/meetings", staff, h.createMeeting)
	r.Get("/supervision/meetings/:supervision", staff, h.showMeeting)
	r.Get("/supervision/meetings/:supervision/edit", staff, h.editMeeting)
	r.Post("/supervision/meetings/:supervision", staff, h.updateMeeting)
	r.Get("/supervision/meetings/:supervision/delete", staff, h.confirmDelete)
	r.Post("/supervision/meetings/:supervision/delete", staff, h.deleteMeeting)
	r.Get("/my/supervision", web.Require(), h.mine)
}

// regionOf is the region a staff page is about: a coordinator's own, or the one an admin
// chose (region=…; "" for all where the page allows it). A code that names no region is a 400.
func (h *Handlers) regionOf(c *fiber.Ctx) (string, error) {
	me := web.Me(c)
	v := strings.ToUpper(strings.TrimSpace(c.Query("region")))
	if !me.Has(web.RoleAdmin) {
		if v != "" && v != me.Region {
			return "", web.Forbidden()
		}
		return me.Region, nil
	}
	if v == "" {
		return "", nil
	}
	rs, err := h.svc.Regions(c.UserContext())
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if r.Code == v {
			return v, nil
		}
	}
	return "", web.BadRequest("supervision.region.unknown")
}

// page reads ?page=, 1 unless given.
func page(c *fiber.Ctx) (int, error) {
	return web.QueryInt(c, "page", 1, 1, math.MaxInt32/pageSize)
}

func pages(total int) int { return max(1, (total+pageSize-1)/pageSize) }

func (h *Handlers) meetings(c *fiber.Ctx) error {
	f, err := h.meetingFilter(c)
	if err != nil {
		return err
	}
	p, err := page(c)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = pageSize, (p-1)*pageSize
	list, total, err := h.svc.Meetings(c.UserContext(), web.Me(c), f)
	if err != nil {
		return err
	}
	regions, err := h.svc.Regions(c.UserContext())
	if err != nil {
		return err
	}
	return web.Render(c, "supervision/meetings", fiber.Map{
		"Title": web.LocalizerOf(c).T("supervision.meetings.title"), "Meetings": list, "Total": total,
		"Region": f.Region, "F": f, "Regions": regions, "Page": p, "Pages": pages(total),
	})
}

// meetingForm is what the meeting form shows: the values typed, the region's mentors to mark,
// and a message per wrong field.
type meetingForm struct {
	ID     int64
	In     Input
	Errors map[string]string
}

// Mark reports whether a mentor is marked on the form as attending ("a") or excused ("e").
func (f meetingForm) Mark(id int64) string {
	for _, a := range f.In.AttendeeIDs {
		if a == id {
			return "a"
		}
	}
	for _, e := range f.In.ExcusedIDs {
		if e == id {
			return "e"
		}
	}
	return ""
}

func (h *Handlers) renderMeetingForm(c *fiber.Ctx, fm meetingForm, status int) error {
	ctx := c.UserContext()
	region := fm.In.Region
	if region == "" {
		region = web.Me(c).Region
	}
	// An admin first chooses the region, whose mentors the form then lists.
	var mentors []Row
	if region != "" {
		var err error
		if mentors, err = mentorRows(ctx, h.svc.db.R, selection{region: region}); err != nil {
			return err
		}
	}
	// A correction lists those the meeting names who are no longer the region's mentors too,
	// so that saving it does not drop them.
	if fm.ID != 0 {
		m, err := meeting(ctx, h.svc.db.R, fm.ID)
		if err != nil {
			return err
		}
		listed := map[int64]bool{}
		for _, r := range mentors {
			listed[r.PersonID] = true
		}
		for _, a := range append(append([]Attendee{}, m.Attended...), m.Excused...) {
			if !listed[a.PersonID] {
				mentors = append(mentors, Row{PersonID: a.PersonID, Name: a.Name})
			}
		}
	}
	sups, err := h.svc.Supervisors(ctx)
	if err != nil {
		return err
	}
	regions, err := h.svc.Regions(ctx)
	if err != nil {
		return err
	}
	key := "supervision.form.new"
	if fm.ID != 0 {
		key = "supervision.form.edit"
	}
	return web.Render(c.Status(status), "supervision/meeting_form", fiber.Map{
		"Title": web.LocalizerOf(c).T(key), "Form": fm, "Mentors": mentors, "Supervisors": sups,
		"Regions": regions, "Kinds": Kinds, "IsAdmin": web.Me(c).Has(web.RoleAdmin),
		"Today": today(h.clock()),
	})
}

func (h *Handlers) newMeeting(c *fiber.Ctx) error {
	region, err := h.regionOf(c)
	if err != nil {
		return err
	}
	return h.renderMeetingForm(c, meetingForm{In: Input{HeldOn: today(h.clock()), Time: "10:00", Region: region,
		Kind: Group}}, fiber.StatusOK)
}

// readMeeting reads the meeting form: each mentor's mark comes as mark_<id> = a (attended) or
// e (excused); the supervisor as supervisor_id or, for someone from outside, supervisor.
func readMeeting(c *fiber.Ctx) Input {
	in := Input{HeldOn: c.FormValue("held_on"), Time: c.FormValue("time"), Region: c.FormValue("region"),
		Kind: Kind(c.FormValue("kind")), Supervisor: c.FormValue("supervisor"), Note: c.FormValue("note")}
	if v := strings.TrimSpace(c.FormValue("supervisor_id")); v != "" {
		in.SupervisorID = -1 // a value that does not parse names nobody
		if id, ok := web.ParseID(v); ok {
			in.SupervisorID = id
		}
	}
	c.Request().PostArgs().VisitAll(func(key, value []byte) {
		name, ok := strings.CutPrefix(string(key), "mark_")
		if !ok {
			return
		}
		id, ok := web.ParseID(name)
		if !ok {
			return
		}
		switch string(value) {
		case "a":
			in.AttendeeIDs = append(in.AttendeeIDs, id)
		case "e":
			in.ExcusedIDs = append(in.ExcusedIDs, id)
		}
	})
	return in
}

func (h *Handlers) createMeeting(c *fiber.Ctx) error {
	in := readMeeting(c)
	m, err := h.svc.Record(c.UserContext(), web.Me(c), in, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.renderMeetingForm(c, meetingForm{In: in, Errors: errs}, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/supervision/meetings/"+itoa(m.ID), web.Flash{Notice: web.LocalizerOf(c).T("supervision.flash.recorded")})
	return web.Redirect(c, "/supervision/meetings/"+itoa(m.ID))
}

func (h *Handlers) meeting(c *fiber.Ctx) (Meeting, error) {
	id, err := web.PathID(c, "supervision", ErrMeetingNotFound)
	if err != nil {
		return Meeting{}, err
	}
	return h.svc.Meeting(c.UserContext(), web.Me(c), id)
}

func (h *Handlers) showMeeting(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	return web.Render(c, "supervision/meeting", fiber.Map{
		"Title": web.LocalizerOf(c).T("supervision.meeting.title"), "M": m,
	})
}

func (h *Handlers) editMeeting(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	return h.renderMeetingForm(c, meetingForm{ID: m.ID, In: m.Input()}, fiber.StatusOK)
}

func (h *Handlers) updateMeeting(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	in := readMeeting(c)
	_, err = h.svc.Correct(c.UserContext(), web.Me(c), m.ID, in, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		return h.renderMeetingForm(c, meetingForm{ID: m.ID, In: in, Errors: errs}, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/supervision/meetings/"+itoa(m.ID), web.Flash{Notice: web.LocalizerOf(c).T("supervision.flash.corrected")})
	return web.Redirect(c, "/supervision/meetings/"+itoa(m.ID))
}

// deleteConfirm is the page that asks before a meeting is deleted.
func (h *Handlers) deleteConfirm(c *fiber.Ctx, m Meeting) web.Confirm {
	l := web.LocalizerOf(c)
	return web.Confirm{
		Title: l.T("supervision.delete.title"), Lead: l.T("supervision.delete.lead", "Date", l.Date(m.HeldOn),
			"Supervisor", m.Supervisor),
		Effects: []string{l.N("supervision.delete.effect", len(m.Attended))},
		Warning: l.T("supervision.delete.warning"), Submit: l.T("supervision.delete.submit"),
		Action: "/supervision/meetings/" + itoa(m.ID) + "/delete", Back: "/supervision/meetings/" + itoa(m.ID),
	}
}

func (h *Handlers) confirmDelete(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	return web.RenderConfirm(c, fiber.StatusOK, h.deleteConfirm(c, m))
}

func (h *Handlers) deleteMeeting(c *fiber.Ctx) error {
	m, err := h.meeting(c)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return web.RenderConfirm(c, fiber.StatusOK, h.deleteConfirm(c, m))
	}
	if err := h.svc.Delete(c.UserContext(), web.Me(c), m.ID, h.clock()); err != nil {
		return err
	}
	web.SetFlash(c, "/supervision/meetings", web.Flash{Notice: web.LocalizerOf(c).T("supervision.flash.deleted")})
	return web.Redirect(c, "/supervision/meetings?region="+m.Region)
}

// mine shows a mentor their own supervisions and where they stand with the cadence.
func (h *Handlers) mine(c *fiber.Ctx) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	me := web.Me(c)
	list, total, err := h.svc.Own(c.UserContext(), me, pageSize, (p-1)*pageSize)
	if err != nil {
		return err
	}
	row, ok, err := h.svc.Standing(c.UserContext(), me.ID, h.clock())
	if err != nil {
		return err
	}
	return web.Render(c, "supervision/mine", fiber.Map{
		"Title": web.LocalizerOf(c).T("supervision.mine.title"), "Meetings": list, "Total": total,
		"Row": row, "IsMentor": ok, "Page": p, "Pages": pages(total),
	})
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }
