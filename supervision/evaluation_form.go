package supervision

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// The form of one record: a mentor's counts from one more centre (the grid has a line per
// record, and a blank one only for a mentor without any), or a record corrected on its own.

// evalForm is what the record form shows: the values as typed and a message per field.
type evalForm struct {
	PersonID, CentreID int64
	Year, Period       string
	Cells              [6]evalCell
	Errors             map[string]string
}

// evalNewPage shows the form for the mentor of ?person, for ?year and ?period (the last that
// has ended unless given) and ?centre, filled in with the record there is for them.
func (h *Handlers) evalNewPage(c *fiber.Ctx) error {
	if c.Query("person") == "" {
		return web.Redirect(c, "/evaluations/entry")
	}
	id, ok := web.ParseID(c.Query("person"))
	if !ok {
		return people.ErrNotFound
	}
	now := h.clock()
	span, err := evalSpanQuery(c, now, evalLastEnded(now))
	if err == nil && (!span.Single() || span.From.After(EvalPeriodOf(now))) {
		err = web.BadRequest("evaluation.query.period")
	}
	if err != nil {
		return err
	}
	centre, err := web.QueryID(c, "centre")
	if err != nil {
		return err
	}
	fm := evalForm{PersonID: id, CentreID: centre, Year: strconv.Itoa(span.From.Year),
		Period: strconv.Itoa(span.From.N), Cells: cellsOf(EvalCounts{}, false)}
	if centre > 0 {
		list, _, err := h.svc.Evaluations(c.UserContext(), web.Me(c), EvalFilter{Span: span, PersonID: id,
			CentreID: centre, Limit: 1})
		if err != nil {
			return err
		}
		if len(list) == 1 {
			fm.Cells = cellsOf(list[0].EvalCounts, true)
		}
	}
	return h.renderEvalForm(c, fm, true, fiber.StatusOK)
}

// evalCreate records the form's record, or corrects the one of the same mentor, centre and
// period, and goes on to the grid of the mentor's region for that period.
func (h *Handlers) evalCreate(c *fiber.Ctx) error {
	var f web.Fields
	fm := evalForm{Year: strings.TrimSpace(c.FormValue("year")), Period: strings.TrimSpace(c.FormValue("period"))}
	fm.PersonID, _ = web.ParseID(c.FormValue("person_id"))
	fm.CentreID, _ = web.ParseID(c.FormValue("centre_id"))
	in := EvaluationInput{PersonID: fm.PersonID, CentreID: fm.CentreID}
	in.Year, _ = strconv.Atoi(fm.Year)
	in.Period, _ = strconv.Atoi(fm.Period)
	in.EvalCounts, fm.Cells, _ = evalCountsForm(c, "", "", &f)
	err := f.Err()
	var e Evaluation
	if err == nil {
		if e, _, err = h.svc.RecordEvaluation(c.UserContext(), web.Me(c), in, h.clock()); err == nil {
			p := EvalPeriod{Year: e.Year, N: e.Period}
			return web.Redirect(c, evalGridPath(e.Region, p, 1, "saved", "1"))
		}
	}
	errs, ok := web.FormErrors(c, err)
	if !ok {
		return err
	}
	fm.Errors = errs
	for i := range fm.Cells {
		fm.Cells[i].Error = errs[fm.Cells[i].Field]
	}
	return h.renderEvalForm(c, fm, false, fiber.StatusUnprocessableEntity)
}

// renderEvalForm shows the form. Its mentor is one the actor records for, or none (a form
// sent for someone else comes back without a name, saying so); strict makes anyone else a
// 404, as on the way in.
func (h *Handlers) renderEvalForm(c *fiber.Ctx, fm evalForm, strict bool, status int) error {
	l, now := web.LocalizerOf(c), h.clock()
	var person *people.Person
	var centres []people.Centre
	if fm.PersonID > 0 {
		p, cs, err := h.svc.EvaluationMentor(c.UserContext(), web.Me(c), fm.PersonID)
		switch {
		case err == nil:
			person, centres = &p, cs
		case strict:
			return err
		default:
			if _, isWeb := web.AsError(err); !isWeb {
				return err
			}
		}
	}
	current := EvalPeriodOf(now).Year
	var years []int
	for y := current; y >= max(current-5, FirstEvaluationYear); y-- {
		years = append(years, y)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/evaluation_form", fiber.Map{
		"Title": l.T("evaluation.form.title"), "Form": fm, "Person": person, "Centres": centres, "Years": years,
		"PeriodNumbers": []int{1, 2, 3, 4, 5, 6},
	})
}
