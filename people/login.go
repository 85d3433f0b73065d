package people

import (
	"context"
	"errors"
	"fmt"
	"strings"
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
	attempt, err := s.reserveAttempt(ctx, email, addr, now)
	if err != nil {
		return "", Person{}, err
	}
	if attempt == 0 {
		return "", Person{}, s.fail(ctx, email, addr, "locked", now)
	}
	p, err := s.store.ByEmail(ctx, s.db.R, email)
	if err == ErrNotFound {
		VerifyPassword(dummyHash(), password) // same work as for a real account
		return "", Person{}, s.fail(ctx, email, addr, "unknown", now)
	}
	if err != nil {
		return "", Person{}, err
	}
	hash := p.PasswordHash
	if hash == "" {
		hash = dummyHash() // no password set yet: fail after the same work as a wrong password
	}
	if !VerifyPassword(hash, password) || p.PasswordHash == "" {
		return "", Person{}, s.fail(ctx, email, addr, "password", now)
	}
	if !p.Active {
		return "", Person{}, s.fail(ctx, email, addr, "inactive", now)
	}
	two, err := enrolled(ctx, s.db.R, p.ID)
	if err != nil {
		return "", Person{}, err
	}
	if two {
		challenge, err := s.challenge(ctx, p, attempt, addr, now)
		if err != nil {
			return "", Person{}, err
		}
		return "", p, &CodeNeeded{Challenge: challenge}
	}
	var token string
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if oldToken != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE token_hash = ?`, HashToken(oldToken)); err != nil {
				return err
			}
		}
		// The reserved attempt and the pair's earlier failures no longer count.
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE email = ? AND addr = ?`, email, web.ClientKey(addr)); err != nil {
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

// reserveAttempt counts an attempt as a failure before the password is checked, in the same
// write transaction as the check of the lock. Concurrent attempts are thus serialised by the
// single writer: the sixth of many parallel guesses already sees five failures, however fast
// they arrive. A successful attempt removes its reservation. It returns 0 when locked.
func (s *Service) reserveAttempt(ctx context.Context, email, addr string, now time.Time) (int64, error) {
	var id int64
	addr = web.ClientKey(addr)
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		since := db.Stamp(now.Add(-2 * LockWindow))
		var pair, all, account []string
		if err := tx.SelectContext(ctx, &pair,
			`SELECT at FROM login_failures WHERE email = ? AND addr = ? AND at > ?`, email, addr, since); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &all, `SELECT at FROM login_failures WHERE addr = ? AND at > ?`, addr, since); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &account, `SELECT at FROM login_failures WHERE email = ? AND at > ?`, email, since); err != nil {
			return err
		}
		_, pairLocked := LockedUntil(parseTimes(pair), LockFailures, now)
		_, addrLocked := LockedUntil(parseTimes(all), AddrLockFailures, now)
		_, accountLocked := LockedUntil(parseTimes(account), AccountLockFailures, now)
		if pairLocked || addrLocked || accountLocked {
			return nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO login_failures (email, addr, at) VALUES (?, ?, ?)`,
			email, addr, db.Stamp(now))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		// Failures older than a day no longer matter to any lock.
		_, err = tx.ExecContext(ctx, `DELETE FROM login_failures WHERE at < ?`, db.Stamp(now.Add(-24*time.Hour)))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("people: sign-in attempt: %w", err)
	}
	return id, nil
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

// fail records a failed sign-in in the audit log; the attempt itself was counted when it was
// reserved. Attempts refused by a lock are not counted, so a lock ends LockWindow after the
// failure that caused it and a person who waits it out can sign in.
func (s *Service) fail(ctx context.Context, email, addr, why string, now time.Time) error {
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		_ = tx.GetContext(ctx, &id, `SELECT id FROM persons WHERE email = ?`, email)
		return s.record(ctx, tx, now, 0, "auth.login_failed", id, nil, map[string]string{"email": email, "reason": why})
	})
	if err != nil {
		return fmt.Errorf("people: record failed sign-in: %w", err)
	}
	return ErrSignIn
}

// CodeNeeded is Login's answer when the password was right and the person's second factor is
// awaited: Challenge goes with the browser to the page that asks for the code (SecondStep).
type CodeNeeded struct{ Challenge string }

func (*CodeNeeded) Error() string { return "people: the second factor is awaited" }

// challenge records a sign-in whose password was right; the code has ChallengeValid to come.
// Only this attempt's reservation is taken back: the pair's earlier failures, wrong codes
// among them, keep counting until a code is right, so that knowing the password does not
// reset the lock on guessing codes.
func (s *Service) challenge(ctx context.Context, p Person, attempt int64, addr string, now time.Time) (string, error) {
	token, hash := NewToken("")
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM login_failures WHERE id = ?`, attempt); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO login_challenges (token_hash, person_id, created_at, addr) VALUES (?, ?, ?, ?)`,
			hash, p.ID, db.Stamp(now), addr)
		return err
	})
	return token, err
}

// ErrChallenge answers a code typed after its sign-in lapsed (ChallengeValid) or was used: the
// person signs in again from the start.
var ErrChallenge = &web.Error{Code: web.CodeUnauthorized, Msg: web.M("second_factor.challenge_over")}

// SecondStep finishes a sign-in with the code from the authenticator app, or one of the
// recovery codes, and starts the session as Login does. Every attempt counts toward the same
// lock as a password: five wrong codes lock the pair of e-mail and address. A code works once.
func (s *Service) SecondStep(ctx context.Context, challenge, code, addr, oldToken string, now time.Time) (string, Person, error) {
	var row struct {
		PersonID int64  `db:"person_id"`
		Created  string `db:"created_at"`
	}
	hash := HashToken(challenge)
	err := s.db.R.GetContext(ctx, &row, `SELECT person_id, created_at FROM login_challenges WHERE token_hash = ?`, hash)
	created, _ := time.Parse(time.RFC3339Nano, row.Created)
	if err != nil || now.Sub(created) > ChallengeValid {
		return "", Person{}, ErrChallenge
	}
	p, err := s.store.Get(ctx, s.db.R, row.PersonID)
	if err != nil {
		return "", Person{}, err
	}
	if !p.Active {
		return "", Person{}, ErrChallenge
	}
	attempt, err := s.reserveAttempt(ctx, p.Email, addr, now)
	if err != nil {
		return "", Person{}, err
	}
	if attempt == 0 {
		return "", Person{}, s.fail(ctx, p.Email, addr, "locked", now)
	}
	var token, how string
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ok, err := acceptCode(ctx, tx, p.ID, code, now)
		switch {
		case errors.Is(err, errNoFactor):
			return ErrSignIn
		case err != nil:
			return err
		}
		if ok {
			how = "totp"
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = ? WHERE person_id = ? AND code_hash = ? AND used_at IS NULL`,
				db.Stamp(now), p.ID, HashToken(strings.ToLower(strings.TrimSpace(code))))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return ErrSignIn
			}
			how = "recovery_code"
		}
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{`DELETE FROM login_challenges WHERE token_hash = ?`, []any{hash}},
			{`DELETE FROM login_failures WHERE email = ? AND addr = ?`, []any{p.Email, web.ClientKey(addr)}},
			{`DELETE FROM auth_sessions WHERE token_hash = ?`, []any{HashToken(oldToken)}},
		} {
			if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
				return err
			}
		}
		if token, err = startSession(ctx, tx, p.ID, addr, now); err != nil {
			return err
		}
		return s.record(ctx, tx, now, p.ID, "auth.login", p.ID, nil, map[string]any{"second_factor": how})
	})
	if err == ErrSignIn {
		return "", Person{}, s.fail(ctx, p.Email, addr, "code", now)
	}
	return token, p, err
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
	// Guessing the current password here counts like guessing it at sign-in.
	addr := web.Addr(ctx)
	attempt, err := s.reserveAttempt(ctx, p.Email, addr, now)
	if err != nil {
		return err
	}
	f := CheckPassword(next)
	if attempt == 0 {
		f.Add("current", "account.password.locked")
	} else if !VerifyPassword(p.PasswordHash, current) {
		f.Add("current", "account.password.wrong")
	} else if _, err := s.db.W.ExecContext(ctx, `DELETE FROM login_failures WHERE id = ?`, attempt); err != nil {
		return err
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
