package enrollment

import (
	"context"
	"fmt"

	"mentorlms/courses"
	"mentorlms/db"
)

// Application is an enrolment as the pages list it: with its run's dates and course title.
type Application struct {
	Enrollment
	CourseTitle string `db:"course_title"`
	StartsOn    string `db:"starts_on"`
	EndsOn      string `db:"ends_on"`
	RunStatus   string `db:"run_status"`
	Completed   bool   `db:"completed"`
}

// Withdrawable reports whether the application may still be withdrawn on today (YYYY-MM-DD):
// it is active, the run is not over and the person has not completed it (see withdrawable).
func (a Application) Withdrawable(today string) bool {
	active := a.Status == Pending || a.Status == Enrolled || a.Status == Waitlisted
	return active && withdrawRefusal(courses.Status(a.RunStatus), a.EndsOn, a.Completed, today) == ""
}

const selectApplication = `SELECT e.id, e.run_id, e.person_id, p.name AS person_name,
	COALESCE(p.region_code, '') AS region, e.status, e.reason, e.created_at, e.updated_at, e.decided_at,
	c.title AS course_title, r.starts_on, r.ends_on, r.status AS run_status, e.completed_at IS NOT NULL AS completed,
	EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = e.person_id AND pr.role <> 'trainee') AS staff
	FROM enrollments e JOIN persons p ON p.id = e.person_id JOIN runs r ON r.id = e.run_id
	JOIN courses c ON c.id = r.course_id`

// Applications lists a person's applications, the latest run first.
func Applications(ctx context.Context, q db.Querier, personID int64) ([]Application, error) {
	var as []Application
	if err := q.SelectContext(ctx, &as, selectApplication+` WHERE e.person_id = ? ORDER BY r.starts_on DESC, e.id DESC`,
		personID); err != nil {
		return nil, fmt.Errorf("enrollment: applications of %d: %w", personID, err)
	}
	return as, nil
}

// Queue lists the pending applications of people of region (of every region when all is
// set), oldest first.
func Queue(ctx context.Context, q db.Querier, region string, all bool) ([]Application, error) {
	query, args := selectApplication+` WHERE e.status = 'pending'`, []any{}
	if !all {
		query, args = query+` AND p.region_code = ?`, append(args, region)
	}
	var as []Application
	if err := q.SelectContext(ctx, &as, query+` ORDER BY e.id`, args...); err != nil {
		return nil, fmt.Errorf("enrollment: queue of %q: %w", region, err)
	}
	return as, nil
}
