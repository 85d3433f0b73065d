package attendance

import (
	"context"
	"fmt"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// tellShort tells each person in ids, and their region's coordinators, once, that the sessions
// left can no longer bring them to the threshold.
func (s *Service) tellShort(ctx context.Context, q db.Querier, c courses.Course, ids []int64, now time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	// Most were told at an earlier save: only the rest are read and told.
	keys := make([]string, len(ids))
	for i, id := range ids {
		keys[i] = fmt.Sprintf("attendance-short:%d", id)
	}
	query, args, err := sqlx.In(`SELECT key FROM notifications WHERE key IN (?)`, keys)
	if err != nil {
		return err
	}
	var told []string
	if err := q.SelectContext(ctx, &told, query, args...); err != nil {
		return err
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return slices.Contains(told, fmt.Sprintf("attendance-short:%d", id)) })
	if len(ids) == 0 {
		return nil
	}
	var whos []struct {
		ID       int64  `db:"id"`
		PersonID int64  `db:"person_id"`
		Name     string `db:"name"`
		RunID    int64  `db:"run_id"`
		Region   string `db:"region"`
	}
	query, args, err = sqlx.In(`SELECT e.id, e.person_id, p.name, e.run_id, COALESCE(r.region_code, '') AS region
		FROM enrollments e JOIN persons p ON p.id = e.person_id JOIN runs r ON r.id = e.run_id WHERE e.id IN (?)
		ORDER BY e.id`, ids)
	if err != nil {
		return err
	}
	if err := q.SelectContext(ctx, &whos, query, args...); err != nil {
		return err
	}
	// The region's coordinators hear of it too: they decide what comes next.
	coords, err := reminders.Coordinators(ctx, q)
	if err != nil {
		return err
	}
	for _, who := range whos {
		if _, err := reminders.Enqueue(ctx, q, now, reminders.Message{Key: fmt.Sprintf("attendance-short:%d", who.ID),
			PersonID: who.PersonID, Kind: "attendance_short", Args: map[string]any{"Course": c.Title, "Pct": c.MinAttendancePct},
			Link: "/my/courses"}); err != nil {
			return err
		}
		for _, to := range coords[who.Region] {
			if _, err := reminders.Enqueue(ctx, q, now, reminders.Message{Key: fmt.Sprintf("attendance-short-coord:%d:%d", who.ID, to),
				PersonID: to, Kind: "attendance_short_coordinator",
				Args: map[string]any{"Course": c.Title, "Pct": c.MinAttendancePct, "Name": who.Name},
				Link: fmt.Sprintf("/runs/%d/completion", who.RunID)}); err != nil {
				return err
			}
		}
	}
	return nil
}
