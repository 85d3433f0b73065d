package people

import (
	"context"
	"fmt"
	"time"

	"mentorlms/db"
)

// FailureKeep is how long a failed sign-in is kept: the lock looks back 2×LockWindow, and the
// audit log keeps every failure for good, so a day is plenty.
const FailureKeep = 24 * time.Hour

// PurgeExpired deletes what can no longer serve anyone as of now: sessions past their idle or
// absolute limit (a session is otherwise only deleted when it is next used, and most never
// are), password links a day after they expired, failed sign-ins older than FailureKeep,
// sign-ins whose code never came, and enrolments of a second factor left unfinished for a week.
// It returns how many rows it deleted.
func (s *Service) PurgeExpired(ctx context.Context, now time.Time) (int, error) {
	n := 0
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`DELETE FROM auth_sessions WHERE last_seen_at <= ? OR created_at <= ?`,
			[]any{db.Stamp(now.Add(-SessionIdle)), db.Stamp(now.Add(-SessionMax))}},
		{`DELETE FROM password_links WHERE expires_at <= ?`, []any{db.Stamp(now.Add(-24 * time.Hour))}},
		{`DELETE FROM login_failures WHERE at <= ?`, []any{db.Stamp(now.Add(-FailureKeep))}},
		{`DELETE FROM login_challenges WHERE created_at <= ?`, []any{db.Stamp(now.Add(-ChallengeValid))}},
		// An enrolment of a second factor left half done starts over with a new key.
		{`DELETE FROM second_factors WHERE confirmed_at IS NULL AND created_at <= ?`, []any{db.Stamp(now.Add(-7 * 24 * time.Hour))}},
	} {
		res, err := s.db.W.ExecContext(ctx, q.sql, q.args...)
		if err != nil {
			return n, fmt.Errorf("people: purge: %w", err)
		}
		m, _ := res.RowsAffected()
		n += int(m)
	}
	return n, nil
}
