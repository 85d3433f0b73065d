package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/reminders"
)

// RecordWarnDays is how long before an active mentor's clean extract stops counting their
// coordinator and the admins hear of it.
const RecordWarnDays = 30

// RemindRecordStale enqueues, for each active mentor whose clean record extract stops counting
// within RecordWarnDays, one message to each coordinator of their region and each admin, once
// per extract: a new extract moves the day, and then they hear again when that one ages.
func (s *Service) RemindRecordStale(ctx context.Context, now time.Time) (int, error) {
	rows, err := s.standings(ctx, "", 0, now)
	if err != nil {
		return 0, err
	}
	coords, err := reminders.Coordinators(ctx, s.db.R)
	if err != nil {
		return 0, err
	}
	admins, err := reminders.Admins(ctx, s.db.R)
	if err != nil {
		return 0, err
	}
	from, until := today(now), today(now.AddDate(0, 0, RecordWarnDays))
	var msgs []reminders.Message
	for _, r := range rows {
		if r.MentorStatus != Active || r.recordUntil == "" || r.recordUntil < from || r.recordUntil > until {
			continue
		}
		for _, to := range append(append([]int64{}, coords[r.Region]...), admins...) {
			if to == r.PersonID {
				continue
			}
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("record-stale:%d:%s:%d", r.PersonID, r.recordUntil, to),
				PersonID: to, Kind: "record_stale", Args: map[string]any{"Name": r.Name, "Date": r.recordUntil},
				Link: fmt.Sprintf("/people/%d/evidence", r.PersonID)})
		}
	}
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}
