package supervision

import (
	"math"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// hoursForm is the form of external hours: what was typed (hours as written, "1,5") and a
// message per wrong field.
type hoursForm struct {
	HoursInput
	Hours  string
	ID     int64
	Person people.Person
	Errors map[string]string
}

// parseHours reads hours as a person writes them, whole or with a decimal comma or point
// ("2", "1,5", "1.5"), as minutes; ok is false for what is not a number. Validation then
// refuses what is not a whole or half hour, or out of range.
func parseHours(s string) (minutes int, ok bool) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	if s == "" {
		return 0, true // no hours: "more than none" says what is wrong
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(s, "eExXpP_") {
		return 0, false
	}
	if f < 0 {
		return -HoursStep, true
	}
	if f > MaxEntryMinutes {
		return MaxEntryMinutes + HoursStep, true // far too many, without overflowing
	}
	m := f * 60
	if m != math.Trunc(m) {
		return int(m) | 1, true // a part of a minute: not a whole or half hour
	}
	return int(m), true
}

func parseHoursForm(c *fiber.Ctx) hoursForm {
	return hoursForm{HoursInput: HoursInput{Organiser: c.FormValue("organiser"), Title: c.FormValue("title"),
		HeldOn: c.FormValue("held_on"), Kind: c.FormValue("kind")}, Hours: c.FormValue("hours")}
}

// saveHours runs save on what the form gives, or shows the form again with its messages; the
// form's hours field carries the API's "minutes".
func (h *Handlers) saveHours(c *fiber.Ctx, fm hoursForm, save func(HoursInput) (ExternalHours, error)) error {
	minutes, ok := parseHours(fm.Hours)
	var x ExternalHours
	var err error
	if ok {
		fm.Minutes = minutes
		x, err = save(fm.HoursInput)
	} else {
		var f web.Fields
		f.Add("minutes", "education.hours.number")
		err = f.Err()
	}
	if errs, invalid := web.FormErrors(c, err); invalid {
		if m, has := errs["minutes"]; has {
			errs["hours"] = m
		}
		fm.Errors = errs
		return h.renderHoursForm(c, fm, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	web.SetFlash(c, "/people/"+strconv.FormatInt(x.PersonID, 10)+"/education",
		web.Flash{Notice: web.LocalizerOf(c).T("education.hours.saved")})
	return web.Redirect(c, educationPath(x.PersonID, yearOf(x.HeldOn)))
}

func (h *Handlers) renderHoursForm(c *fiber.Ctx, fm hoursForm, status int) error {
	l := web.LocalizerOf(c)
	key := "education.hours.new.title"
	if fm.ID != 0 {
		key = "education.hours.edit.title"
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/education_hours_form", fiber.Map{
		"Title": l.T(key), "Form": fm, "Kinds": HoursKinds, "Today": today(h.clock()),
		"Back": educationPath(fm.Person.ID, thisYear(h.clock())),
	})
}

func (h *Handlers) newHours(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	p, err := h.svc.educationPerson(c.UserContext(), h.svc.db.R, web.Me(c), id, true)
	if err != nil {
		return err
	}
	return h.renderHoursForm(c, hoursForm{Person: p, HoursInput: HoursInput{Kind: string(HoursSeminar)}}, fiber.StatusOK)
}

func (h *Handlers) createHours(c *fiber.Ctx) error {
	id, err := web.PathID(c, "id", people.ErrNotFound)
	if err != nil {
		return err
	}
	p, err := h.svc.educationPerson(c.UserContext(), h.svc.db.R, web.Me(c), id, true)
	if err != nil {
		return err
	}
	fm := parseHoursForm(c)
	fm.Person = p
	return h.saveHours(c, fm, func(in HoursInput) (ExternalHours, error) {
		return h.svc.AddHours(c.UserContext(), web.Me(c), p.ID, in, h.clock())
	})
}

func (h *Handlers) editHours(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	x, p, err := h.svc.hoursFor(c.UserContext(), h.svc.db.R, web.Me(c), id, true)
	if err != nil {
		return err
	}
	if x.Approved() {
		return web.Conflict("education.hours.locked")
	}
	return h.renderHoursForm(c, hoursForm{ID: x.ID, Person: p, Hours: eduHours(x.Minutes, false, web.LocalizerOf(c)),
		HoursInput: HoursInput{Organiser: x.Organiser, Title: x.Title, HeldOn: x.HeldOn, Kind: string(x.Kind)}}, fiber.StatusOK)
}

func (h *Handlers) updateHoursPage(c *fiber.Ctx) error {
	id, err := hoursID(c)
	if err != nil {
		return err
	}
	_, p, err := h.svc.hoursFor(c.UserContext(), h.svc.db.R, web.Me(c), id, true)
	if err != nil {
		return err
	}
	fm := parseHoursForm(c)
	fm.ID, fm.Person = id, p
	return h.saveHours(c, fm, func(in HoursInput) (ExternalHours, error) {
		return h.svc.UpdateHours(c.UserContext(), web.Me(c), id, in, h.clock())
	})
}
