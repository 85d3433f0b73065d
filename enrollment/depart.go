package enrollment

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// upcoming is an application of a person in a run that has not started.
type upcoming struct {
	Enrollment
	Course   string `db:"course"`
	StartsOn string `db:"starts_on"`
}

// upcomingOf reads a person's active applications (pending, enrolled, waitlisted) in runs that
// have not started as of now, in the order the runs start.
func upcomingOf(ctx context.Context, q db.Querier, personID int64, now time.Time) ([]upcoming, error) {
	var out []upcoming
	if err := q.SelectContext(ctx, &out, `SELECT e.id, e.run_id, e.person_id, p.name AS person_name,
		COALESCE(p.region_code, '') AS region, e.status, e.reason, e.created_at, e.updated_at, e.decided_at, p.sort_key,
		EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = e.person_id AND pr.role <> 'trainee') AS staff,
		c.title AS course, r.starts_on
		FROM enrollments e JOIN persons p ON p.id = e.person_id JOIN runs r ON r.id = e.run_id JOIN courses c ON c.id = r.course_id
		WHERE e.person_id = ? AND e.status IN ('pending', 'enrolled', 'waitlisted')
		AND r.status IN ('planned', 'open') AND r.starts_on > ?
		ORDER BY r.starts_on, r.id`, personID, courses.PragueDay(now)); err != nil {
		return nil, fmt.Errorf("enrollment: upcoming of %d: %w", personID, err)
	}
	return out, nil
}

// Depart withdraws, inside the transaction that deactivates a person, their applications in
// runs that have not started: a seat they held goes to the first on the waitlist, as on any
// withdrawal. Runs under way keep them, because their attendance there is a record.
func (s *Service) Depart(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, personID int64, now time.Time) error {
	list, err := upcomingOf(ctx, tx, personID, now)
	if err != nil {
		return err
	}
	for _, u := range list {
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = 'withdrawn', updated_at = ? WHERE id = ?`,
			db.Stamp(now), u.ID); err != nil {
			return err
		}
		after := u.Enrollment
		after.Status = Withdrawn
		if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "enrollment.withdraw", Entity: "enrollment",
			EntityID: u.ID, Before: u.Enrollment, After: after}); err != nil {
			return err
		}
		if u.Status != Enrolled {
			continue
		}
		r, err := s.courses.Run(ctx, tx, u.RunID)
		if err != nil {
			return err
		}
		if err := s.promote(ctx, tx, r, now); err != nil {
			return err
		}
	}
	return nil
}

// DepartOutlook says, for the page that confirms a deactivation, which applications it would
// withdraw and whether a seat goes to the waitlist.
func (s *Service) DepartOutlook(ctx context.Context, personID int64, now time.Time) ([]web.Msg, error) {
	list, err := upcomingOf(ctx, s.db.R, personID, now)
	if err != nil {
		return nil, err
	}
	out := make([]web.Msg, 0, len(list))
	for _, u := range list {
		key := "confirm_deactivate.withdraw"
		if u.Status == Enrolled {
			key = "confirm_deactivate.withdraw_seat"
		}
		out = append(out, web.M(key, "Course", u.Course, "Date", u.StartsOn))
	}
	return out, nil
}
