package attendance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"

	"github.com/jmoiron/sqlx"
)

// Report is an enrolment's progress as pages and the API show it: attendance against the
// requirement, the exam where the course has one, and the completion that follows.
type Report struct {
	Progress
	RequiresExam bool       `json:"requires_exam"`
	ExamPassed   bool       `json:"exam_passed"`
	Exam         *ExamState `json:"exam,omitempty"`
	Attempts     []Record   `json:"attempts,omitempty"`
	Complete     bool       `json:"complete"`
	Status       Completion `json:"status"`
	// Minutes of a teaching hour, so that minutes can be read as hours.
	TheoryHour   int `json:"theory_minutes_per_hour"`
	PracticeHour int `json:"practice_minutes_per_hour"`
}

// of adjusts a report to its enrolment: someone who withdrew is not in progress.
func (r Report) of(e enrollment.Enrollment) Report {
	if e.Status == enrollment.Withdrawn && !r.Complete {
		r.Status = WithdrawnOut
	}
	return r
}

// reports works out the reports of a run's enrolments (all of them when only is 0, else the
// one) on the day of now.
func (s *Service) reports(ctx context.Context, q db.Querier, r courses.Run, only int64, now time.Time) (map[int64]Report, error) {
	return s.reportsAs(ctx, q, r, only, now, false)
}

// reportsAs is reports, or, with finishing set, the reports as they would be if the run were
// finished at now with the sessions still to come called off (see courses.Remaining): what the
// confirmation of finishing a run shows.
func (s *Service) reportsAs(ctx context.Context, q db.Querier, r courses.Run, only int64, now time.Time, finishing bool) (map[int64]Report, error) {
	c, sessions, err := s.plan(ctx, q, r)
	if err != nil {
		return nil, err
	}
	return reportsFrom(ctx, q, c, r, sessions, only, now, finishing)
}

// plan reads what a run's reports are measured against: its course and its sessions.
func (s *Service) plan(ctx context.Context, q db.Querier, r courses.Run) (courses.Course, []courses.Session, error) {
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return courses.Course{}, nil, err
	}
	sessions, err := s.courses.Sessions(ctx, q, r.ID)
	if err != nil {
		return courses.Course{}, nil, fmt.Errorf("enrollment: sessions of run %d: %w", r.ID, err)
	}
	return c, sessions, nil
}

// reportsFrom is reportsAs for a caller that has read the run's course and sessions already.
func reportsFrom(ctx context.Context, q db.Querier, c courses.Course, r courses.Run, sessions []courses.Session,
	only int64, now time.Time, finishing bool) (map[int64]Report, error) {
	marks, err := runMarks(ctx, q, r.ID, only)
	if err != nil {
		return nil, err
	}
	attempts, err := exams(ctx, q, r.ID, only)
	if err != nil {
		return nil, err
	}
	var ids []int64
	if err := q.SelectContext(ctx, &ids, `SELECT id FROM enrollments WHERE run_id = ? AND (? = 0 OR id = ?)`,
		r.ID, only, only); err != nil {
		return nil, fmt.Errorf("enrollment: enrolments of run %d: %w", r.ID, err)
	}
	byPerson := byEnrolment(marks)
	tries := byAttempt(attempts)
	out := make(map[int64]Report, len(ids))
	for _, id := range ids {
		out[id] = reportFor(c, r, sessions, byPerson[id], tries[id], now, finishing)
	}
	return out, nil
}

// byAttempt files exam attempts by enrolment, in the order read.
func byAttempt(attempts []Record) map[int64][]Record {
	out := map[int64][]Record{}
	for _, a := range attempts {
		out[a.EnrollmentID] = append(out[a.EnrollmentID], a)
	}
	return out
}

// byEnrolment files marks by enrolment, then session.
func byEnrolment(marks []runMark) map[int64]map[int64]runMark {
	out := map[int64]map[int64]runMark{}
	for _, m := range marks {
		if out[m.EnrollmentID] == nil {
			out[m.EnrollmentID] = map[int64]runMark{}
		}
		out[m.EnrollmentID][m.SessionID] = m
	}
	return out
}

// reportFor works out one enrolment's report from its run's sessions, its marks by session and
// its exam attempts; with finishing, as if the run were finished at now.
func reportFor(c courses.Course, r courses.Run, sessions []courses.Session, marks map[int64]runMark, tries []Record,
	now time.Time, finishing bool) Report {
	if finishing {
		r.Status = courses.StatusFinished
	}
	req := RequirementOf(c)
	req.Settled = r.Status == courses.StatusRunning || r.Status == courses.StatusFinished
	slots := make([]Slot, len(sessions))
	for i, ss := range sessions {
		m, marked := marks[ss.ID]
		off := ss.Cancelled() || (finishing && ss.End().After(now))
		attended := m.Minutes
		if m.Status == Present {
			// Present is the whole session, also one made longer after it was marked in a run
			// that has since finished (whose marks fitMarks leaves as they were).
			attended = ss.Minutes
		}
		slots[i] = Slot{Kind: ss.Kind, Minutes: ss.Minutes, Cancelled: off, Marked: marked, Attended: attended}
	}
	return report(c, r, Measure(req, slots), tries, now)
}

// report puts together the parts of one enrolment's report.
func report(c courses.Course, r courses.Run, p Progress, tries []Record, now time.Time) Report {
	as := make([]Attempt, len(tries))
	for i, t := range tries {
		as[i] = t.attempt()
	}
	exam := Exam(as, r.EndsOn)
	st := Decide(p, Standing{RequiresExam: c.RequiresExam, Exam: exam, RunFinished: r.Status == courses.StatusFinished,
		Today: courses.PragueDay(now)})
	rep := Report{Progress: p, RequiresExam: c.RequiresExam, ExamPassed: exam.Passed, Complete: st == Complete,
		Status: st, TheoryHour: c.TheoryMinutes, PracticeHour: c.PracticeMinutes, Attempts: tries}
	if c.RequiresExam {
		rep.Exam = &exam
	}
	return rep
}

// settle brings the kept completion of a run's enrolments in ids in line with their reports after
// a change of attendance or exam, in the changing transaction. It stamps the day completion was
// reached (clearing it when a correction undoes it), and tells a person once when the
// remaining sessions can no longer bring them to the threshold.
//
// Only the people in ids are read and written: a save of one session's marks costs what that
// roster is, not what the run or its history holds.
func (s *Service) settle(ctx context.Context, q db.Querier, r courses.Run, ids []int64, now time.Time) error {
	c, sessions, err := s.plan(ctx, q, r)
	if err != nil {
		return err
	}
	return s.settleWith(ctx, q, c, r, sessions, ids, now)
}

// settleWith is settle for a caller that has read the run's course and sessions already.
func (s *Service) settleWith(ctx context.Context, q db.Querier, c courses.Course, r courses.Run, sessions []courses.Session,
	ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	marks, err := ownMarks(ctx, q, ids)
	if err != nil {
		return err
	}
	var attempts []Record
	if c.RequiresExam { // attempts at an exam the course does not ask for decide nothing
		if attempts, err = examsOf(ctx, q, ids); err != nil {
			return err
		}
	}
	byPerson, tries := byEnrolment(plainMarks(marks)), byAttempt(attempts)
	// Two statements settle everyone, and each writes only the rows whose completion changes:
	// those complete keep the day they first were, the others lose it.
	var complete, incomplete, short []int64
	for _, id := range ids {
		rep := reportFor(c, r, sessions, byPerson[id], tries[id], now, false)
		if rep.Complete {
			complete = append(complete, id)
		} else {
			incomplete = append(incomplete, id)
		}
		if !rep.Reachable && !rep.ThresholdMet {
			short = append(short, id)
		}
	}
	for _, set := range []struct {
		ids []int64
		sql string
		arg []any
	}{
		{complete, `UPDATE enrollments SET completed_at = ? WHERE completed_at IS NULL AND id IN (?)`, []any{db.Stamp(now)}},
		{incomplete, `UPDATE enrollments SET completed_at = NULL WHERE completed_at IS NOT NULL AND id IN (?)`, nil},
	} {
		if len(set.ids) == 0 {
			continue
		}
		query, args, err := sqlx.In(set.sql, append(set.arg, set.ids)...)
		if err != nil {
			return err
		}
		if _, err := q.ExecContext(ctx, query, args...); err != nil {
			return fmt.Errorf("enrollment: settle run %d: %w", r.ID, err)
		}
	}
	return s.tellShort(ctx, q, c, short, now)
}

// SettleRun settles every enrolment of a run still under way (planned, open or running) after a
// change of the run, its sessions or its course (courses.Service.Settle), inside the changing
// transaction. A session made longer or shorter after its marks were written has its present
// marks follow (fitMarks).
func (s *Service) SettleRun(ctx context.Context, q db.Querier, runID int64, now time.Time) error {
	r, err := s.courses.Run(ctx, q, runID)
	if err != nil {
		return err
	}
	if r.Status == courses.StatusFinished || r.Status == courses.StatusCancelled {
		// What a run ended with stays: finishing changes nobody's attended minutes, and a later
		// change must not rewrite results that certificates may stand on.
		return nil
	}
	if err := fitMarks(ctx, q, runID); err != nil {
		return err
	}
	var ids []int64
	if err := q.SelectContext(ctx, &ids, `SELECT id FROM enrollments WHERE run_id = ? AND status = 'enrolled'`, runID); err != nil {
		return fmt.Errorf("enrollment: enrolments of run %d: %w", runID, err)
	}
	return s.settle(ctx, q, r, ids, now)
}

// FinishOutlook says what finishing a run at now would make of its enrolled people, for the
// confirmation page (courses.Outlook): who has completed it, who would fail, and who would
// still be in progress (waiting for an exam after the run).
func (s *Service) FinishOutlook(ctx context.Context, runID int64, now time.Time) (courses.Outlook, error) {
	q := s.db.R
	r, err := s.courses.Run(ctx, q, runID)
	if err != nil {
		return courses.Outlook{}, err
	}
	reps, err := s.reportsAs(ctx, q, r, 0, now, true)
	if err != nil {
		return courses.Outlook{}, err
	}
	es, err := enrollment.Roster(ctx, q, runID)
	if err != nil {
		return courses.Outlook{}, err
	}
	slices.SortStableFunc(es, func(a, b enrollment.Enrollment) int { return strings.Compare(a.SortKey, b.SortKey) })
	var out courses.Outlook
	for _, e := range es {
		if e.Status != enrollment.Enrolled {
			continue
		}
		switch reps[e.ID].Status {
		case Complete:
			out.Complete = append(out.Complete, e.PersonName)
		case Failed:
			out.Fail = append(out.Fail, e.PersonName)
		default:
			out.Pending = append(out.Pending, e.PersonName)
		}
	}
	return out, nil
}
