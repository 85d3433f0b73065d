package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/db"
	"mentorlms/web"
)

// DemoStatuses completes the demo's mentor statuses, once (it does nothing when any decision of
// inactivity exists): the certified mentors who have no pledge sign it on their run's last day,
// so they are active; Lucie Oláhová, active, moved away today; Roman Balog, in training, paused
// for two weeks and came back. With the candidates and trainees of the other demos, the
// history shows every status and every kind of change.
func DemoStatuses(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM mentor_decisions`); err != nil || n > 0 {
		return err
	}
	ids := map[string]int64{}
	for _, email := range []string{"admin@mentorlms.example", "lucie.olahova@mentorlms.example", "roman.balog@mentorlms.example"} {
		var id int64
		if err := s.db.R.GetContext(ctx, &id, `SELECT id FROM persons WHERE email = ?`, email); err != nil {
			return fmt.Errorf("supervision: demo %s: %w", email, err)
		}
		ids[email] = id
	}
	admin := &web.Principal{ID: ids["admin@mentorlms.example"], Roles: []web.Role{web.RoleAdmin}}
	if _, err := s.db.W.ExecContext(ctx, `INSERT INTO pledges (person_id, signed_on, recorded_by, created_at)
		SELECT cert.person_id, MIN(r.ends_on), ?, ? FROM certificates cert JOIN runs r ON r.id = cert.run_id
		JOIN courses c ON c.id = r.course_id
		WHERE c.kind = 'requalification' AND cert.revoked_on IS NULL AND r.ends_on <= ?
		AND NOT EXISTS (SELECT 1 FROM pledges p WHERE p.person_id = cert.person_id)
		GROUP BY cert.person_id`, admin.ID, db.Stamp(now), today(now)); err != nil {
		return fmt.Errorf("supervision: demo pledges: %w", err)
	}
	ago := func(days int) string { return today(now.AddDate(0, 0, -days)) }
	if _, err := s.Decide(ctx, admin, ids["lucie.olahova@mentorlms.example"], DecisionInput{Reason: ReasonMoved,
		Since: ago(0), Note: "Přestěhovala se za rodinou do Prahy."}, now); err != nil {
		return fmt.Errorf("supervision: demo decision: %w", err)
	}
	roman := ids["roman.balog@mentorlms.example"]
	if _, err := s.Decide(ctx, admin, roman, DecisionInput{Reason: ReasonPaused, Since: ago(20),
		Note: "Dva týdny v nemocnici."}, now); err != nil {
		return fmt.Errorf("supervision: demo decision: %w", err)
	}
	if _, err := s.Lift(ctx, admin, roman, LiftInput{On: ago(6)}, now); err != nil {
		return fmt.Errorf("supervision: demo lifting: %w", err)
	}
	return nil
}
