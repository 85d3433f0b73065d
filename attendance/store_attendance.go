package attendance

import (
	"context"
	"fmt"
	"strings"

	"mentorlms/db"

	"github.com/jmoiron/sqlx"
)

// lines lists a session's attendance: everyone enrolled in its run, and anyone else who has a
// mark (they withdrew after it), by surname the Czech way.
func lines(ctx context.Context, q db.Querier, sessionID, runID int64) ([]Line, error) {
	var ls []Line
	err := q.SelectContext(ctx, &ls, `SELECT e.id AS enrollment_id, e.person_id, p.name,
		e.status = 'enrolled' AS enrolled, a.status, COALESCE(a.minutes, 0) AS minutes,
		COALESCE(a.source, '') AS source, COALESCE(a.note, '') AS note, a.recorded_at
		FROM enrollments e JOIN persons p ON p.id = e.person_id
		LEFT JOIN attendance a ON a.enrollment_id = e.id AND a.session_id = ?
		WHERE e.run_id = ? AND (e.status = 'enrolled' OR a.status IS NOT NULL)
		ORDER BY p.sort_key, p.id`, sessionID, runID)
	if err != nil {
		return nil, fmt.Errorf("enrollment: attendance of session %d: %w", sessionID, err)
	}
	return ls, nil
}

// putMark writes one person's mark for a session, replacing any earlier one.
func putMark(ctx context.Context, q db.Querier, sessionID, enrollmentID int64, st Presence, minutes int,
	source, note string, by int64, at string) error {
	_, err := q.ExecContext(ctx, `INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, note,
		recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (session_id, enrollment_id) DO UPDATE SET status = excluded.status, minutes = excluded.minutes,
		source = excluded.source, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
		sessionID, enrollmentID, st, minutes, source, note, by, at)
	if err != nil {
		return fmt.Errorf("enrollment: mark session %d enrolment %d: %w", sessionID, enrollmentID, err)
	}
	return nil
}

// ownMark is a mark of one of a person's enrolments, with what its trainee sees of it.
type ownMark struct {
	runMark
	Source string `db:"source"`
	Note   string `db:"note"`
}

// ownMarks reads every mark of some enrolments in one query: a person's few, or the people a
// save changed.
func ownMarks(ctx context.Context, q db.Querier, enrollmentIDs []int64) ([]ownMark, error) {
	if len(enrollmentIDs) == 0 {
		return nil, nil
	}
	query, args, err := sqlx.In(`SELECT session_id, enrollment_id, status, minutes, source, note FROM attendance
		WHERE enrollment_id IN (?)`, enrollmentIDs)
	if err != nil {
		return nil, err
	}
	var ms []ownMark
	if err := q.SelectContext(ctx, &ms, query, args...); err != nil {
		return nil, fmt.Errorf("enrollment: marks of enrolments: %w", err)
	}
	return ms, nil
}

// plainMarks is marks without what their trainee sees of them, for adding up progress.
func plainMarks(marks []ownMark) []runMark {
	out := make([]runMark, len(marks))
	for i, m := range marks {
		out[i] = m.runMark
	}
	return out
}

// mark is one mark of a save: whose, and what.
type mark struct {
	EnrollmentID int64
	Status       Presence
	Minutes      int
}

// putMarks writes the marks of one session in one statement, replacing earlier ones; all come
// from source, by one person at one instant, without a note.
func putMarks(ctx context.Context, q db.Querier, sessionID int64, marks []mark, source string, by int64, at string) error {
	if len(marks) == 0 {
		return nil
	}
	values := strings.Repeat(", (?, ?, ?, ?, ?, '', ?, ?)", len(marks))[2:]
	args := make([]any, 0, 7*len(marks))
	for _, m := range marks {
		args = append(args, sessionID, m.EnrollmentID, m.Status, m.Minutes, source, by, at)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, note,
		recorded_by, recorded_at) VALUES `+values+`
		ON CONFLICT (session_id, enrollment_id) DO UPDATE SET status = excluded.status, minutes = excluded.minutes,
		source = excluded.source, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
		args...)
	if err != nil {
		return fmt.Errorf("enrollment: mark session %d: %w", sessionID, err)
	}
	return nil
}

// fitMarks keeps the stored minutes of a run's present marks equal to their sessions' lengths
// after a session was made longer or shorter: present means the whole session, so nothing
// recorded changes (the session's change is in the audit log). A late arrival keeps the minutes
// the lecturer wrote, and counts at most the whole session when progress is added up.
func fitMarks(ctx context.Context, q db.Querier, runID int64) error {
	_, err := q.ExecContext(ctx, `UPDATE attendance
		SET minutes = (SELECT s.minutes FROM sessions s WHERE s.id = attendance.session_id)
		WHERE status = 'present' AND session_id IN (SELECT id FROM sessions WHERE run_id = ?)
			AND minutes <> (SELECT s.minutes FROM sessions s WHERE s.id = attendance.session_id)`, runID)
	if err != nil {
		return fmt.Errorf("attendance: fit present marks of run %d: %w", runID, err)
	}
	return nil
}

// deleteMark removes one person's mark for a session.
func deleteMark(ctx context.Context, q db.Querier, sessionID, enrollmentID int64) error {
	_, err := q.ExecContext(ctx, `DELETE FROM attendance WHERE session_id = ? AND enrollment_id = ?`, sessionID, enrollmentID)
	return err
}

// runMark is a mark with the session it belongs to, for adding up progress.
type runMark struct {
	SessionID    int64    `db:"session_id"`
	EnrollmentID int64    `db:"enrollment_id"`
	Status       Presence `db:"status"`
	Minutes      int      `db:"minutes"`
}

// runMarks reads every mark of a run's sessions, or of one enrolment when enrollmentID > 0.
func runMarks(ctx context.Context, q db.Querier, runID, enrollmentID int64) ([]runMark, error) {
	var ms []runMark
	err := q.SelectContext(ctx, &ms, `SELECT a.session_id, a.enrollment_id, a.status, a.minutes
		FROM attendance a JOIN sessions s ON s.id = a.session_id
		WHERE s.run_id = ? AND (? = 0 OR a.enrollment_id = ?)`, runID, enrollmentID, enrollmentID)
	if err != nil {
		return nil, fmt.Errorf("enrollment: marks of run %d: %w", runID, err)
	}
	return ms, nil
}
