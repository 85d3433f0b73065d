package home

import (
	"context"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
)

// The dashboard's lists are short by design: a page shows what needs doing, the full list is
// one link away. Each is one query, whatever the installation's history.
const panelLimit = 20

// sessionItem is a session as a dashboard lists it.
type sessionItem struct {
	ID          int64  `db:"id"`
	RunID       int64  `db:"run_id"`
	StartsAt    string `db:"starts_at"`
	EndsAt      string `db:"ends_at"`
	Kind        string `db:"kind"`
	Topic       string `db:"topic"`
	CourseTitle string `db:"course_title"`
	Town        string `db:"town"`
	Online      bool   `db:"online"`
	Enrolled    int    `db:"enrolled"`
	Marked      int    `db:"marked"`
}

// Start is the session's start as an instant.
func (s sessionItem) Start() time.Time { t, _ := time.Parse(time.RFC3339Nano, s.StartsAt); return t }

// End is the session's end as an instant.
func (s sessionItem) End() time.Time { t, _ := time.Parse(time.RFC3339Nano, s.EndsAt); return t }

// selectSessionItem reads sessions that take place, with how many are enrolled in the run and
// how many of them have a mark for the session.
const selectSessionItem = `SELECT s.id, s.run_id, s.starts_at, s.ends_at, s.kind, s.topic, c.title AS course_title,
	r.town, r.online,
	(SELECT COUNT(*) FROM enrollments e WHERE e.run_id = s.run_id AND e.status = 'enrolled') AS enrolled,
	(SELECT COUNT(*) FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id
		WHERE a.session_id = s.id AND e.status = 'enrolled') AS marked
	FROM sessions s JOIN runs r ON r.id = s.run_id JOIN courses c ON c.id = r.course_id
	WHERE s.cancelled_at IS NULL AND r.status <> 'cancelled' AND s.lecturer_id = ?`

// teaching lists the sessions a lecturer teaches that start in [from, until).
func teaching(ctx context.Context, q db.Querier, lecturer int64, from, until time.Time) ([]sessionItem, error) {
	var out []sessionItem
	err := q.SelectContext(ctx, &out, selectSessionItem+` AND s.starts_at >= ? AND s.starts_at < ?
		ORDER BY s.starts_at LIMIT ?`, lecturer, db.Stamp(from), db.Stamp(until), panelLimit)
	return out, err
}

// unmarked lists the lecturer's sessions that ended after since and before now with someone
// enrolled still without a mark, the latest first.
func unmarked(ctx context.Context, q db.Querier, lecturer int64, since, now time.Time) ([]sessionItem, error) {
	var out []sessionItem
	err := q.SelectContext(ctx, &out, `SELECT * FROM (`+selectSessionItem+` AND s.ends_at <= ? AND s.ends_at > ?)
		WHERE marked < enrolled ORDER BY starts_at DESC LIMIT ?`, lecturer, db.Stamp(now), db.Stamp(since), panelLimit)
	return out, err
}

// staleRecord is someone waiting for a decision whose record extract will not do for it.
type staleRecord struct {
	PersonID int64  `db:"person_id"`
	Name     string `db:"name"`
	IssuedOn string `db:"issued_on"` // "" when there is none
	Clean    bool   `db:"clean"`
}

// staleRecords lists the trainees (no staff role) of region with a pending or waitlisted
// application whose latest extract is missing, not clean, or issued before oldest: approving
// them needs a new extract first.
func staleRecords(ctx context.Context, q db.Querier, region, oldest string) ([]staleRecord, error) {
	var out []staleRecord
	err := q.SelectContext(ctx, &out, `SELECT person_id, name, COALESCE(issued_on, '') AS issued_on, COALESCE(clean, 1) AS clean
		FROM (SELECT p.id AS person_id, p.name,
		(SELECT rc.issued_on FROM record_checks rc WHERE rc.person_id = p.id ORDER BY rc.issued_on DESC, rc.id DESC LIMIT 1) AS issued_on,
		(SELECT rc.clean FROM record_checks rc WHERE rc.person_id = p.id ORDER BY rc.issued_on DESC, rc.id DESC LIMIT 1) AS clean
		FROM persons p WHERE p.region_code = ? AND p.active = 1
		AND NOT EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = p.id AND pr.role <> 'trainee')
		AND EXISTS (SELECT 1 FROM enrollments e WHERE e.person_id = p.id AND e.status IN ('pending', 'waitlisted')))
		WHERE issued_on IS NULL OR clean = 0 OR issued_on < ? ORDER BY issued_on, name LIMIT ?`, region, oldest, panelLimit)
	return out, err
}

// certificateDue is a run whose complete enrolments wait for their certificates.
type certificateDue struct {
	RunID    int64  `db:"run_id"`
	Title    string `db:"title"`
	StartsOn string `db:"starts_on"`
	EndsOn   string `db:"ends_on"`
	Count    int    `db:"n"`
}

// certificatesDue lists the runs over by today with complete enrolments that hold no valid
// certificate, the longest waiting first.
func certificatesDue(ctx context.Context, q db.Querier, today string) ([]certificateDue, error) {
	var out []certificateDue
	err := q.SelectContext(ctx, &out, `SELECT r.id AS run_id, c.title, r.starts_on, r.ends_on, COUNT(*) AS n
		FROM enrollments e JOIN runs r ON r.id = e.run_id JOIN courses c ON c.id = r.course_id
		WHERE e.status = 'enrolled' AND e.completed_at IS NOT NULL AND r.ends_on <= ?
		AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.enrollment_id = e.id AND x.revoked_on IS NULL)
		GROUP BY r.id, c.title, r.starts_on, r.ends_on ORDER BY r.ends_on, r.id LIMIT ?`, today, panelLimit)
	return out, err
}

// expiring is an accreditation whose validity ends soon.
type expiring struct {
	CourseID   int64  `db:"course_id"`
	Title      string `db:"title"`
	Body       string `db:"body"`
	Number     string `db:"number"`
	ValidUntil string `db:"valid_until"`
	Runs       int    `db:"runs"`
}

// expiringAccreditations lists accreditations that end between from and until, with how many
// runs not yet finished start while they are valid.
func expiringAccreditations(ctx context.Context, q db.Querier, from, until string) ([]expiring, error) {
	var out []expiring
	err := q.SelectContext(ctx, &out, `SELECT a.course_id, c.title, a.body, a.number, a.valid_until,
		(SELECT COUNT(*) FROM runs r WHERE r.course_id = a.course_id AND r.status IN ('planned', 'open', 'running')
			AND r.starts_on BETWEEN a.valid_from AND a.valid_until) AS runs
		FROM accreditations a JOIN courses c ON c.id = a.course_id
		WHERE a.valid_until BETWEEN ? AND ? ORDER BY a.valid_until LIMIT ?`, from, until, panelLimit)
	return out, err
}

// runsThisWeek lists the runs not cancelled that start or end in [from, until].
func runsThisWeek(ctx context.Context, s *courses.Store, q db.Querier, from, until string) ([]courses.Listing, error) {
	var ids []int64
	if err := q.SelectContext(ctx, &ids, `SELECT id FROM runs WHERE status <> 'cancelled'
		AND (starts_on BETWEEN ? AND ? OR ends_on BETWEEN ? AND ?) ORDER BY starts_on, id LIMIT ?`,
		from, until, from, until, panelLimit); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.Listings(ctx, courses.RunFilter{IDs: ids})
}
