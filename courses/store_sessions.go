package courses

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// selectSession reads sessions; those of a cancelled run read as cancelled with the run's
// reason, so that no page, feed or sum counts them.
const selectSession = `SELECT s.id, s.run_id, s.starts_at, s.ends_at, s.minutes, s.kind, s.module_id, s.topic,
	s.lecturer_id, p.name AS lecturer_name,
	CASE WHEN s.cancelled_at IS NULL AND rs.status = 'cancelled' THEN rs.updated_at ELSE s.cancelled_at END AS cancelled_at,
	CASE WHEN s.cancelled_at IS NULL AND rs.status = 'cancelled' THEN rs.cancel_reason ELSE s.cancel_reason END AS cancel_reason
	FROM sessions s JOIN persons p ON p.id = s.lecturer_id JOIN runs rs ON rs.id = s.run_id`

// SessionsOf lists the sessions of several runs (a person's few) in one query, by run, each
// run's in time order.
func (s *Store) SessionsOf(ctx context.Context, q db.Querier, runIDs []int64) (map[int64][]Session, error) {
	out := map[int64][]Session{}
	if len(runIDs) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectSession+` WHERE s.run_id IN (?) ORDER BY s.run_id, s.starts_at, s.id`, runIDs)
	if err != nil {
		return nil, err
	}
	var ss []Session
	if err := q.SelectContext(ctx, &ss, query, args...); err != nil {
		return nil, fmt.Errorf("courses: sessions of runs: %w", err)
	}
	for _, x := range ss {
		out[x.RunID] = append(out[x.RunID], x)
	}
	return out, nil
}

// Sessions lists a run's sessions in time order, cancelled ones included.
func (s *Store) Sessions(ctx context.Context, q db.Querier, runID int64) ([]Session, error) {
	var ss []Session
	err := q.SelectContext(ctx, &ss, selectSession+` WHERE s.run_id = ? ORDER BY s.starts_at, s.id`, runID)
	return ss, err
}

// SessionAmong returns a session and every session of its run, itself among them, in time order,
// in one query: what a save of the session's attendance is measured against.
func (s *Store) SessionAmong(ctx context.Context, q db.Querier, id int64) (Session, []Session, error) {
	var ss []Session
	if err := q.SelectContext(ctx, &ss, selectSession+` WHERE s.run_id = (SELECT run_id FROM sessions WHERE id = ?)
		ORDER BY s.starts_at, s.id`, id); err != nil {
		return Session{}, nil, fmt.Errorf("courses: sessions beside session %d: %w", id, err)
	}
	for _, x := range ss {
		if x.ID == id {
			return x, ss, nil
		}
	}
	return Session{}, nil, ErrSessionNotFound
}

// Session returns one session.
func (s *Store) Session(ctx context.Context, q db.Querier, id int64) (Session, error) {
	var ss Session
	if err := q.GetContext(ctx, &ss, selectSession+` WHERE s.id = ?`, id); err != nil {
		return ss, notFound(err, ErrSessionNotFound, fmt.Sprintf("session %d", id))
	}
	return ss, nil
}

// LecturerSessions lists the sessions a person teaches from an instant on, in time order.
func (s *Store) LecturerSessions(ctx context.Context, personID int64, from time.Time) ([]Session, error) {
	var ss []Session
	err := s.db.R.SelectContext(ctx, &ss, selectSession+` WHERE s.lecturer_id = ? AND s.ends_at > ?
		ORDER BY s.starts_at, s.id`, personID, db.Stamp(from))
	return ss, err
}

// PersonSessions lists every session a person teaches or attends as an enrolled trainee.
func (s *Store) PersonSessions(ctx context.Context, personID int64) ([]Session, error) {
	var ss []Session
	err := s.db.R.SelectContext(ctx, &ss, selectSession+` WHERE s.lecturer_id = ? OR s.run_id IN
		(SELECT run_id FROM enrollments WHERE person_id = ? AND status = 'enrolled') ORDER BY s.starts_at, s.id`,
		personID, personID)
	return ss, err
}

// clash is a session that overlaps a new one, with what a person needs to recognise it.
type clash struct {
	Session
	CourseTitle string `db:"course_title"`
}

// clashes lists the live sessions that overlap [start, end): those of the lecturer anywhere,
// and those of the same run (its trainees cannot be in two places), except the session self.
func (s *Store) clashes(ctx context.Context, q db.Querier, runID, lecturerID, self int64, start, end time.Time) ([]clash, error) {
	var cs []clash
	err := q.SelectContext(ctx, &cs, `SELECT s.id, s.run_id, s.starts_at, s.ends_at, s.minutes, s.kind,
		s.module_id, s.topic, s.lecturer_id, p.name AS lecturer_name, s.cancelled_at, s.cancel_reason,
		c.title AS course_title
		FROM sessions s JOIN persons p ON p.id = s.lecturer_id JOIN runs r ON r.id = s.run_id
		JOIN courses c ON c.id = r.course_id
		WHERE s.cancelled_at IS NULL AND r.status <> 'cancelled' AND s.id <> ?
		  AND (s.lecturer_id = ? OR s.run_id = ?) AND s.starts_at < ? AND s.ends_at > ?`,
		self, lecturerID, runID, db.Stamp(end), db.Stamp(start))
	return cs, err
}

func (s *Store) saveSession(ctx context.Context, tx *sqlx.Tx, ss *Session) error {
	if ss.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO sessions (run_id, starts_at, ends_at, minutes, kind, module_id,
			topic, lecturer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			ss.RunID, ss.StartsAt, ss.EndsAt, ss.Minutes, ss.Kind, ss.ModuleID, ss.Topic, ss.LecturerID)
		if err != nil {
			return fmt.Errorf("courses: insert session of run %d: %w", ss.RunID, err)
		}
		ss.ID, err = res.LastInsertId()
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE sessions SET starts_at = ?, ends_at = ?, minutes = ?, kind = ?,
		module_id = ?, topic = ?, lecturer_id = ?, cancelled_at = ?, cancel_reason = ? WHERE id = ?`,
		ss.StartsAt, ss.EndsAt, ss.Minutes, ss.Kind, ss.ModuleID, ss.Topic, ss.LecturerID, ss.CancelledAt,
		ss.CancelReason, ss.ID)
	if err != nil {
		return fmt.Errorf("courses: update session %d: %w", ss.ID, err)
	}
	return nil
}
