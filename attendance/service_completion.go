package attendance

import (
	"context"
	"slices"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// Row is one line of a run's completion table.
type Row struct {
	enrollment.Enrollment
	Report Report `json:"progress"`
}

// CompletionTable is a run's completion table: everyone enrolled, and those who withdrew.
type CompletionTable struct {
	Run    courses.Run    `json:"run"`
	Course courses.Course `json:"course"`
	Rows   []Row          `json:"items"`
}

// Completion reads a run's completion table for its staff: admins, the run's lecturers, and
// coordinators (who see the people of their own region).
func (s *Service) Completion(ctx context.Context, actor *web.Principal, runID int64, now time.Time) (CompletionTable, error) {
	q := s.db.R
	r, err := s.courses.Run(ctx, q, runID)
	if err != nil {
		return CompletionTable{}, err
	}
	coordinator := !teaches(actor, r, 0)
	if coordinator && !actor.Has(web.RoleCoordinator) {
		return CompletionTable{}, web.Forbidden()
	}
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return CompletionTable{}, err
	}
	es, err := enrollment.Roster(ctx, q, runID)
	if err != nil {
		return CompletionTable{}, err
	}
	es = slices.DeleteFunc(es, func(e enrollment.Enrollment) bool {
		return (e.Status != enrollment.Enrolled && e.Status != enrollment.Withdrawn) || (coordinator && e.Region != actor.Region)
	})
	reps, err := s.reports(ctx, q, r, 0, now)
	if err != nil {
		return CompletionTable{}, err
	}
	slices.SortStableFunc(es, func(a, b enrollment.Enrollment) int { return strings.Compare(a.SortKey, b.SortKey) })
	t := CompletionTable{Run: r, Course: c, Rows: make([]Row, len(es))}
	for i, e := range es {
		t.Rows[i] = Row{Enrollment: e, Report: reps[e.ID].of(e)}
	}
	return t, nil
}

// ReportOf works out one enrolment's report.
func (s *Service) ReportOf(ctx context.Context, e enrollment.Enrollment, now time.Time) (Report, error) {
	r, err := s.courses.Run(ctx, s.db.R, e.RunID)
	if err != nil {
		return Report{}, err
	}
	reps, err := s.reports(ctx, s.db.R, r, e.ID, now)
	return reps[e.ID].of(e), err
}

// Standings works out the reports of every enrolment of run r through q, so that a caller
// deciding on them (issuing certificates, one or a run's) reads inside its own transaction,
// and once for all of them. A run has a few dozen enrolments at most: one certificate reads
// its run's reports all the same.
func (s *Service) Standings(ctx context.Context, q db.Querier, r courses.Run, now time.Time) (map[int64]Report, error) {
	return s.reports(ctx, q, r, 0, now)
}
