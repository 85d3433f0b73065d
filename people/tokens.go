package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// APIToken is an API token as its owner and admins see it; the secret itself is never kept.
type APIToken struct {
	ID         int64   `db:"id" json:"id"`
	PersonID   int64   `db:"person_id" json:"person_id"`
	Email      string  `db:"email" json:"email"`
	Name       string  `db:"name" json:"name"`
	CreatedAt  string  `db:"created_at" json:"created_at"`
	ExpiresAt  *string `db:"expires_at" json:"expires_at,omitempty"`
	LastUsedAt *string `db:"last_used_at" json:"last_used_at,omitempty"`
}

// Expired reports whether the token no longer works at now.
func (t APIToken) Expired(now time.Time) bool {
	return t.ExpiresAt != nil && *t.ExpiresAt <= db.Stamp(now)
}

// LastDay is the last day (Prague) the token works, "" for a token without an end.
func (t APIToken) LastDay() string {
	if t.ExpiresAt == nil {
		return ""
	}
	end, err := time.Parse(time.RFC3339Nano, *t.ExpiresAt)
	if err != nil {
		return ""
	}
	return end.Add(-time.Nanosecond).In(web.Prague).Format(web.DateLayout)
}

// TokenInput names a new token and, optionally, the last day it works (YYYY-MM-DD, Prague).
type TokenInput struct {
	Name    string
	Expires string
}

// Token limits: a name is for a person to tell their integrations apart; a token lives at most
// MaxTokenYears, so that a forgotten one ends by itself.
const (
	MaxTokenName  = 100
	MaxTokenYears = 2
)

func (in *TokenInput) validate(now time.Time) web.Fields {
	in.Name, in.Expires = strings.TrimSpace(in.Name), strings.TrimSpace(in.Expires)
	var f web.Fields
	switch {
	case in.Name == "":
		f.Add("name", "token.name.required")
	case utf8.RuneCountInString(in.Name) > MaxTokenName || !web.CleanText(in.Name):
		f.Add("name", "token.name.invalid", "Max", MaxTokenName)
	}
	if in.Expires != "" {
		today := now.In(web.Prague).Format(web.DateLayout)
		limit := now.In(web.Prague).AddDate(MaxTokenYears, 0, 0).Format(web.DateLayout)
		if _, key := web.ParseDate(in.Expires); key != "" {
			f.Add("expires", key)
		} else if in.Expires < today || in.Expires > limit {
			f.Add("expires", "token.expires.range", "Years", MaxTokenYears)
		}
	}
	return f
}

// endOf is the instant a token with last day day stops working: midnight after it in Prague.
func endOf(day string) string {
	d, _ := time.ParseInLocation(web.DateLayout, day, web.Prague)
	return db.Stamp(time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, web.Prague))
}

// CreateToken makes a new API token for the active person with email and returns it; only
// its hash is kept, so it can be shown this once.
func (s *Service) CreateToken(ctx context.Context, email string, in TokenInput, now time.Time) (string, error) {
	if err := in.validate(now).Err(); err != nil {
		return "", err
	}
	p, err := s.store.ByEmail(ctx, s.db.R, normalizeEmail(email))
	if err != nil {
		return "", err
	}
	if !p.Active {
		return "", web.Conflict("person.inactive")
	}
	var expires any
	if in.Expires != "" {
		expires = endOf(in.Expires)
	}
	token, hash := NewToken("mlms_")
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (person_id, token_hash, created_at, name, expires_at)
			VALUES (?, ?, ?, ?, ?)`, p.ID, hash, db.Stamp(now), in.Name, expires); err != nil {
			return fmt.Errorf("people: create token: %w", err)
		}
		return s.record(ctx, tx, now, 0, "token.create", p.ID, nil, map[string]any{"person": p.Email, "name": in.Name,
			"expires": in.Expires})
	})
	return token, err
}

const selectToken = `SELECT t.id, t.person_id, p.email, t.name, t.created_at, t.expires_at, t.last_used_at
	FROM api_tokens t JOIN persons p ON p.id = t.person_id`

// Tokens lists a person's API tokens, newest first, to themself and to admins.
func (s *Service) Tokens(ctx context.Context, actor *web.Principal, personID int64) ([]APIToken, error) {
	if actor.ID != personID && !actor.Has(web.RoleAdmin) {
		return nil, ErrNotFound
	}
	var out []APIToken
	err := s.db.R.SelectContext(ctx, &out, selectToken+` WHERE t.person_id = ? ORDER BY t.id DESC`, personID)
	return out, err
}

// AllTokens lists every API token of the installation, or those of the person with email,
// for the command line.
func (s *Service) AllTokens(ctx context.Context, email string) ([]APIToken, error) {
	var out []APIToken
	err := s.db.R.SelectContext(ctx, &out, selectToken+` WHERE ? = '' OR p.email = ? ORDER BY p.email, t.id`,
		normalizeEmail(email), normalizeEmail(email))
	return out, err
}

// ErrNoToken answers a token that does not exist or is not the actor's to see.
var ErrNoToken = web.NotFound("token.not_found")

// TokenOf reads one token that actor may revoke: their own, or anyone's for an admin (nil,
// the command line, may revoke any).
func (s *Service) TokenOf(ctx context.Context, actor *web.Principal, id int64) (APIToken, error) {
	var t APIToken
	err := s.db.R.GetContext(ctx, &t, selectToken+` WHERE t.id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) || err == nil && actor != nil && actor.ID != t.PersonID && !actor.Has(web.RoleAdmin) {
		return APIToken{}, ErrNoToken
	}
	return t, err
}

// RevokeToken ends an API token at once, audit-logged.
func (s *Service) RevokeToken(ctx context.Context, actor *web.Principal, id int64, now time.Time) error {
	t, err := s.TokenOf(ctx, actor, id)
	if err != nil {
		return err
	}
	var by int64
	if actor != nil {
		by = actor.ID
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM api_tokens WHERE id = ?`, id); err != nil {
			return fmt.Errorf("people: revoke token: %w", err)
		}
		return s.record(ctx, tx, now, by, "token.revoke", t.PersonID, map[string]any{"token": t.ID, "name": t.Name}, nil)
	})
}
