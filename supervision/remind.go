package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/reminders"
)

// RemindDue enqueues the supervision reminders as of now: each active mentor whose next
// supervision is due within DueSoonDays is told once per due day; one who is overdue is told
// once per due day, and the coordinators of their region once a week while it lasts. A
// supervision recorded meanwhile moves the due day, so nobody is reminded of one they
// attended. It returns how many messages were new.
func (s *Service) RemindDue(ctx context.Context, now time.Time) (int, error) {
	rows, err := s.standings(ctx, "", 0, now)
	if err != nil {
		return 0, err
	}
	byRegion, err := reminders.Coordinators(ctx, s.db.R)
	if err != nil {
		return 0, err
	}
	var msgs []reminders.Message
	for _, r := range rows {
		if !r.Binds() || (r.Status != StatusDueSoon && r.Status != StatusOverdue) {
			continue
		}
		args := map[string]any{"Date": r.DueOn, "Name": r.Name, "Days": r.DaysOverdue}
		if r.Status == StatusDueSoon {
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("supervision-due:%d:%s", r.PersonID, r.DueOn),
				PersonID: r.PersonID, Kind: "supervision_due", Args: args, Link: "/my/supervision"})
			continue
		}
		msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("supervision-overdue:%d:%s", r.PersonID, r.DueOn),
			PersonID: r.PersonID, Kind: "supervision_overdue", Args: args, Link: "/my/supervision"})
		// The coordinators hear of it in the first days and then once a week while it lasts.
		week := r.DaysOverdue / 7
		for _, c := range byRegion[r.Region] {
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("supervision-overdue-coord:%d:%d:%s:%d", c, r.PersonID, r.DueOn, week),
				PersonID: c, Kind: "supervision_overdue_coordinator", Args: args,
				Link: fmt.Sprintf("/supervision/mentors/%d", r.PersonID)})
		}
	}
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}
