package attendance

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// examForm is the exam form as shown: the values typed (or sensible defaults) and the
// messages per field.
type examForm struct {
	HeldOn    string
	Outcome   string            // "sat" or "missed"
	Parts     map[string]string // part → "" (not held), "passed" or "failed"
	ExcusedOn string
	Identity  bool
	Members   [CommissionSize]string
	Chair     int // the chair's place among Members, -1 for none
	Errors    map[string]string
}

// attemptView is a recorded attempt with whether a missed one was excused in time.
type attemptView struct {
	Record
	InTime bool
}

// Excused is the day the chair was told of a missed attempt, or "".
func (a attemptView) Excused() string {
	if a.ExcusedOn == nil {
		return ""
	}
	return *a.ExcusedOn
}

// czechDay reads a date as people type it where a browser shows no date picker: 1. 3. 2026.
var czechDay = regexp.MustCompile(`^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$`)

// formDay turns a typed date into YYYY-MM-DD when it is written the Czech way; anything else
// goes on as typed, for the service to judge.
func formDay(s string) string {
	s = strings.TrimSpace(s)
	if m := czechDay.FindStringSubmatch(s); m != nil {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("%s-%02d-%02d", m[3], mo, d)
	}
	return s
}

// parseExamForm reads the form into what it shows again and what the service checks. The
// outcome follows from the parts (passed only when every part held was passed), so the two
// cannot disagree; a missed exam ignores the parts and the commission left on the form.
func parseExamForm(c *fiber.Ctx) (examForm, ExamInput) {
	f := examForm{HeldOn: formDay(c.FormValue("held_on")), Outcome: c.FormValue("outcome"), Parts: map[string]string{},
		ExcusedOn: formDay(c.FormValue("excused_on")), Identity: c.FormValue("identity_checked") != "", Chair: -1}
	if n, err := strconv.Atoi(c.FormValue("chair")); err == nil && n >= 0 && n < CommissionSize {
		f.Chair = n
	}
	in := ExamInput{HeldOn: f.HeldOn, IdentityChecked: f.Identity, Missed: f.Outcome == "missed"}
	all := true
	for _, p := range examParts {
		v := c.FormValue("part." + p)
		switch v {
		case "passed", "failed":
			f.Parts[p] = v
			if !in.Missed {
				in.Parts = append(in.Parts, ExamPart{Part: p, Passed: v == "passed"})
				all = all && v == "passed"
			}
		}
	}
	if f.Outcome == "sat" {
		in.Passed = &all // with no part held, the service asks for the parts, not for an outcome
	}
	if in.Missed {
		in.ExcusedOn = f.ExcusedOn
	}
	for i := range f.Members {
		f.Members[i] = strings.TrimSpace(c.FormValue(fmt.Sprintf("member.%d", i)))
		if f.Members[i] != "" {
			in.Commission = append(in.Commission, Member{Name: f.Members[i], Chair: i == f.Chair})
		}
	}
	return f, in
}

// newExamForm is the form as it first shows: today, and the commission of the latest attempt,
// since a commission usually sits again.
func newExamForm(sh ExamSheet, today string) examForm {
	f := examForm{HeldOn: today, Outcome: "sat", Parts: map[string]string{}, Chair: -1}
	if n := len(sh.Report.Attempts); n > 0 {
		for i, m := range sh.Report.Attempts[n-1].Commission {
			if i < CommissionSize {
				f.Members[i] = m.Name
				if m.Chair {
					f.Chair = i
				}
			}
		}
	}
	return f
}

func examPath(id int64) string { return fmt.Sprintf("/enrollments/%d/exam", id) }

// examPage shows an enrolment's attendance, its attempts at the exam and the form for the next.
func (h *Handlers) examPage(c *fiber.Ctx) error {
	id, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	now := h.clock()
	sh, err := h.svc.ExamOf(c.UserContext(), web.Me(c), id, now)
	if err != nil {
		return err
	}
	return h.renderExam(c, sh, newExamForm(sh, courses.PragueDay(now)), nil, fiber.StatusOK)
}

// recordExam records an attempt; problems come back on the form (422 for fields, 409 for the
// rules of attendance and resits).
func (h *Handlers) recordExam(c *fiber.Ctx) error {
	id, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	ctx, me, now := c.UserContext(), web.Me(c), h.clock()
	f, in := parseExamForm(c)
	_, err = h.svc.RecordExam(ctx, me, id, in, now)
	if err == nil {
		return web.Redirect(c, examPath(id)+"?saved=1")
	}
	e, ok := web.AsError(err)
	if !ok || (e.Code != web.CodeInvalid && e.Code != web.CodeConflict) {
		return err
	}
	sh, serr := h.svc.ExamOf(ctx, me, id, now)
	if serr != nil {
		return serr
	}
	loc := web.LocalizerOf(c)
	var general []string
	if e.Code == web.CodeConflict {
		general = append(general, loc.Msg(e.Msg))
	}
	f.Errors = map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		f.Errors[k] = loc.Msg(e.Fields[k])
	}
	return h.renderExam(c, sh, f, general, e.Status())
}

// renderExam shows the exam page. The form is closed where the service would refuse any
// attempt: a course without an exam, an enrolment no longer active, attendance below the
// threshold.
func (h *Handlers) renderExam(c *fiber.Ctx, sh ExamSheet, f examForm, errs []string, status int) error {
	loc := web.LocalizerOf(c)
	closed := ""
	switch {
	case !sh.Course.RequiresExam:
		closed = loc.T("exam.not_required")
	case sh.Enrollment.Status != enrollment.Enrolled:
		closed = loc.T("exam_page.not_enrolled")
	case !sh.Report.ThresholdMet:
		closed = loc.T("exam_page.below_threshold", "Pct", sh.Course.MinAttendancePct)
	}
	// With the exam passed or both tries used, only the latest attempt can still be corrected.
	note := ""
	if ex := sh.Report.Exam; ex != nil && (ex.Passed || ex.Exhausted) && len(sh.Report.Attempts) > 0 {
		note = loc.T("exam_page.correct_only", "LastDate", loc.Date(ex.Last))
	}
	attempts := make([]attemptView, len(sh.Report.Attempts))
	for i, a := range sh.Report.Attempts {
		attempts[i] = attemptView{Record: a, InTime: a.attempt().ExcusedInTime()}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "attendance/exam", fiber.Map{
		"Title": loc.T("exam_page.title", "Name", sh.Enrollment.PersonName), "Sheet": sh,
		"Progress": viewProgress(loc, sh.Report, sh.Course.MinAttendancePct), "Attempts": attempts, "Form": f,
		"Errors": errs, "Closed": closed, "Note": note, "Parts": examParts, "Action": examPath(sh.Enrollment.ID),
		"Saved": c.Query("saved") != "" && status == fiber.StatusOK, "Today": courses.PragueDay(h.clock()),
	})
}
