package attendance

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// partView is one kind of hours of a report as a page draws it: a sentence in the reader's
// language and a bar whose widths are in percent of the course's hours of that kind.
type partView struct {
	Kind    courses.SessionKind
	Text    string // Teorie: 52,5 z 70 hodin, potřeba 56
	Missing string // Chybí ještě 3,5 hodiny; "" once met
	Met     bool
	Fill    string // the attended share, 0–100
	Mark    string // the required share, 0–100
}

// progressView is an enrolment's report in words and bars.
type progressView struct {
	Report
	Parts    []partView
	Pct      int    // the course's attendance threshold
	ExamText string // where the person stands with the exam; "" when the course has none
	Warning  bool   // the threshold can no longer be reached
}

// barShare is part of whole in percent for an SVG width, capped at 100.
func barShare(part, whole int) string {
	if whole <= 0 {
		return "0"
	}
	return strconv.FormatFloat(min(100, float64(part)*100/float64(whole)), 'f', 1, 64)
}

// viewProgress puts a report into words for the reader.
func viewProgress(l *web.Localizer, rep Report, pct int) progressView {
	v := progressView{Report: rep, Pct: pct}
	for _, k := range []struct {
		kind courses.SessionKind
		p    Part
		per  int
	}{{courses.Theory, rep.Theory, rep.TheoryHour}, {courses.Practice, rep.Practice, rep.PracticeHour}} {
		if k.p.Total == 0 {
			continue // a course without hours of this kind asks nothing of them
		}
		att, _ := progressHours(k.p.Attended, k.per, false, l)
		total, totalN := progressHours(k.p.Total, k.per, false, l)
		req, _ := progressHours(k.p.Required, k.per, true, l)
		pv := partView{Kind: k.kind, Met: k.p.Met(), Fill: barShare(k.p.Attended, k.p.Total), Mark: barShare(k.p.Required, k.p.Total),
			Text: l.N("my_progress.part."+string(k.kind), totalN, "Attended", att, "Total", total, "Required", req)}
		if !pv.Met {
			miss, missN := progressHours(k.p.Required-k.p.Attended, k.per, true, l)
			pv.Missing = l.N("my_progress.missing", missN, "Hours", miss)
		}
		v.Parts = append(v.Parts, pv)
	}
	v.Warning = !rep.Reachable && !rep.ThresholdMet
	if rep.Exam != nil {
		v.ExamText = examText(l, rep)
	}
	return v
}

// examText says where a person stands with the final exam.
func examText(l *web.Localizer, rep Report) string {
	st := rep.Exam
	switch {
	case st.Passed:
		return l.T("my_progress.exam.passed", "Date", l.Date(st.Last))
	case st.Exhausted:
		return l.T("my_progress.exam.exhausted")
	case st.NextBy != "":
		return l.T("my_progress.exam.next", "Date", l.Date(st.NextBy))
	case !rep.ThresholdMet:
		return l.T("my_progress.exam.not_yet")
	}
	return l.T("my_progress.exam.waiting")
}

// upcoming is a session ahead of a trainee, with what they said about it.
type upcoming struct {
	courses.Session
	Apology bool   // excused by their own apology, which they may take back
	Note    string // the apology's note
	Marked  string // a mark given otherwise (by the lecturer), which ends apologising
}

// MyCourse is an enrolled run as its trainee sees it ("my courses", the dashboard): its
// progress in words and bars, and the sessions ahead.
type MyCourse struct {
	enrollment.Application
	Progress progressView
	Next     []upcoming // the first few sessions ahead
	Later    []upcoming // the rest, folded away
}

// nextShown is how many sessions ahead stay unfolded: a long run must not bury the page.
const nextShown = 3

// Mine builds, for the person me, the progress and the sessions ahead of each run among as
// (their applications) that they are enrolled in, in the reader's words.
func (s *Service) Mine(ctx context.Context, l *web.Localizer, me int64, as []enrollment.Application, now time.Time) ([]MyCourse, error) {
	q := s.db.R
	var runIDs, ids []int64
	for _, a := range as {
		if a.Status == enrollment.Enrolled {
			runIDs, ids = append(runIDs, a.RunID), append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	// Everything the page needs, read once for all the person's runs.
	runs, err := s.courses.Runs(ctx, courses.RunFilter{IDs: runIDs})
	if err != nil {
		return nil, err
	}
	runOf := make(map[int64]courses.Run, len(runs))
	for _, r := range runs {
		runOf[r.ID] = r
	}
	cs, err := s.courses.Courses(ctx)
	if err != nil {
		return nil, err
	}
	courseOf := make(map[int64]courses.Course, len(cs))
	for _, c := range cs {
		courseOf[c.ID] = c
	}
	sessions, err := s.courses.SessionsOf(ctx, q, runIDs)
	if err != nil {
		return nil, err
	}
	marks, err := ownMarks(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	attempts, err := examsOf(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	own := map[int64]ownMark{} // by enrolment and session: a session belongs to one run
	for _, m := range marks {
		own[m.SessionID] = m
	}
	byEnrol := byEnrolment(plainMarks(marks))
	tries := byAttempt(attempts)
	var out []MyCourse
	for _, a := range as {
		r, ok := runOf[a.RunID]
		if a.Status != enrollment.Enrolled || !ok {
			continue
		}
		course := courseOf[r.CourseID]
		rep := reportFor(course, r, sessions[r.ID], byEnrol[a.ID], tries[a.ID], now, false)
		mc := MyCourse{Application: a, Progress: viewProgress(l, rep, course.MinAttendancePct)}
		for _, ss := range sessions[r.ID] {
			if !now.Before(ss.Start()) {
				continue
			}
			u := upcoming{Session: ss}
			if m, ok := own[ss.ID]; ok && !ss.Cancelled() {
				u.Apology, u.Note = m.Source == SourceApology, m.Note
				if !u.Apology {
					u.Marked = string(m.Status)
				}
			}
			if len(mc.Next) < nextShown {
				mc.Next = append(mc.Next, u)
			} else {
				mc.Later = append(mc.Later, u)
			}
		}
		out = append(out, mc)
	}
	return out, nil
}

// refusedApology is an apology that was refused: its session, the note as typed and, when the
// note itself was the problem, what was wrong with it. The form comes back filled in.
type refusedApology struct {
	SessionID   int64
	Note, Error string
}

// renderMyCourses shows the signed-in person's applications and, for the runs they are
// enrolled in, their progress and the sessions ahead; errs and refused come from a refused
// apology.
func (h *Handlers) renderMyCourses(c *fiber.Ctx, errs []string, refused *refusedApology, status int) error {
	as, err := enrollment.Applications(c.UserContext(), h.svc.db.R, web.Me(c).ID)
	if err != nil {
		return err
	}
	mine, err := h.svc.Mine(c.UserContext(), web.LocalizerOf(c), web.Me(c).ID, as, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "attendance/my_courses", fiber.Map{
		"Title": web.LocalizerOf(c).T("my_courses.title"), "Applications": as, "Courses": mine, "Errors": errs,
		"Refused": refused,
		"Today":   courses.PragueDay(h.clock()),
		"Done":    c.Query("apology"),
	})
}

// apologise excuses the signed-in trainee from a session ahead, with an optional note.
func (h *Handlers) apologise(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	note := c.FormValue("note")
	_, err = h.svc.Apologise(c.UserContext(), web.Me(c), id, note, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		msg := web.Joined(errs)
		return h.renderMyCourses(c, []string{msg}, &refusedApology{SessionID: id, Note: note, Error: msg}, fiber.StatusUnprocessableEntity)
	}
	return h.apologised(c, id, "sent", err)
}

// takeBackApology withdraws the signed-in trainee's apology while the session is ahead.
func (h *Handlers) takeBackApology(c *fiber.Ctx) error {
	id, err := sessionID(c)
	if err != nil {
		return err
	}
	err = h.svc.TakeBackApology(c.UserContext(), web.Me(c), id, h.clock())
	return h.apologised(c, id, "withdrawn", err)
}

// apologised returns to "my courses", saying what happened; a refusal the person can act on
// (the session has begun, the lecturer has marked it, the note is too long) is shown there
// with its status, anything else is an error page.
func (h *Handlers) apologised(c *fiber.Ctx, sessionID int64, done string, err error) error {
	if err == nil {
		return web.Redirect(c, fmt.Sprintf("/my/courses?apology=%s#session-%d", done, sessionID))
	}
	msgs, status, ok := web.FormFailure(c, err)
	if !ok {
		return err
	}
	return h.renderMyCourses(c, msgs, nil, status)
}
