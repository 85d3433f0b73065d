package attendance

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/web"
)

// ReminderHour is when, the day before, people are reminded of a session (Prague time).
const ReminderHour = 16

// remindFrom is the instant from which a session starting at start is reminded: 16:00 in
// Prague on the day before its day, whatever the offset of that day (the clocks change at
// night, so 16:00 exists once every day).
func remindFrom(start time.Time) time.Time {
	d := start.In(web.Prague)
	return time.Date(d.Year(), d.Month(), d.Day()-1, ReminderHour, 0, 0, 0, web.Prague)
}

// dueSession is a session with what its reminder says.
type dueSession struct {
	ID         int64  `db:"id"`
	RunID      int64  `db:"run_id"`
	StartsAt   string `db:"starts_at"`
	LecturerID int64  `db:"lecturer_id"`
	Course     string `db:"course"`
	Town       string `db:"town"`
	Address    string `db:"address"`
	Online     bool   `db:"online"`
}

// RemindSessions enqueues the reminders of sessions tomorrow as of now: for each session not
// cancelled whose reminder time (16:00 the day before) has come and which has not begun, one
// message to each trainee holding a seat in its run and one to its lecturer. A scan run late
// (the server was down at 16:00) still reminds before the session; one run twice sends
// nothing twice. It returns how many messages were new.
func (s *Service) RemindSessions(ctx context.Context, now time.Time) (int, error) {
	var sessions []dueSession
	// Sessions that begin within the next two days hold every session whose reminder is due.
	if err := s.db.R.SelectContext(ctx, &sessions, `
		SELECT s.id, s.run_id, s.starts_at, s.lecturer_id, c.title AS course, r.town, r.address, r.online
		FROM sessions s JOIN runs r ON r.id = s.run_id JOIN courses c ON c.id = r.course_id
		WHERE s.starts_at > ? AND s.starts_at <= ? AND s.cancelled_at IS NULL AND r.status IN ('open', 'running', 'planned')`,
		db.Stamp(now), db.Stamp(now.Add(48*time.Hour))); err != nil {
		return 0, fmt.Errorf("attendance: sessions to remind: %w", err)
	}
	var due []dueSession
	runs := map[int64]bool{}
	for _, ss := range sessions {
		start, err := time.Parse(time.RFC3339, ss.StartsAt)
		if err != nil || now.Before(remindFrom(start)) {
			continue
		}
		due, runs[ss.RunID] = append(due, ss), true
	}
	if len(due) == 0 {
		return 0, nil
	}
	ids := make([]int64, 0, len(runs))
	for id := range runs {
		ids = append(ids, id)
	}
	q, args, err := sqlx.In(`SELECT run_id, person_id FROM enrollments WHERE status = 'enrolled' AND run_id IN (?)`, ids)
	if err != nil {
		return 0, err
	}
	var seats []struct {
		RunID    int64 `db:"run_id"`
		PersonID int64 `db:"person_id"`
	}
	if err := s.db.R.SelectContext(ctx, &seats, q, args...); err != nil {
		return 0, fmt.Errorf("attendance: seats to remind: %w", err)
	}
	seated := map[int64][]int64{}
	for _, st := range seats {
		seated[st.RunID] = append(seated[st.RunID], st.PersonID)
	}
	n := 0
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		for _, ss := range due {
			start, _ := time.Parse(time.RFC3339, ss.StartsAt)
			place := ss.Town
			switch {
			case ss.Online:
				place = "online" // the same word in Czech and English
			case ss.Address != "":
				place = ss.Address + ", " + ss.Town
			}
			args := map[string]any{"Course": ss.Course, "Date": courses.PragueDay(start),
				"Time": clockOf(start), "Place": place}
			for _, p := range append(seated[ss.RunID], ss.LecturerID) {
				kind := "session_tomorrow"
				if p == ss.LecturerID {
					kind = "session_tomorrow_lecturer"
				}
				added, err := reminders.Enqueue(ctx, tx, now, reminders.Message{
					Key: fmt.Sprintf("session-tomorrow:%d:%d", ss.ID, p), PersonID: p, Kind: kind, Args: args,
					Link: fmt.Sprintf("/runs/%d", ss.RunID)})
				if err != nil {
					return err
				}
				if added {
					n++
				}
			}
		}
		return nil
	})
	return n, err
}

// clockOf is the time of day in Prague as Czech writes it: 9:00, 16:30.
func clockOf(t time.Time) string {
	p := t.In(web.Prague)
	return fmt.Sprintf("%d:%02d", p.Hour(), p.Minute())
}
