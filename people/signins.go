package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/web"
)

// SignIn is one of a person's open browser sessions, as their account page lists it.
type SignIn struct {
	ID         int64  `db:"id"`
	Device     string `db:"device"`
	Addr       string `db:"addr"`
	CreatedAt  string `db:"created_at"`
	LastSeenAt string `db:"last_seen_at"`
	// Current is the session the list is shown in.
	Current bool `db:"current"`
}

// SignIns lists actor's live sessions, the one in use first, then the most recently seen.
func (s *Service) SignIns(ctx context.Context, actor *web.Principal, now time.Time) ([]SignIn, error) {
	var rows []SignIn
	if err := s.db.R.SelectContext(ctx, &rows, `SELECT rowid AS id, device, addr, created_at, last_seen_at,
		token_hash = ? AS current FROM auth_sessions WHERE person_id = ? ORDER BY current DESC, last_seen_at DESC`,
		actor.SessionKey, actor.ID); err != nil {
		return nil, fmt.Errorf("people: sign-ins: %w", err)
	}
	out := rows[:0]
	for _, r := range rows {
		created, _ := time.Parse(time.RFC3339Nano, r.CreatedAt)
		seen, _ := time.Parse(time.RFC3339Nano, r.LastSeenAt)
		if SessionAlive(created, seen, now) {
			out = append(out, r)
		}
	}
	return out, nil
}

// EndSignIn signs one of actor's own sessions out; it reports whether it was the one in use.
func (s *Service) EndSignIn(ctx context.Context, actor *web.Principal, id int64, now time.Time) (bool, error) {
	current := false
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var hash string
		err := tx.GetContext(ctx, &hash, `SELECT token_hash FROM auth_sessions WHERE rowid = ? AND person_id = ?`, id, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNoSignIn
		}
		if err != nil {
			return err
		}
		current = hash == actor.SessionKey
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE rowid = ?`, id); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "auth.session_end", actor.ID, nil, nil)
	})
	return current, err
}

// ErrNoSignIn answers a session that is not (or no longer) one of the person's.
var ErrNoSignIn = web.NotFound("signin.not_found")

// EndOtherSignIns signs out every session of actor but the one in use and returns how many.
func (s *Service) EndOtherSignIns(ctx context.Context, actor *web.Principal, now time.Time) (int, error) {
	n := 0
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE person_id = ? AND token_hash <> ?`,
			actor.ID, actor.SessionKey)
		if err != nil {
			return err
		}
		m, _ := res.RowsAffected()
		if n = int(m); n == 0 {
			return nil
		}
		return s.record(ctx, tx, now, actor.ID, "auth.sessions_end", actor.ID, nil, map[string]any{"count": n})
	})
	return n, err
}
