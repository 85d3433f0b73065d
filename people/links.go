package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/web"
)

// How long the one-time links to set a password live, and how many resets may be asked for
// in an hour: per account, and per client address, so that nobody floods an inbox.
const (
	InviteValid     = 48 * time.Hour
	ResetValid      = time.Hour
	resetsPerPerson = 3
	resetsPerAddr   = 10
)

// ErrPasswordLink answers a link that is unknown, used or expired.
var ErrPasswordLink = web.NotFound("password_link.invalid")

// newPasswordLink stores a one-time link for a person and enqueues the message that carries
// it, in the caller's transaction.
func newPasswordLink(ctx context.Context, tx *sqlx.Tx, p Person, purpose, addr string, now time.Time) error {
	token, hash := NewToken("")
	valid, kind := InviteValid, "invitation"
	if purpose == "reset" {
		valid, kind = ResetValid, "password_reset"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO password_links (token_hash, person_id, purpose, created_at, expires_at, addr)
		VALUES (?, ?, ?, ?, ?, ?)`, hash, p.ID, purpose, db.Stamp(now), db.Stamp(now.Add(valid)), addr); err != nil {
		return fmt.Errorf("people: password link: %w", err)
	}
	// The key is the token's hash: each link is its own message.
	_, err := reminders.Enqueue(ctx, tx, now, reminders.Message{Key: "password-link:" + hash, PersonID: p.ID, Kind: kind,
		Args: map[string]any{"Name": p.Name, "Hours": int(valid.Hours())}, Link: "/password/" + token, Secret: true})
	return err
}

// RequestReset sends a person who forgot their password a link to set a new one. It answers
// the same whether or not the address belongs to an account, so that nobody learns who has
// one; an inactive account, or more than resetsPerPerson requests an hour for one account or
// resetsPerAddr from one client (web.ClientKey: an IPv6 client is its /64), quietly gets
// nothing. The link keeps the client it was asked from as that key.
func (s *Service) RequestReset(ctx context.Context, email, addr string, now time.Time) error {
	addr = web.ClientKey(addr)
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		p, err := s.store.ByEmail(ctx, tx, email)
		if errors.Is(err, ErrNotFound) || (err == nil && !p.Active) {
			return nil
		}
		if err != nil {
			return err
		}
		since := db.Stamp(now.Add(-time.Hour))
		var perPerson, perAddr int
		if err := tx.GetContext(ctx, &perPerson, `SELECT COUNT(*) FROM password_links WHERE person_id = ? AND purpose = 'reset'
			AND created_at > ?`, p.ID, since); err != nil {
			return err
		}
		if err := tx.GetContext(ctx, &perAddr, `SELECT COUNT(*) FROM password_links WHERE addr = ? AND addr <> ''
			AND created_at > ?`, addr, since); err != nil {
			return err
		}
		if perPerson >= resetsPerPerson || perAddr >= resetsPerAddr {
			return nil
		}
		return newPasswordLink(ctx, tx, p, "reset", addr, now)
	})
}

// CheckPasswordLink returns the person a link may set the password of.
func (s *Service) CheckPasswordLink(ctx context.Context, token string, now time.Time) (Person, error) {
	return s.passwordLink(ctx, s.db.R, token, now)
}

func (s *Service) passwordLink(ctx context.Context, q db.Querier, token string, now time.Time) (Person, error) {
	var row struct {
		PersonID int64          `db:"person_id"`
		Expires  string         `db:"expires_at"`
		Used     sql.NullString `db:"used_at"`
	}
	err := q.GetContext(ctx, &row, `SELECT person_id, expires_at, used_at FROM password_links WHERE token_hash = ?`, HashToken(token))
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrPasswordLink
	}
	if err != nil {
		return Person{}, err
	}
	exp, err := time.Parse(time.RFC3339, row.Expires)
	if err != nil || row.Used.Valid || !now.Before(exp) {
		return Person{}, ErrPasswordLink
	}
	p, err := s.store.Get(ctx, q, row.PersonID)
	if err != nil || !p.Active {
		return Person{}, ErrPasswordLink
	}
	return p, nil
}

// UsePasswordLink sets the password a link allows, once: the link is spent, every other link
// of the person too, and their open sessions end (whoever knew the old password is out).
func (s *Service) UsePasswordLink(ctx context.Context, token, password string, now time.Time) (Person, error) {
	var f web.Fields
	passwordProblem(&f, password)
	if err := f.Err(); err != nil {
		return Person{}, err
	}
	var p Person
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if p, err = s.passwordLink(ctx, tx, token, now); err != nil {
			return err
		}
		stamp := db.Stamp(now)
		if _, err := tx.ExecContext(ctx, `UPDATE password_links SET used_at = ? WHERE person_id = ? AND used_at IS NULL`,
			stamp, p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET password_hash = ?, updated_at = ? WHERE id = ?`,
			HashPassword(password), stamp, p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE person_id = ?`, p.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, p.ID, "person.password_link", p.ID, nil, nil)
	})
	return p, err
}
