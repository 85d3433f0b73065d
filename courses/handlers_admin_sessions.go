package courses

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// sessionForm is what the session form shows: the values typed and a message per wrong field,
// with the run the session belongs to. ID is 0 for new sessions, which may repeat.
type sessionForm struct {
	ID      int64
	Run     Listing
	Session Session
	V       formValues
	Errors  map[string]string
}

var sessionFields = []string{"date", "time", "minutes", "kind", "module_id", "topic", "lecturer_id",
	"repeat_count", "repeat_every_days", "reason"}

func (h *Handlers) renderSessionForm(c *fiber.Ctx, fm sessionForm, status int) error {
	ctx := c.UserContext()
	mods, err := h.svc.store.Modules(ctx, h.svc.db.R, fm.Run.CourseID)
	if err != nil {
		return err
	}
	names, err := h.svc.store.Names(ctx, fm.Run.LecturerIDs)
	if err != nil {
		return err
	}
	lecturers := make([]Lecturer, 0, len(fm.Run.LecturerIDs))
	for _, id := range fm.Run.LecturerIDs {
		lecturers = append(lecturers, Lecturer{ID: id, Name: names[id]})
	}
	key := "sessions.new.title"
	if fm.ID != 0 {
		key = "sessions.edit.title"
	}
	return web.Render(c.Status(status), "courses/session_form", fiber.Map{
		"Title": h.t(c, key), "Form": fm, "Modules": mods, "Lecturers": lecturers,
		"Kinds": []SessionKind{Theory, Practice},
	})
}

func (h *Handlers) newSessions(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	l, err := h.svc.store.Listing(c.UserContext(), id)
	if err != nil {
		return err
	}
	v := formValues{"date": l.StartsOn, "time": "9:00", "minutes": "180", "kind": string(Theory),
		"repeat_count": "1", "repeat_every_days": "7"}
	if len(l.LecturerIDs) > 0 {
		v["lecturer_id"] = itoa(l.LecturerIDs[0])
	}
	return h.renderSessionForm(c, sessionForm{Run: l, V: v}, fiber.StatusOK)
}

// parseSession reads the session form; repeating is offered for new sessions only.
func parseSession(c *fiber.Ctx, repeat bool) (SessionInput, formValues, web.Fields) {
	var f web.Fields
	v := readForm(c, sessionFields...)
	in := SessionInput{Date: v["date"], Time: v["time"], Minutes: v.integer(&f, "minutes"), Kind: SessionKind(v["kind"]),
		Topic: v["topic"], LecturerID: v.id(&f, "lecturer_id")}
	if v["module_id"] != "" {
		m := v.id(&f, "module_id")
		in.ModuleID = &m
	}
	if repeat && (v["repeat_count"] != "" || v["repeat_every_days"] != "") {
		rep := Repeat{Count: 1, EveryDays: 7}
		if v["repeat_count"] != "" {
			rep.Count = v.integer(&f, "repeat_count")
		}
		if v["repeat_every_days"] != "" {
			rep.EveryDays = v.integer(&f, "repeat_every_days")
		}
		in.Repeat = &rep
	}
	if len(f) > 0 {
		_, when := in.Starts()
		merge(&f, when)
		merge(&f, in.Validate())
	}
	return in, v, f
}

// createSessions schedules one session or a repeating series; a clash is shown on the form,
// which keeps what was typed.
func (h *Handlers) createSessions(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	l, err := h.svc.store.Listing(c.UserContext(), id)
	if err != nil {
		return err
	}
	in, v, f := parseSession(c, true)
	err = f.Err()
	if err == nil {
		_, err = h.svc.AddSessions(c.UserContext(), web.Me(c), id, in, h.clock())
	}
	if errs, status, ok := formFailure(c, err); ok {
		// The rules name the repetition's fields as the API's body does; the form has its own.
		for api, form := range map[string]string{"repeat.count": "repeat_count", "repeat.every_days": "repeat_every_days"} {
			if m, ok := errs[api]; ok {
				delete(errs, api)
				if errs[form] == "" {
					errs[form] = m
				}
			}
		}
		return h.renderSessionForm(c, sessionForm{Run: l, V: v, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/runs/"+itoa(id)+"#schedule")
}

// session loads the session that :session names and its run.
func (h *Handlers) session(c *fiber.Ctx) (Session, Listing, error) {
	id, err := web.PathID(c, "session", ErrSessionNotFound)
	if err != nil {
		return Session{}, Listing{}, err
	}
	s, err := h.svc.store.Session(c.UserContext(), h.svc.db.R, id)
	if err != nil {
		return Session{}, Listing{}, err
	}
	l, err := h.svc.store.Listing(c.UserContext(), s.RunID)
	return s, l, err
}

func (h *Handlers) editSession(c *fiber.Ctx) error {
	s, l, err := h.session(c)
	if err != nil {
		return err
	}
	return h.renderSessionForm(c, sessionForm{ID: s.ID, Run: l, Session: s, V: sessionValues(s)}, fiber.StatusOK)
}

// sessionValues are a session's values as its form shows them, in Prague time.
func sessionValues(s Session) formValues {
	v := formValues{"date": PragueDay(s.Start()), "time": clock(s.Start()), "minutes": strconv.Itoa(s.Minutes),
		"kind": string(s.Kind), "topic": s.Topic, "lecturer_id": itoa(s.LecturerID)}
	if s.ModuleID != nil {
		v["module_id"] = itoa(*s.ModuleID)
	}
	return v
}

func (h *Handlers) updateSession(c *fiber.Ctx) error {
	s, l, err := h.session(c)
	if err != nil {
		return err
	}
	in, v, f := parseSession(c, false)
	err = f.Err()
	if err == nil {
		_, err = h.svc.UpdateSession(c.UserContext(), web.Me(c), s.ID, in, h.clock())
	}
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderSessionForm(c, sessionForm{ID: s.ID, Run: l, Session: s, V: v, Errors: errs}, status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/runs/"+itoa(l.ID)+"#schedule")
}

// cancelSession calls a session off; without a reason the session's page asks for one.
func (h *Handlers) cancelSession(c *fiber.Ctx) error {
	s, l, err := h.session(c)
	if err != nil {
		return err
	}
	reason := c.FormValue("reason")
	if !web.Confirmed(c) {
		return h.renderCancelSession(c, s, l, reason, "", fiber.StatusOK)
	}
	_, err = h.svc.CancelSession(c.UserContext(), web.Me(c), s.ID, reason, h.clock())
	if errs, status, ok := formFailure(c, err); ok {
		return h.renderCancelSession(c, s, l, reason, web.Joined(errs), status)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/runs/"+itoa(l.ID)+"#schedule")
}
