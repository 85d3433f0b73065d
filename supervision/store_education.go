package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/db"
	"mentorlms/web"
)

// The records of continuing education that do not exist (or may not be revealed to).
var (
	ErrHoursNotFound   = web.NotFound("education.hours.not_found")
	ErrJobNotFound     = web.NotFound("education.employment.not_found")
	ErrAbsenceNotFound = web.NotFound("education.absence.not_found")
)

// CompletedCourse is a run a person completed, with its course's hours and the accreditation
// valid on the run's first day (as the attendance sheet and the certificate name it).
type CompletedCourse struct {
	RunID         int64  `db:"run_id" json:"run_id"`
	CourseID      int64  `db:"course_id" json:"course_id"`
	Title         string `db:"title" json:"course"`
	Kind          string `db:"kind" json:"kind"`
	StartsOn      string `db:"starts_on" json:"starts_on"`
	EndsOn        string `db:"ends_on" json:"ends_on"`
	TheoryHours   int    `db:"theory_hours" json:"theory_hours"`
	PracticeHours int    `db:"practice_hours" json:"practice_hours"`
	// Body, BodyName and Number are the accreditation's, "" when none was valid.
	Body     string `db:"body" json:"accreditation_body,omitempty"`
	BodyName string `db:"body_name" json:"accreditation_body_name,omitempty"`
	Number   string `db:"number" json:"accreditation_number,omitempty"`
}

// Hours is the course's hours, theory and practice together.
func (c CompletedCourse) Hours() int { return c.TheoryHours + c.PracticeHours }

// Year is the calendar year the course counts in: the year of the run's last day.
func (c CompletedCourse) Year() int { return yearOf(c.EndsOn) }

// yearOf is the year of a date (YYYY-MM-DD), 0 when it does not parse.
func yearOf(date string) int {
	d, err := time.Parse(web.DateLayout, date)
	if err != nil {
		return 0
	}
	return d.Year()
}

// completedCourses lists the runs a person completed (enrolled, completion recorded), the
// latest first, in one query.
func completedCourses(ctx context.Context, q db.Querier, personID int64) ([]CompletedCourse, error) {
	var out []CompletedCourse
	err := q.SelectContext(ctx, &out, `
		SELECT r.id AS run_id, c.id AS course_id, c.title, c.kind, r.starts_on, r.ends_on, c.theory_hours, c.practice_hours,
		       COALESCE(a.body, '') AS body, COALESCE(a.body_name, '') AS body_name, COALESCE(a.number, '') AS number
		FROM enrollments e
		JOIN runs r ON r.id = e.run_id
		JOIN courses c ON c.id = r.course_id
		LEFT JOIN accreditations a ON a.id = (SELECT a2.id FROM accreditations a2 WHERE a2.course_id = c.id
			AND a2.valid_from <= r.starts_on AND a2.valid_until >= r.starts_on ORDER BY a2.valid_from DESC, a2.id DESC LIMIT 1)
		WHERE e.person_id = ? AND e.status = 'enrolled' AND e.completed_at IS NOT NULL
		ORDER BY r.ends_on DESC, r.id DESC`, personID)
	if err != nil {
		return nil, fmt.Errorf("supervision: completed courses of %d: %w", personID, err)
	}
	return out, nil
}

const selectHours = `
	SELECT h.id, h.person_id, h.organiser, h.title, h.held_on, h.minutes, h.kind,
	       CASE WHEN h.approved_at IS NULL THEN 'pending' ELSE 'approved' END AS status,
	       h.entered_by, COALESCE(eb.name, '') AS entered_by_name, h.entered_at,
	       h.approved_by, COALESCE(ab.name, '') AS approved_by_name, h.approved_at,
	       p.name AS person_name, COALESCE(p.region_code, '') AS region
	FROM external_hours h
	JOIN persons p ON p.id = h.person_id
	LEFT JOIN persons eb ON eb.id = h.entered_by
	LEFT JOIN persons ab ON ab.id = h.approved_by`

// externalHours lists a person's external hours, the latest first.
func externalHours(ctx context.Context, q db.Querier, personID int64) ([]ExternalHours, error) {
	var out []ExternalHours
	if err := q.SelectContext(ctx, &out, selectHours+` WHERE h.person_id = ? ORDER BY h.held_on DESC, h.id DESC`, personID); err != nil {
		return nil, fmt.Errorf("supervision: external hours of %d: %w", personID, err)
	}
	return out, nil
}

// hoursByID reads one entry of external hours.
func hoursByID(ctx context.Context, q db.Querier, id int64) (ExternalHours, error) {
	return byID[ExternalHours](ctx, q, selectHours+` WHERE h.id = ?`, id, ErrHoursNotFound, "external hours")
}

// pendingHours lists a page of the entries awaiting approval, the oldest entered first, with
// how many there are in all.
func pendingHours(ctx context.Context, q db.Querier, limit, offset int) ([]ExternalHours, int, error) {
	var total int
	if err := q.GetContext(ctx, &total, `SELECT COUNT(*) FROM external_hours WHERE approved_at IS NULL`); err != nil {
		return nil, 0, fmt.Errorf("supervision: count pending hours: %w", err)
	}
	var out []ExternalHours
	if err := q.SelectContext(ctx, &out, selectHours+` WHERE h.approved_at IS NULL ORDER BY h.id LIMIT ? OFFSET ?`,
		limit, offset); err != nil {
		return nil, 0, fmt.Errorf("supervision: pending hours: %w", err)
	}
	return out, total, nil
}

func insertHours(ctx context.Context, q db.Querier, personID int64, in HoursInput, actor int64, now time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO external_hours (person_id, organiser, title, held_on, minutes, kind, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, personID, in.Organiser, in.Title, in.HeldOn, in.Minutes, in.Kind, actor, db.Stamp(now))
	if err != nil {
		return 0, fmt.Errorf("supervision: insert external hours of %d: %w", personID, err)
	}
	return res.LastInsertId()
}

// updateHours corrects an entry that is still pending; it reports false when the entry was
// approved meanwhile.
func updateHours(ctx context.Context, q db.Querier, id int64, in HoursInput) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE external_hours SET organiser = ?, title = ?, held_on = ?, minutes = ?, kind = ?
		WHERE id = ? AND approved_at IS NULL`, in.Organiser, in.Title, in.HeldOn, in.Minutes, in.Kind, id)
	if err != nil {
		return false, fmt.Errorf("supervision: update external hours %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// deleteHours deletes an entry that is still pending; it reports false otherwise.
func deleteHours(ctx context.Context, q db.Querier, id int64) (bool, error) {
	res, err := q.ExecContext(ctx, `DELETE FROM external_hours WHERE id = ? AND approved_at IS NULL`, id)
	if err != nil {
		return false, fmt.Errorf("supervision: delete external hours %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// approveHours approves and so locks a pending entry; it reports false when it was not pending.
func approveHours(ctx context.Context, q db.Querier, id, actor int64, now time.Time) (bool, error) {
	res, err := q.ExecContext(ctx, `UPDATE external_hours SET approved_by = ?, approved_at = ? WHERE id = ? AND approved_at IS NULL`,
		actor, db.Stamp(now), id)
	if err != nil {
		return false, fmt.Errorf("supervision: approve external hours %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
