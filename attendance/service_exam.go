package attendance

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// ExamSheet is an enrolment with its run, course and report, for recording the exam.
type ExamSheet struct {
	Enrollment enrollment.Enrollment `json:"enrollment"`
	Run        courses.Run           `json:"run"`
	Course     courses.Course        `json:"course"`
	Report     Report                `json:"progress"`
}

// examSheet reads what recording an exam needs, for someone who teaches the run.
func (s *Service) examSheet(ctx context.Context, q db.Querier, actor *web.Principal, id int64, now time.Time) (ExamSheet, error) {
	e, err := enrollment.Get(ctx, q, id)
	if err != nil {
		return ExamSheet{}, err
	}
	r, err := s.courses.Run(ctx, q, e.RunID)
	if err != nil {
		return ExamSheet{}, err
	}
	if !teaches(actor, r, 0) {
		return ExamSheet{}, web.Forbidden()
	}
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return ExamSheet{}, err
	}
	reps, err := s.reports(ctx, q, r, id, now)
	if err != nil {
		return ExamSheet{}, err
	}
	return ExamSheet{Enrollment: e, Run: r, Course: c, Report: reps[id]}, nil
}

// ExamOf reads an enrolment's exam sheet for someone who teaches the run.
func (s *Service) ExamOf(ctx context.Context, actor *web.Principal, id int64, now time.Time) (ExamSheet, error) {
	return s.examSheet(ctx, s.db.R, actor, id, now)
}

// RecordExam records an attempt at the final exam. An attempt on the day of the latest one
// corrects it (a result entered wrongly, or a missed exam's excuse arriving later); any other
// day is a new attempt, allowed only at or above the attendance threshold, after the last
// attempt and within the time the rules give.
func (s *Service) RecordExam(ctx context.Context, actor *web.Principal, id int64, in ExamInput, now time.Time) (ExamSheet, error) {
	var out ExamSheet
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		sh, err := s.examSheet(ctx, tx, actor, id, now)
		if err != nil {
			return err
		}
		if sh.Enrollment.PersonID == actor.ID {
			return web.Forbidden() // nobody records their own exam
		}
		if !sh.Course.RequiresExam {
			return web.Conflict("exam.not_required")
		}
		if sh.Enrollment.Status != enrollment.Enrolled {
			return web.Conflict("enrollment.not_active")
		}
		f := in.Validate(courses.PragueDay(now))
		if in.HeldOn != "" && in.HeldOn < sh.Run.StartsOn {
			f.Add("held_on", "exam.held_on.before_run", "StartDate", sh.Run.StartsOn)
		}
		if err := f.Err(); err != nil {
			return err
		}
		if !sh.Report.ThresholdMet {
			key := "exam.below_threshold"
			if sh.Report.Practice.Total == 0 {
				key = "exam.below_threshold.theory"
			}
			return web.Conflict(key, "Percent", sh.Report.Percent, "Min", sh.Course.MinAttendancePct)
		}
		tries := sh.Report.Attempts
		rec := Record{EnrollmentID: id, Attempt: len(tries) + 1, HeldOn: in.HeldOn, Outcome: in.Outcome(),
			IdentityChecked: in.IdentityChecked, Parts: in.Parts, Commission: in.Commission, RecordedAt: db.Stamp(now)}
		if in.ExcusedOn != "" {
			rec.ExcusedOn = &in.ExcusedOn
		}
		action := "exam.record"
		var before any
		if n := len(tries); n > 0 && tries[n-1].HeldOn == in.HeldOn {
			// A correction of the latest attempt: the rules apply to the attempts before it.
			last := tries[n-1]
			rec.ID, rec.Attempt, before, action = last.ID, last.Attempt, last, "exam.correct"
			tries = tries[:n-1]
		}
		as := make([]Attempt, len(tries))
		for i, t := range tries {
			as[i] = t.attempt()
		}
		if ok, why := Exam(as, sh.Run.EndsOn).CanSit(in.HeldOn); !ok {
			return &web.Error{Code: web.CodeConflict, Msg: why}
		}
		if err := saveExam(ctx, tx, &rec, actor.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: action, Entity: "enrollment",
			EntityID: id, Before: before, After: rec}); err != nil {
			return err
		}
		if err := s.settle(ctx, tx, sh.Run, []int64{id}, now); err != nil {
			return err
		}
		out, err = s.examSheet(ctx, tx, actor, id, now)
		return err
	})
	return out, err
}
