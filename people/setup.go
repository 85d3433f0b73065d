package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// ErrSetupLink answers a setup link that is unknown, used or expired.
var ErrSetupLink = web.NotFound("setup.invalid")

// NewSetupLink creates a one-time token, valid for SetupLinkValid, that lets whoever holds it
// create the first administrator. It is refused once anyone exists.
func (s *Service) NewSetupLink(ctx context.Context, now time.Time) (string, error) {
	token, hash := NewToken("")
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM persons`); err != nil {
			return err
		}
		if n > 0 {
			return web.Conflict("setup.done")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO setup_tokens (token_hash, expires_at) VALUES (?, ?)`,
			hash, db.Stamp(now.Add(SetupLinkValid)))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("people: setup link: %w", err)
	}
	return token, nil
}

// CheckSetupLink reports whether token may still create the first administrator.
func (s *Service) CheckSetupLink(ctx context.Context, token string, now time.Time) error {
	return s.checkSetup(ctx, s.db.R, token, now)
}

func (s *Service) checkSetup(ctx context.Context, q interface {
	GetContext(context.Context, any, string, ...any) error
}, token string, now time.Time) error {
	var row struct {
		Expires string         `db:"expires_at"`
		Used    sql.NullString `db:"used_at"`
	}
	err := q.GetContext(ctx, &row, `SELECT expires_at, used_at FROM setup_tokens WHERE token_hash = ?`, HashToken(token))
	if errors.Is(err, sql.ErrNoRows) {
		return ErrSetupLink
	}
	if err != nil {
		return err
	}
	exp, _ := time.Parse(time.RFC3339, row.Expires)
	var n int
	if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM persons`); err != nil {
		return err
	}
	if row.Used.Valid || !now.Before(exp) || n > 0 {
		return ErrSetupLink
	}
	return nil
}

// Setup creates the first administrator through a setup link and signs them in.
func (s *Service) Setup(ctx context.Context, token string, in Input, addr string, now time.Time) (string, error) {
	// A dead link says so before anything about the form, and reveals nothing else.
	if err := s.checkSetup(ctx, s.db.R, token, now); err != nil {
		return "", err
	}
	in.Normalize()
	in.Roles = []string{string(web.RoleAdmin)}
	f := in.Validate(now.In(web.Prague))
	if in.Password == "" {
		f.Add("password", "person.password.required")
	}
	if err := f.Err(); err != nil {
		return "", err
	}
	var session string
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if err := s.checkSetup(ctx, tx, token, now); err != nil {
			return err
		}
		centreID, err := s.check(ctx, tx, 0, in, now)
		if err != nil {
			return err
		}
		id, err := s.store.insert(ctx, tx, in, centreID, HashPassword(in.Password), now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE setup_tokens SET used_at = ? WHERE token_hash = ?`,
			db.Stamp(now), HashToken(token)); err != nil {
			return err
		}
		p, err := s.store.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.record(ctx, tx, now, id, "person.create", id, nil, p); err != nil {
			return err
		}
		session, err = startSession(ctx, tx, id, addr, now)
		return err
	})
	return session, err
}
