package courses

import (
	"context"
	"fmt"
	"time"

	"mentorlms/reminders"
)

// AccreditationWarnDays is how long before an accreditation ends the admins hear of it, when
// runs are planned on it.
const AccreditationWarnDays = 90

// RemindAccreditations enqueues, for each accreditation that ends within AccreditationWarnDays
// while a run of its course is planned or open to start after today, one message to each
// admin, once per accreditation.
func (s *Service) RemindAccreditations(ctx context.Context, now time.Time) (int, error) {
	today := PragueDay(now)
	var due []struct {
		ID         int64  `db:"id"`
		CourseID   int64  `db:"course_id"`
		Course     string `db:"course"`
		Number     string `db:"number"`
		ValidUntil string `db:"valid_until"`
	}
	if err := s.db.R.SelectContext(ctx, &due, `
		SELECT a.id, a.course_id, c.title AS course, a.number, a.valid_until
		FROM accreditations a JOIN courses c ON c.id = a.course_id
		WHERE a.valid_until >= ? AND a.valid_until <= ?
		AND EXISTS (SELECT 1 FROM runs r WHERE r.course_id = a.course_id AND r.status IN ('planned', 'open') AND r.starts_on > ?)`,
		today, PragueDay(now.AddDate(0, 0, AccreditationWarnDays)), today); err != nil {
		return 0, fmt.Errorf("courses: accreditations ending: %w", err)
	}
	admins, err := reminders.Admins(ctx, s.db.R)
	if err != nil {
		return 0, err
	}
	var msgs []reminders.Message
	for _, a := range due {
		for _, to := range admins {
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("accreditation-expiring:%d:%d", a.ID, to), PersonID: to,
				Kind: "accreditation_expiring", Args: map[string]any{"Course": a.Course, "Number": a.Number, "Date": a.ValidUntil},
				Link: fmt.Sprintf("/courses/%d#accreditations", a.CourseID)})
		}
	}
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}
