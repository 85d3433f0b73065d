package supervision

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// educationPeriodRoutes lists the forms of a person's periods of employment and absences,
// which the coordinator of their region or an admin enters.
func (h *Handlers) educationPeriodRoutes(r fiber.Router, staff fiber.Handler) {
	r.Get("/people/:id/employments/new", staff, h.newPeriod(periodJob))
	r.Post("/people/:id/employments", staff, h.savePeriod(periodJob, false))
	r.Get("/employments/:employment/edit", staff, h.editPeriod(periodJob))
	r.Post("/employments/:employment", staff, h.savePeriod(periodJob, true))
	r.Get("/employments/:employment/delete", staff, h.deletePeriod(periodJob))
	r.Post("/employments/:employment/delete", staff, h.deletePeriod(periodJob))
	r.Get("/people/:id/absences/new", staff, h.newPeriod(periodAbsence))
	r.Post("/people/:id/absences", staff, h.savePeriod(periodAbsence, false))
	r.Get("/absences/:absence/edit", staff, h.editPeriod(periodAbsence))
	r.Post("/absences/:absence", staff, h.savePeriod(periodAbsence, true))
	r.Get("/absences/:absence/delete", staff, h.deletePeriod(periodAbsence))
	r.Post("/absences/:absence/delete", staff, h.deletePeriod(periodAbsence))
}

// periodKind tells the two kinds of period apart: its path parameter and the words of its pages.
type periodKind string

const (
	periodJob     periodKind = "employment"
	periodAbsence periodKind = "absence"
)

// periodForm is the form of a period of employment or an absence, as typed, with a message
// per wrong field.
type periodForm struct {
	Kind                     periodKind
	ID                       int64
	Person                   people.Person
	From, Until, Probation   string
	AbsenceKind              string
	Errors                   map[string]string
	Action, Back, TitleKey   string
	AbsenceKinds             []AbsenceKind
	ShowProbation, ShowKinds bool
}

func (h *Handlers) renderPeriod(c *fiber.Ctx, fm periodForm, status int) error {
	fm.ShowProbation, fm.ShowKinds, fm.AbsenceKinds = fm.Kind == periodJob, fm.Kind == periodAbsence, AbsenceKinds
	fm.Back = educationPath(fm.Person.ID, thisYear(h.clock()))
	verb := "new"
	fm.Action = "/people/" + strconv.FormatInt(fm.Person.ID, 10) + "/" + map[periodKind]string{periodJob: "employments", periodAbsence: "absences"}[fm.Kind]
	if fm.ID != 0 {
		verb = "edit"
		fm.Action = periodPath(fm.Kind, fm.ID)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/education_period_form", fiber.Map{
		"Title": web.LocalizerOf(c).T("education." + string(fm.Kind) + "." + verb + ".title"), "Form": fm, "Today": today(h.clock()),
	})
}

// periodPath is the address of a period: /employments/3 or /absences/4.
func periodPath(k periodKind, id int64) string {
	if k == periodJob {
		return "/employments/" + strconv.FormatInt(id, 10)
	}
	return "/absences/" + strconv.FormatInt(id, 10)
}

// periodID reads the id of the period the path names.
func periodID(c *fiber.Ctx, k periodKind) (int64, error) {
	if k == periodJob {
		return web.PathID(c, "employment", ErrJobNotFound)
	}
	return web.PathID(c, "absence", ErrAbsenceNotFound)
}

// loadPeriod reads a period the signed-in person may correct, as its form shows it.
func (h *Handlers) loadPeriod(c *fiber.Ctx, k periodKind) (periodForm, error) {
	id, err := periodID(c, k)
	if err != nil {
		return periodForm{}, err
	}
	ctx, me := c.UserContext(), web.Me(c)
	fm := periodForm{Kind: k, ID: id}
	var personID int64
	if k == periodJob {
		j, err := h.svc.Job(ctx, me, id)
		if err != nil {
			return fm, err
		}
		personID, fm.From, fm.Until, fm.Probation = j.PersonID, j.From, dayOrEmpty(j.Until), dayOrEmpty(j.ProbationEnds)
	} else {
		a, err := h.svc.Absence(ctx, me, id)
		if err != nil {
			return fm, err
		}
		personID, fm.From, fm.Until, fm.AbsenceKind = a.PersonID, a.From, dayOrEmpty(a.Until), string(a.Kind)
	}
	fm.Person, err = h.svc.educationPerson(ctx, h.svc.db.R, me, personID, true)
	return fm, err
}

func (h *Handlers) newPeriod(k periodKind) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := web.PathID(c, "id", people.ErrNotFound)
		if err != nil {
			return err
		}
		p, err := h.svc.educationPerson(c.UserContext(), h.svc.db.R, web.Me(c), id, true)
		if err != nil {
			return err
		}
		return h.renderPeriod(c, periodForm{Kind: k, Person: p}, fiber.StatusOK)
	}
}

func (h *Handlers) editPeriod(k periodKind) fiber.Handler {
	return func(c *fiber.Ctx) error {
		fm, err := h.loadPeriod(c, k)
		if err != nil {
			return err
		}
		return h.renderPeriod(c, fm, fiber.StatusOK)
	}
}

// savePeriod enters a new period of the person in the path, or corrects the period in the path.
func (h *Handlers) savePeriod(k periodKind, existing bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, me := c.UserContext(), web.Me(c)
		var fm periodForm
		var err error
		if existing {
			fm, err = h.loadPeriod(c, k)
		} else {
			var id int64
			if id, err = web.PathID(c, "id", people.ErrNotFound); err == nil {
				fm.Kind = k
				fm.Person, err = h.svc.educationPerson(ctx, h.svc.db.R, me, id, true)
			}
		}
		if err != nil {
			return err
		}
		fm.From, fm.Until, fm.Probation, fm.AbsenceKind = c.FormValue("from"), c.FormValue("until"),
			c.FormValue("probation_ends"), c.FormValue("kind")
		if k == periodJob {
			_, err = h.svc.SaveJob(ctx, me, fm.Person.ID, fm.ID, JobInput{From: fm.From, Until: fm.Until, ProbationEnds: fm.Probation}, h.clock())
		} else {
			_, err = h.svc.SaveAbsence(ctx, me, fm.Person.ID, fm.ID, AbsenceInput{Kind: fm.AbsenceKind, From: fm.From, Until: fm.Until}, h.clock())
		}
		if errs, invalid := web.FormErrors(c, err); invalid {
			fm.Errors = errs
			return h.renderPeriod(c, fm, fiber.StatusUnprocessableEntity)
		}
		if err != nil {
			return err
		}
		web.SetFlash(c, "/people/"+strconv.FormatInt(fm.Person.ID, 10)+"/education",
			web.Flash{Notice: web.LocalizerOf(c).T("education." + string(k) + ".saved")})
		return web.Redirect(c, educationPath(fm.Person.ID, thisYear(h.clock())))
	}
}

// deletePeriod asks before deleting a period entered by mistake, and deletes it once confirmed.
func (h *Handlers) deletePeriod(k periodKind) fiber.Handler {
	return func(c *fiber.Ctx) error {
		fm, err := h.loadPeriod(c, k)
		if err != nil {
			return err
		}
		l, back := web.LocalizerOf(c), educationPath(fm.Person.ID, thisYear(h.clock()))
		if c.Method() == fiber.MethodPost && web.Confirmed(c) {
			if k == periodJob {
				_, err = h.svc.DeleteJob(c.UserContext(), web.Me(c), fm.ID, h.clock())
			} else {
				_, err = h.svc.DeleteAbsence(c.UserContext(), web.Me(c), fm.ID, h.clock())
			}
			if err != nil {
				return err
			}
			web.SetFlash(c, "/people/"+strconv.FormatInt(fm.Person.ID, 10)+"/education",
				web.Flash{Notice: l.T("education." + string(k) + ".deleted")})
			return web.Redirect(c, back)
		}
		until := l.T("education.open")
		if fm.Until != "" {
			until = l.Date(fm.Until)
		}
		return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{Title: l.T("education." + string(k) + ".delete.title"),
			Lead:    l.T("education.period.lead", "Name", fm.Person.FullName(), "From", l.Date(fm.From), "Until", until),
			Effects: []string{l.T("education." + string(k) + ".delete.effect")}, Warning: l.T("confirm.delete.warning"),
			Action: c.Path(), Submit: l.T("education.delete.submit"), Back: back})
	}
}
