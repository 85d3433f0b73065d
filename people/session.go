package people

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// NewToken returns a random secret (32 bytes in unpadded base64url after prefix) for a cookie,
// an API token or a feed address, and the hash under which it is stored: a leaked database
// then holds nothing usable.
func NewToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is how a token is stored: sha256 in hex. A token is 256 random bits, so a fast
// hash is enough; there is nothing to guess.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// touchEvery limits how often a session's last use is written: once a minute is exact enough
// for a 30-minute idle timeout and spares a write on every request.
const touchEvery = time.Minute

// Session finds the principal of a live browser session; it is web.Authenticator's half for
// cookies. A session past its idle or absolute limit is deleted and yields nil.
func (s *Service) Session(ctx context.Context, token string, now time.Time) (*web.Principal, error) {
	hash := HashToken(token)
	var row struct {
		bearer
		Created  string `db:"created_at"`
		LastSeen string `db:"last_seen_at"`
	}
	err := s.db.R.GetContext(ctx, &row, selectBearer+`, s.created_at, s.last_seen_at
		FROM auth_sessions s JOIN persons p ON p.id = s.person_id WHERE s.token_hash = ?`, hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("people: session: %w", err)
	}
	created, _ := time.Parse(time.RFC3339Nano, row.Created)
	lastSeen, _ := time.Parse(time.RFC3339Nano, row.LastSeen)
	if !row.Active || !SessionAlive(created, lastSeen, now) {
		_, err := s.db.W.ExecContext(ctx, `DELETE FROM auth_sessions WHERE token_hash = ?`, hash)
		return nil, err
	}
	if now.Sub(lastSeen) >= touchEvery {
		if _, err := s.db.W.ExecContext(ctx, `UPDATE auth_sessions SET last_seen_at = ? WHERE token_hash = ?`,
			db.Stamp(now), hash); err != nil {
			return nil, fmt.Errorf("people: touch session: %w", err)
		}
	}
	p := row.person()
	pr := p.Principal(hash)
	if s.requires(p) {
		ok, err := enrolled(ctx, s.db.R, p.ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			pr.Pending = SecondFactorPage
		}
	}
	return pr, nil
}

// bearer is the person a session or a token speaks for, read with the credential in one query
// (selectBearer): every signed-in request asks it, so it is one statement, not three.
type bearer struct {
	ID     int64  `db:"id"`
	Name   string `db:"name"`
	Email  string `db:"email"`
	Region string `db:"region"`
	Lang   string `db:"lang"`
	Active bool   `db:"active"`
	Roles  string `db:"roles"` // comma-separated
}

const selectBearer = `SELECT p.id, p.name, p.email, COALESCE(p.region_code, '') AS region, p.lang, p.active,
	COALESCE((SELECT group_concat(r.role) FROM person_roles r WHERE r.person_id = p.id), '') AS roles`

// person is as much of the Person as a principal is made of, its roles in the order shown.
func (b bearer) person() Person {
	var held []web.Role
	if b.Roles != "" {
		for _, r := range strings.Split(b.Roles, ",") {
			held = append(held, web.Role(r))
		}
	}
	return Person{ID: b.ID, Name: b.Name, Email: b.Email, Region: b.Region, Lang: b.Lang, Active: b.Active, Roles: ordered(held)}
}

// SecondFactorPage is where a person enrols and manages their second factor.
const SecondFactorPage = "/account/second-factor"

// startSession creates a session for a person inside tx and returns the cookie value.
func startSession(ctx context.Context, tx *sqlx.Tx, personID int64, addr string, now time.Time) (string, error) {
	token, hash := NewToken("")
	ts := db.Stamp(now)
	if _, err := tx.ExecContext(ctx, `
		INSERT INTO auth_sessions (token_hash, person_id, created_at, last_seen_at, addr, device) VALUES (?, ?, ?, ?, ?, ?)`,
		hash, personID, ts, ts, addr, web.Device(ctx)); err != nil {
		return "", fmt.Errorf("people: start session: %w", err)
	}
	return token, nil
}

// Token finds the principal of an API token; it is web.Authenticator's half for Bearer tokens.
// An expired token does not work (deactivation deletes a person's tokens).
func (s *Service) Token(ctx context.Context, token string, now time.Time) (*web.Principal, error) {
	var row struct {
		bearer
		LastUsed sql.NullString `db:"last_used_at"`
	}
	hash := HashToken(token)
	err := s.db.R.GetContext(ctx, &row, selectBearer+`, t.last_used_at
		FROM api_tokens t JOIN persons p ON p.id = t.person_id
		WHERE t.token_hash = ? AND p.active = 1 AND (t.expires_at IS NULL OR t.expires_at > ?)`, hash, db.Stamp(now))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("people: token: %w", err)
	}
	// Knowing when a token was last used tells an admin which integrations are alive.
	if last, _ := time.Parse(time.RFC3339Nano, row.LastUsed.String); !row.LastUsed.Valid || now.Sub(last) >= touchEvery {
		if _, err := s.db.W.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?`,
			db.Stamp(now), hash); err != nil {
			return nil, fmt.Errorf("people: token use: %w", err)
		}
	}
	return row.person().Principal(""), nil
}
