package certificates

import (
	"context"
	"fmt"
	"time"

	"mentorlms/courses"
	"mentorlms/reminders"
)

// ExpiryWarnDays is how long before a certificate expires its holder hears of it.
const ExpiryWarnDays = 60

// RemindExpiring enqueues, for each valid certificate that expires within ExpiryWarnDays, one
// message to its holder, once per certificate (requalification certificates never expire).
func (s *Service) RemindExpiring(ctx context.Context, now time.Time) (int, error) {
	today := courses.PragueDay(now)
	var due []struct {
		ID         int64  `db:"id"`
		PersonID   int64  `db:"person_id"`
		Number     string `db:"number"`
		Course     string `db:"course"`
		ValidUntil string `db:"valid_until"`
	}
	if err := s.db.R.SelectContext(ctx, &due, `
		SELECT c.id, c.person_id, c.number, k.title AS course, c.valid_until
		FROM certificates c JOIN runs r ON r.id = c.run_id JOIN courses k ON k.id = r.course_id
		WHERE c.revoked_on IS NULL AND c.valid_until IS NOT NULL AND c.valid_until >= ? AND c.valid_until <= ?`,
		today, courses.PragueDay(now.AddDate(0, 0, ExpiryWarnDays))); err != nil {
		return 0, fmt.Errorf("certificates: expiring: %w", err)
	}
	var msgs []reminders.Message
	for _, c := range due {
		msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("certificate-expiring:%d", c.ID), PersonID: c.PersonID,
			Kind: "certificate_expiring", Args: map[string]any{"Course": c.Course, "Number": c.Number, "Date": c.ValidUntil},
			Link: "/my/certificates"})
	}
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}
