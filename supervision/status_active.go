package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/db"
	"mentorlms/web"
)

// history reads a person's history, newest first, with the reason of the decision behind a row
// and who made it (or lifted it, for the row of a lifting).
func history(ctx context.Context, q db.Querier, id int64) ([]Entry, error) {
	var out []Entry
	if err := q.SelectContext(ctx, &out, `SELECT s.since, s.status, s.cause, COALESCE(s.decision_id, 0) AS decision_id,
		COALESCE(d.reason, '') AS reason,
		COALESCE(CASE WHEN s.cause = 'decision_lifted' THEN lp.name ELSE dp.name END, '') AS decided_by
		FROM mentor_statuses s LEFT JOIN mentor_decisions d ON d.id = s.decision_id
		LEFT JOIN persons dp ON dp.id = d.decided_by LEFT JOIN persons lp ON lp.id = d.lifted_by
		WHERE s.person_id = ? ORDER BY s.since DESC, s.id DESC`, id); err != nil {
		return nil, fmt.Errorf("supervision: history of %d: %w", id, err)
	}
	return out, nil
}

// ActiveQuery asks who was active on a day, in a region ("" for every region, admins only),
// a page of them.
type ActiveQuery struct {
	On, Region    string
	Limit, Offset int
}

// ActiveOn lists who was active on a day as the history has it, by name, and how many they
// were. A coordinator asks about their own region (theirs when none is named); an admin about
// any, or all. The region is the one the person belongs to now. The histories of the region's
// trainees are settled first, so that the answer is as current as the facts; a day ahead of
// today has no answer yet.
func (s *Service) ActiveOn(ctx context.Context, actor *web.Principal, q ActiveQuery, now time.Time) ([]ActiveMentor, int, error) {
	switch {
	case actor.Has(web.RoleAdmin):
	case actor.Has(web.RoleCoordinator):
		if q.Region == "" {
			q.Region = actor.Region
		}
		if !actor.CoordinatesRegion(q.Region) {
			return nil, 0, web.Forbidden()
		}
	default:
		return nil, 0, web.Forbidden()
	}
	day := today(now)
	if q.On == "" {
		q.On = day
	}
	var f web.Fields
	if _, key := web.ParseDate(q.On); key != "" {
		f.Add("on", key)
	} else if q.On > day {
		f.Add("on", "mentor_status.on.future")
	}
	if q.Region != "" {
		var n int
		if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, q.Region); err != nil {
			return nil, 0, err
		}
		if n == 0 {
			f.Add("region", "mentor_status.region.unknown")
		}
	}
	if err := f.Err(); err != nil {
		return nil, 0, err
	}
	var ids []int64
	if err := s.db.R.SelectContext(ctx, &ids, `SELECT p.id FROM persons p JOIN person_roles r ON r.person_id = p.id
		WHERE r.role = 'trainee' AND (? = '' OR p.region_code = ?)`, q.Region, q.Region); err != nil {
		return nil, 0, err
	}
	if _, err := s.statuses(ctx, ids, now); err != nil {
		return nil, 0, err
	}
	// The row in force on the day is a person's newest with a day not after it.
	const from = `FROM mentor_statuses s JOIN persons p ON p.id = s.person_id
		WHERE s.status = 'active' AND (? = '' OR p.region_code = ?)
		AND s.id = (SELECT t.id FROM mentor_statuses t WHERE t.person_id = s.person_id AND t.since <= ?
			ORDER BY t.since DESC, t.id DESC LIMIT 1)`
	var total int
	if err := s.db.R.GetContext(ctx, &total, `SELECT COUNT(*) `+from, q.Region, q.Region, q.On); err != nil {
		return nil, 0, fmt.Errorf("supervision: active on %s: %w", q.On, err)
	}
	out := []ActiveMentor{}
	if err := s.db.R.SelectContext(ctx, &out, `SELECT p.id AS person_id, p.name, COALESCE(p.region_code, '') AS region,
		s.since `+from+` ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`, q.Region, q.Region, q.On, q.Limit, q.Offset); err != nil {
		return nil, 0, fmt.Errorf("supervision: active on %s: %w", q.On, err)
	}
	return out, total, nil
}
