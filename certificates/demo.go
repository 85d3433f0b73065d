package certificates

import (
	"context"
	"fmt"
	"time"

	"mentorlms/web"
)

// Demo issues certificates to some of those who completed the demo's finished runs, leaving
// the others for an admin to issue, so the register and the holders' pages have something to
// show. It does nothing when any certificate exists.
func Demo(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM certificates`); err != nil || n > 0 {
		return err
	}
	var admin int64
	if err := s.db.R.GetContext(ctx, &admin, `SELECT id FROM persons WHERE email = 'admin@mentorlms.example'`); err != nil {
		return fmt.Errorf("certificates: demo admin: %w", err)
	}
	var ids []int64
	if err := s.db.R.SelectContext(ctx, &ids, `SELECT e.id FROM enrollments e JOIN persons p ON p.id = e.person_id
		WHERE e.completed_at IS NOT NULL AND p.email IN ('ucastnik@mentorlms.example', 'lucie.olahova@mentorlms.example')
		ORDER BY e.id`); err != nil {
		return err
	}
	actor := &web.Principal{ID: admin, Roles: []web.Role{web.RoleAdmin}}
	// The mentors who have worked since got theirs a week after the run ended (first, so
	// that the register's numbers follow the days of issue), and supervision has had time to
	// fall due since.
	var early []struct {
		ID     int64  `db:"id"`
		EndsOn string `db:"ends_on"`
	}
	if err := s.db.R.SelectContext(ctx, &early, `SELECT e.id, r.ends_on FROM enrollments e
		JOIN persons p ON p.id = e.person_id JOIN runs r ON r.id = e.run_id
		WHERE e.completed_at IS NOT NULL AND p.email IN ('kristyna.berkyova@mentorlms.example',
			'josef.lakatos@mentorlms.example', 'renata.mirgova@mentorlms.example', 'dusan.tancos@mentorlms.example')
		ORDER BY e.id`); err != nil {
		return err
	}
	for _, e := range early {
		end, err := time.ParseInLocation(web.DateLayout, e.EndsOn, web.Prague)
		if err != nil {
			return err
		}
		if _, err := s.Issue(ctx, actor, e.ID, end.AddDate(0, 0, 7).Add(10*time.Hour)); err != nil {
			return fmt.Errorf("certificates: demo issue %d: %w", e.ID, err)
		}
	}
	for _, id := range ids {
		if _, err := s.Issue(ctx, actor, id, now.Add(-48*time.Hour)); err != nil {
			return fmt.Errorf("certificates: demo issue %d: %w", id, err)
		}
	}
	return nil
}
