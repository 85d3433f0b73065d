package enrollment

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// Status is where an application stands.
type Status string

// The statuses of an enrolment.
const (
	Pending    Status = "pending"
	Enrolled   Status = "enrolled"
	Waitlisted Status = "waitlisted"
	Rejected   Status = "rejected"
	Withdrawn  Status = "withdrawn"
)

// ErrNotFound answers an enrolment that does not exist.
var ErrNotFound = web.NotFound("enrollment.not_found")

// Enrollment is one person's application to one run. Its id orders arrivals: the waitlist is
// served first come, first served.
type Enrollment struct {
	ID         int64   `db:"id" json:"id"`
	RunID      int64   `db:"run_id" json:"run_id"`
	PersonID   int64   `db:"person_id" json:"person_id"`
	PersonName string  `db:"person_name" json:"person_name"`
	Region     string  `db:"region" json:"region,omitempty"`
	Status     Status  `db:"status" json:"status"`
	Reason     string  `db:"reason" json:"reason,omitempty"`
	CreatedAt  string  `db:"created_at" json:"created_at"`
	UpdatedAt  string  `db:"updated_at" json:"updated_at"`
	DecidedAt  *string `db:"decided_at" json:"decided_at,omitempty"`
	// Staff is whether the person holds a role besides trainee, which decides who may decide
	// about the enrolment (web.Principal.Decides).
	Staff bool `db:"staff" json:"-"`
	// SortKey orders people by surname the Czech way.
	SortKey string `db:"sort_key" json:"-"`
}

const selectEnrollment = `SELECT e.id, e.run_id, e.person_id, p.name AS person_name,
	COALESCE(p.region_code, '') AS region, e.status, e.reason, e.created_at, e.updated_at, e.decided_at, p.sort_key,
	EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = e.person_id AND pr.role <> 'trainee') AS staff
	FROM enrollments e JOIN persons p ON p.id = e.person_id`

// Get reads one enrolment with its person's name and region.
func Get(ctx context.Context, q db.Querier, id int64) (Enrollment, error) {
	var e Enrollment
	if err := q.GetContext(ctx, &e, selectEnrollment+` WHERE e.id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return e, ErrNotFound
		}
		return e, fmt.Errorf("enrollment: get %d: %w", id, err)
	}
	return e, nil
}

// Some reads the enrolments ids by id, in one query: a batch of them at once.
func Some(ctx context.Context, q db.Querier, ids []int64) (map[int64]Enrollment, error) {
	out := make(map[int64]Enrollment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectEnrollment+` WHERE e.id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var es []Enrollment
	if err := q.SelectContext(ctx, &es, query, args...); err != nil {
		return nil, fmt.Errorf("enrollment: some: %w", err)
	}
	for _, e := range es {
		out[e.ID] = e
	}
	return out, nil
}

// Roster lists a run's enrolments in arrival order.
func Roster(ctx context.Context, q db.Querier, runID int64) ([]Enrollment, error) {
	var es []Enrollment
	err := q.SelectContext(ctx, &es, selectEnrollment+` WHERE e.run_id = ? ORDER BY e.id`, runID)
	return es, err
}
