package people

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"mentorlms/db"
	"mentorlms/web"
)

// Second factor: TOTP as RFC 6238 has it and every authenticator app reads it (SHA-1, six
// digits, 30 seconds), one step of clock drift either way, and RecoveryCodes one-time codes.
const (
	totpPeriod    = 30
	RecoveryCodes = 10
	// ChallengeValid is how long the code may be typed after the password was right.
	ChallengeValid = 5 * time.Minute
	// Issuer names the product in the authenticator app.
	Issuer = "mentorlms"
)

// SecondFactor is where a person stands with their second factor.
type SecondFactor struct {
	Enrolled    bool
	EnrolledAt  string
	Required    bool // their roles require it on this installation
	CodesLeft   int  // unused recovery codes
	Secret, URL string
}

// requires reports whether the installation requires a second factor of p.
func (s *Service) requires(p Person) bool {
	return s.RequireSecondFactor && (p.Has(web.RoleAdmin) || p.Has(web.RoleCoordinator))
}

// enrolled reports whether a person has a confirmed second factor.
func enrolled(ctx context.Context, q db.Querier, id int64) (bool, error) {
	var n int
	err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM second_factors WHERE person_id = ? AND confirmed_at IS NOT NULL`, id)
	return n > 0, err
}

// SecondFactorOf reads a person's state; while they have none it begins an enrolment (a new
// key, kept until confirmed, so that reloading the page shows the same QR code).
func (s *Service) SecondFactorOf(ctx context.Context, actor *web.Principal, now time.Time) (SecondFactor, error) {
	p, err := s.store.Get(ctx, s.db.R, actor.ID)
	if err != nil {
		return SecondFactor{}, err
	}
	out := SecondFactor{Required: s.requires(p)}
	var row struct {
		Secret    string  `db:"secret"`
		Confirmed *string `db:"confirmed_at"`
	}
	err = s.db.R.GetContext(ctx, &row, `SELECT secret, confirmed_at FROM second_factors WHERE person_id = ?`, p.ID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		key, err := totp.Generate(totp.GenerateOpts{Issuer: Issuer, AccountName: p.Email, Period: totpPeriod})
		if err != nil {
			return out, err
		}
		if _, err := s.db.W.ExecContext(ctx, `INSERT INTO second_factors (person_id, secret, created_at) VALUES (?, ?, ?)
			ON CONFLICT (person_id) DO NOTHING`, p.ID, key.Secret(), db.Stamp(now)); err != nil {
			return out, err
		}
		return s.SecondFactorOf(ctx, actor, now)
	case err != nil:
		return out, err
	case row.Confirmed != nil:
		out.Enrolled, out.EnrolledAt = true, *row.Confirmed
		err = s.db.R.GetContext(ctx, &out.CodesLeft, `SELECT COUNT(*) FROM recovery_codes WHERE person_id = ? AND used_at IS NULL`, p.ID)
		return out, err
	}
	out.Secret = row.Secret
	v := url.Values{"secret": {row.Secret}, "issuer": {Issuer}, "period": {strconv.Itoa(totpPeriod)},
		"algorithm": {"SHA1"}, "digits": {"6"}}
	out.URL = (&url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + Issuer + ":" + p.Email, RawQuery: v.Encode()}).String()
	return out, nil
}

// step finds the time step of code for secret around now (one step of drift either way), 0
// when it matches none.
func step(secret, code string, now time.Time) int64 {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != 6 {
		return 0
	}
	for _, drift := range []int64{0, -1, 1} {
		at := now.Add(time.Duration(drift*totpPeriod) * time.Second)
		want, err := totp.GenerateCodeCustom(secret, at, totp.ValidateOpts{Period: totpPeriod, Digits: otp.DigitsSix,
			Algorithm: otp.AlgorithmSHA1})
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return at.Unix() / totpPeriod
		}
	}
	return 0
}

// ConfirmSecondFactor finishes an enrolment with a code from the app and returns the recovery
// codes, which are shown this once and kept as hashes.
func (s *Service) ConfirmSecondFactor(ctx context.Context, actor *web.Principal, code string, now time.Time) ([]string, error) {
	var codes []string
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var row struct {
			Secret    string  `db:"secret"`
			Confirmed *string `db:"confirmed_at"`
		}
		err := tx.GetContext(ctx, &row, `SELECT secret, confirmed_at FROM second_factors WHERE person_id = ?`, actor.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return web.Conflict("second_factor.not_started")
		}
		if err != nil {
			return err
		}
		if row.Confirmed != nil {
			return web.Conflict("second_factor.already")
		}
		st := step(row.Secret, code, now)
		if st == 0 {
			var f web.Fields
			f.Add("code", "second_factor.code.wrong")
			return f.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE second_factors SET confirmed_at = ?, last_step = ? WHERE person_id = ?`,
			db.Stamp(now), st, actor.ID); err != nil {
			return err
		}
		if codes, err = newRecoveryCodes(ctx, tx, actor.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "second_factor.enrol", actor.ID, nil, nil)
	})
	return codes, err
}

// recoveryAlphabet leaves out letters and digits that are easy to mistake for each other.
const recoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789"

// newRecoveryCodes replaces a person's recovery codes with RecoveryCodes new ones, "abcd-efgh".
func newRecoveryCodes(ctx context.Context, tx *sqlx.Tx, id int64) ([]string, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE person_id = ?`, id); err != nil {
		return nil, err
	}
	codes := make([]string, RecoveryCodes)
	for i := range codes {
		b := make([]byte, 8)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		for j := range b {
			b[j] = recoveryAlphabet[int(b[j])%len(recoveryAlphabet)]
		}
		codes[i] = string(b[:4]) + "-" + string(b[4:])
		if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (person_id, code_hash) VALUES (?, ?)`,
			id, HashToken(codes[i])); err != nil {
			return nil, err
		}
	}
	return codes, nil
}

// errNoFactor answers a code for a person without a confirmed second factor.
var errNoFactor = errors.New("people: no second factor")

// acceptCode checks a code from the person's app inside tx and, when it is right and newer
// than the last one accepted, records its step, so that it works once. It reports whether the
// code was accepted; errNoFactor when the person has no confirmed factor.
func acceptCode(ctx context.Context, tx *sqlx.Tx, id int64, code string, now time.Time) (bool, error) {
	var f struct {
		Secret   string `db:"secret"`
		LastStep int64  `db:"last_step"`
	}
	err := tx.GetContext(ctx, &f, `SELECT secret, last_step FROM second_factors WHERE person_id = ? AND confirmed_at IS NOT NULL`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, errNoFactor
	}
	if err != nil {
		return false, err
	}
	st := step(f.Secret, code, now)
	if st <= f.LastStep {
		return false, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE second_factors SET last_step = ? WHERE person_id = ?`, st, id)
	return err == nil, err
}

// current checks a code from the person's app before their second factor is weakened (new
// recovery codes, turning it off), so that a stolen session alone cannot get round it.
func current(ctx context.Context, tx *sqlx.Tx, id int64, code string, now time.Time) error {
	ok, err := acceptCode(ctx, tx, id, code, now)
	switch {
	case errors.Is(err, errNoFactor):
		return web.Conflict("second_factor.not_started")
	case err != nil:
		return err
	case !ok:
		var fs web.Fields
		fs.Add("code", "second_factor.code.wrong")
		return fs.Err()
	}
	return nil
}

// NewRecoveryCodes gives an enrolled person a fresh set of recovery codes, against a code from
// their app; the old ones stop working.
func (s *Service) NewRecoveryCodes(ctx context.Context, actor *web.Principal, code string, now time.Time) ([]string, error) {
	var codes []string
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if err := current(ctx, tx, actor.ID, code, now); err != nil {
			return err
		}
		var err error
		if codes, err = newRecoveryCodes(ctx, tx, actor.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "second_factor.recovery_codes", actor.ID, nil, nil)
	})
	return codes, err
}

// TurnOffSecondFactor removes a person's own second factor, against a code from their app,
// where their roles do not require one.
func (s *Service) TurnOffSecondFactor(ctx context.Context, actor *web.Principal, code string, now time.Time) error {
	p, err := s.store.Get(ctx, s.db.R, actor.ID)
	if err != nil {
		return err
	}
	if s.requires(p) {
		return web.Conflict("second_factor.required")
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if err := current(ctx, tx, actor.ID, code, now); err != nil {
			return err
		}
		return s.removeIn(ctx, tx, actor.ID, actor.ID, "second_factor.off", now)
	})
}

// ResetSecondFactor removes someone else's second factor, for a person who lost their phone
// and their recovery codes; only another admin may. They enrol again at their next sign-in
// where it is required.
func (s *Service) ResetSecondFactor(ctx context.Context, actor *web.Principal, id int64, now time.Time) error {
	if !actor.Has(web.RoleAdmin) {
		return web.Forbidden()
	}
	if id == actor.ID {
		return web.Conflict("second_factor.reset_self")
	}
	if _, err := s.store.Get(ctx, s.db.R, id); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error { return s.removeIn(ctx, tx, actor.ID, id, "second_factor.reset", now) })
}

// removeIn deletes a person's second factor, recovery codes and sign-ins awaiting a code, on
// behalf of by, inside tx.
func (s *Service) removeIn(ctx context.Context, tx *sqlx.Tx, by, id int64, action string, now time.Time) error {
	for _, q := range []string{`DELETE FROM second_factors WHERE person_id = ?`, `DELETE FROM recovery_codes WHERE person_id = ?`,
		`DELETE FROM login_challenges WHERE person_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	return s.record(ctx, tx, now, by, action, id, nil, nil)
}

// HasSecondFactor reports whether the person with id has a confirmed second factor.
func (s *Service) HasSecondFactor(ctx context.Context, id int64) (bool, error) {
	return enrolled(ctx, s.db.R, id)
}
