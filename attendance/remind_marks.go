package attendance

import (
	"context"
	"fmt"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
)

// When attendance left unrecorded is reminded: the lecturer a day after the session ends, the
// coordinators of the run's region after three days; sessions that ended more than two weeks
// ago are past reminding (the completion table shows them).
const (
	unmarkedLecturer    = 24 * time.Hour
	unmarkedCoordinator = 72 * time.Hour
	unmarkedUntil       = 14 * 24 * time.Hour
)

// unmarkedSession is a session whose sheet has fewer marks than seats.
type unmarkedSession struct {
	ID         int64  `db:"id"`
	RunID      int64  `db:"run_id"`
	StartsAt   string `db:"starts_at"`
	EndsAt     string `db:"ends_at"`
	LecturerID int64  `db:"lecturer_id"`
	Course     string `db:"course"`
	Region     string `db:"region"`
}

// RemindUnmarked enqueues the reminders of attendance not recorded as of now: to the session's
// lecturer a day after it ended, and to the coordinators of the run's region after three days,
// each once per session. A sheet whose every seat is marked (by the lecturer, an apology or a
// check-in) is done, and nobody is reminded of it.
func (s *Service) RemindUnmarked(ctx context.Context, now time.Time) (int, error) {
	var list []unmarkedSession
	if err := s.db.R.SelectContext(ctx, &list, `
		SELECT s.id, s.run_id, s.starts_at, s.ends_at, s.lecturer_id, c.title AS course, COALESCE(r.region_code, '') AS region
		FROM sessions s JOIN runs r ON r.id = s.run_id JOIN courses c ON c.id = r.course_id
		WHERE s.cancelled_at IS NULL AND s.ends_at <= ? AND s.ends_at > ? AND r.status <> 'cancelled'
		AND (SELECT COUNT(*) FROM attendance a WHERE a.session_id = s.id)
		  < (SELECT COUNT(*) FROM enrollments e WHERE e.run_id = s.run_id AND e.status = 'enrolled')`,
		db.Stamp(now.Add(-unmarkedLecturer)), db.Stamp(now.Add(-unmarkedUntil))); err != nil {
		return 0, fmt.Errorf("attendance: unmarked sessions: %w", err)
	}
	if len(list) == 0 {
		return 0, nil
	}
	byRegion, err := reminders.Coordinators(ctx, s.db.R)
	if err != nil {
		return 0, err
	}
	var msgs []reminders.Message
	for _, ss := range list {
		start, err1 := time.Parse(time.RFC3339, ss.StartsAt)
		end, err2 := time.Parse(time.RFC3339, ss.EndsAt)
		if err1 != nil || err2 != nil {
			continue
		}
		link := fmt.Sprintf("/runs/%d/sessions/%d/attendance", ss.RunID, ss.ID)
		args := map[string]any{"Course": ss.Course, "Date": courses.PragueDay(start), "Time": clockOf(start)}
		msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("attendance-missing:%d", ss.ID), PersonID: ss.LecturerID,
			Kind: "attendance_missing", Args: args, Link: link})
		if now.Sub(end) < unmarkedCoordinator {
			continue
		}
		for _, c := range byRegion[ss.Region] {
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("attendance-missing-coord:%d:%d", ss.ID, c), PersonID: c,
				Kind: "attendance_missing_coordinator", Args: args, Link: link})
		}
	}
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}
