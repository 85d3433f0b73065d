package attendance

import (
	"context"
	"time"

	"mentorlms/courses"
	"mentorlms/enrollment"
)

// OwnState says where a person stands in a run, for the run's page (courses.Handlers.Own):
// their latest application, its place on the waitlist, and whether they have completed the
// run. Nil when they never applied.
func (s *Service) OwnState(ctx context.Context, runID, personID int64, now time.Time) (*courses.OwnState, error) {
	var row []struct {
		ID        int64  `db:"id"`
		Status    string `db:"status"`
		Reason    string `db:"reason"`
		Completed bool   `db:"completed"`
		Position  int    `db:"position"`
	}
	if err := s.db.R.SelectContext(ctx, &row, `SELECT e.id, e.status, e.reason, e.completed_at IS NOT NULL AS completed,
		(SELECT COUNT(*) FROM enrollments w WHERE w.run_id = e.run_id AND w.status = 'waitlisted' AND w.id <= e.id) AS position
		FROM enrollments e WHERE e.run_id = ? AND e.person_id = ? ORDER BY e.id DESC LIMIT 1`, runID, personID); err != nil {
		return nil, err
	}
	if len(row) == 0 {
		return nil, nil
	}
	r := row[0]
	run, err := s.courses.Run(ctx, s.db.R, runID)
	if err != nil {
		return nil, err
	}
	a := enrollment.Application{Enrollment: enrollment.Enrollment{Status: enrollment.Status(r.Status)},
		EndsOn: run.EndsOn, RunStatus: string(run.Status), Completed: r.Completed}
	return &courses.OwnState{EnrollmentID: r.ID, Status: r.Status, Reason: r.Reason, Complete: r.Completed,
		Position: r.Position, Withdrawable: a.Withdrawable(courses.PragueDay(now))}, nil
}
