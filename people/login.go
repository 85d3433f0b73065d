package people

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// ErrSignIn is the one answer to every failed sign-in, whatever the cause (unknown e-mail,
// wrong password, locked, deactivated), so that the answer tells an attacker nothing.
var ErrSignIn = &web.Error{Code: web.CodeUnauthorized, Msg: web.M("login.failed")}

// Login checks an e-mail and password from addr and starts a new session, ending the session
// the browser had before (oldToken, may be empty) so that a session id fixed by an attacker
// never becomes a signed-in one. It returns the new cookie value.
func (s *Service) Login(ctx context.Context, email, password, addr, oldToken string, now time.Time) (string, Person, error) {
	email = normalizeEmail(email)
	if locked, err := s.locked(ctx, email, addr, now); err != nil {
		return "", Person{}, err
	} else if locked {
		return "", Person{}, s.fail(ctx, email, addr, "locked", false, now)
	}
	p, err := s.store.ByEmail(ctx, s.db.R, email)
	if err == ErrNotFound {
		VerifyPassword(dummyHash, password) // same work as for a real account
		return "", Person{}, s.fail(ctx, email, addr, "unknown", true, now)
	}
	if err != nil {
		return "", Person{}, err
	}
	hash := p.PasswordHash
	if hash == "" {
		hash = dummyHash // no password set yet: fail after the same work as a wrong password
	}
	if !VerifyPassword(hash, password) || p.PasswordHash == "" {
		return "", Person{}, s.fail(ctx, email, addr, "password", true, now)
	}
	if !p.Active {
		return "", Person{}, s.fail(ctx, email, addr, "inactive", true, now)
	}
	var token string
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if oldToken != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE token_hash = ?`, hashToken(oldToken)); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE email = ? AND addr = ?`, email, addr); err != nil {
			return err
		}
		if token, err = startSession(ctx, tx, p.ID, addr, now); err != nil {
			return err
		}
		return s.record(ctx, tx, now, p.ID, "auth.login", p.ID, nil, nil)
	})
	if err != nil {
		return "", Person{}, fmt.Errorf("people: login: %w", err)
	}
	return token, p, nil
}

// locked reports whether sign-in is locked for the pair of email and addr, or for addr alone.
func (s *Service) locked(ctx context.Context, email, addr string, now time.Time) (bool, error) {
	since := db.Stamp(now.Add(-2 * LockWindow))
	var pair, all []string
	if err := s.db.R.SelectContext(ctx, &pair,
		`SELECT at FROM login_failures WHERE email = ? AND addr = ? AND at > ?`, email, addr, since); err != nil {
		return false, fmt.Errorf("people: failures: %w", err)
	}
	if err := s.db.R.SelectContext(ctx, &all,
		`SELECT at FROM login_failures WHERE addr = ? AND at > ?`, addr, since); err != nil {
		return false, fmt.Errorf("people: failures: %w", err)
	}
	_, pairLocked := LockedUntil(parseTimes(pair), LockFailures, now)
	_, addrLocked := LockedUntil(parseTimes(all), AddrLockFailures, now)
	return pairLocked || addrLocked, nil
}

func parseTimes(ss []string) []time.Time {
	out := make([]time.Time, 0, len(ss))
	for _, s := range ss {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			out = append(out, t)
		}
	}
	return out
}

// fail records a failed sign-in in the audit log and, unless the attempt was refused by a lock
// already, as a failure that counts towards locking. Attempts during a lock do not extend it,
// so a person who waits the 15 minutes out can sign in.
func (s *Service) fail(ctx context.Context, email, addr, why string, count bool, now time.Time) error {
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if count {
			if _, err := tx.ExecContext(ctx, `INSERT INTO login_failures (email, addr, at) VALUES (?, ?, ?)`,
				email, addr, db.Stamp(now)); err != nil {
				return err
			}
			// Failures older than a day no longer matter to any lock.
			if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < ?`,
				db.Stamp(now.Add(-24*time.Hour))); err != nil {
				return err
			}
		}
		var id int64
		_ = tx.GetContext(ctx, &id, `SELECT id FROM persons WHERE email = ?`, email)
		return s.record(ctx, tx, now, 0, "auth.login_failed", id, nil, map[string]string{"email": email, "reason": why})
	})
	if err != nil {
		return fmt.Errorf("people: record failed sign-in: %w", err)
	}
	return ErrSignIn
}

// Logout ends the session behind token on the server.
func (s *Service) Logout(ctx context.Context, p *web.Principal, now time.Time) error {
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE token_hash = ?`, p.SessionKey); err != nil {
			return fmt.Errorf("people: logout: %w", err)
		}
		return s.record(ctx, tx, now, p.ID, "auth.logout", p.ID, nil, nil)
	})
}

// ChangePassword lets a signed-in person replace their password after proving the current one.
// Their other sessions end, so a password changed after a theft locks the thief out.
func (s *Service) ChangePassword(ctx context.Context, actor *web.Principal, current, next string, now time.Time) error {
	p, err := s.store.Get(ctx, s.db.R, actor.ID)
	if err != nil {
		return err
	}
	f := CheckPassword(next)
	if !VerifyPassword(p.PasswordHash, current) {
		f.Add("current", "account.password.wrong")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET password_hash = ?, updated_at = ? WHERE id = ?`,
			HashPassword(next), db.Stamp(now), p.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE person_id = ? AND token_hash <> ?`,
			p.ID, actor.SessionKey); err != nil {
			return err
		}
		return s.record(ctx, tx, now, p.ID, "person.password", p.ID, nil, nil)
	})
}
