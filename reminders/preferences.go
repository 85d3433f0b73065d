package reminders

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// Optional lists the kinds of e-mail a person may turn off: reminders. What the person must
// know (decisions on applications, certificates issued or revoked, attendance that can no
// longer suffice, sign-in links) always goes out; the inbox keeps everything either way.
var Optional = []string{
	"session_tomorrow", "session_tomorrow_lecturer", "supervision_due", "supervision_overdue",
	"supervision_overdue_coordinator", "attendance_missing", "attendance_missing_coordinator",
	"record_stale", "accreditation_expiring", "certificate_expiring",
}

// IsOptional reports whether a kind of e-mail may be turned off.
func IsOptional(kind string) bool { return slices.Contains(Optional, kind) }

// TurnedOff lists the optional kinds a person turned off.
func TurnedOff(ctx context.Context, q db.Querier, personID int64) (map[string]bool, error) {
	var kinds []string
	if err := q.SelectContext(ctx, &kinds, `SELECT kind FROM email_off WHERE person_id = ?`, personID); err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, k := range kinds {
		out[k] = true
	}
	return out, nil
}

// SetTurnedOff makes off the set of optional kinds a person does not want by e-mail; other
// kinds in it are ignored.
func SetTurnedOff(ctx context.Context, d *db.DB, personID int64, off []string, now time.Time) error {
	return d.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM email_off WHERE person_id = ?`, personID); err != nil {
			return err
		}
		for _, k := range off {
			if !IsOptional(k) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO email_off (person_id, kind, off_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING`, personID, k, db.Stamp(now)); err != nil {
				return err
			}
		}
		return nil
	})
}

// TurnOff turns one optional kind off for a person (the unsubscribe link).
func TurnOff(ctx context.Context, d *db.DB, personID int64, kind string, now time.Time) error {
	if !IsOptional(kind) {
		return fmt.Errorf("reminders: %s cannot be turned off", kind)
	}
	_, err := d.W.ExecContext(ctx, `INSERT INTO email_off (person_id, kind, off_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		personID, kind, db.Stamp(now))
	return err
}

// UnsubscribeToken is the signed part of the link that turns one kind of e-mail off for one
// person without signing in: whoever has the e-mail may use it, nobody can make one.
func UnsubscribeToken(key []byte, personID int64, kind string) string {
	payload := strconv.FormatInt(personID, 10) + "." + kind
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + signUnsubscribe(key, payload)
}

// ParseUnsubscribe reads a token UnsubscribeToken made; ok is false for anything else.
func ParseUnsubscribe(key []byte, token string) (personID int64, kind string, ok bool) {
	enc, sig, found := strings.Cut(token, ".")
	if !found {
		return 0, "", false
	}
	raw, err := base64.RawURLEncoding.DecodeString(enc)
	if err != nil || !hmac.Equal([]byte(sig), []byte(signUnsubscribe(key, string(raw)))) {
		return 0, "", false
	}
	id, kind, found := strings.Cut(string(raw), ".")
	n, err := strconv.ParseInt(id, 10, 64)
	if !found || err != nil || n <= 0 || !IsOptional(kind) {
		return 0, "", false
	}
	return n, kind, true
}

func signUnsubscribe(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("unsubscribe:" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:18])
}
