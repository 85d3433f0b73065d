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

// RemindMentors enqueues the reminders about active mentors as of now, from one reading of
// their standings (the costly part, so that both kinds share it):
//   - supervision due within DueSoonDays, to the mentor once per due day; overdue, to the
//     mentor once per due day and to the coordinators of their region once a week while it
//     lasts. A supervision recorded meanwhile moves the due day, so nobody is reminded of one
//     they attended;
//   - a clean record extract that stops counting within RecordWarnDays, to each coordinator
//     of the region and each admin, once per extract: a new extract moves the day.
//
// Only people holding a requalification certificate can be active, so only they are read. It
// returns how many messages were new.
func (s *Service) RemindMentors(ctx context.Context, now time.Time) (int, error) {
	rows, err := s.standings(ctx, selection{trained: true}, now)
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
	msgs := dueMessages(rows, coords)
	msgs = append(msgs, staleMessages(rows, coords, admins, now)...)
	return reminders.EnqueueAll(ctx, s.db, now, msgs)
}

// dueMessages are the supervision reminders of the rows.
func dueMessages(rows []Row, coords map[string][]int64) []reminders.Message {
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
		for _, c := range coords[r.Region] {
			msgs = append(msgs, reminders.Message{Key: fmt.Sprintf("supervision-overdue-coord:%d:%d:%s:%d", c, r.PersonID, r.DueOn, week),
				PersonID: c, Kind: "supervision_overdue_coordinator", Args: args,
				Link: fmt.Sprintf("/supervision/mentors/%d", r.PersonID)})
		}
	}
	return msgs
}

// staleMessages are the reminders of the rows' record extracts going stale.
func staleMessages(rows []Row, coords map[string][]int64, admins []int64, now time.Time) []reminders.Message {
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
	return msgs
}
