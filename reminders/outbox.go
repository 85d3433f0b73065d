package reminders

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// Message is something to tell a person. Kind names the catalog messages that render it
// (notice.<kind>.title and notice.<kind>.body), Args fill them in.
type Message struct {
	// Key identifies the message: enqueueing the same key twice sends it once.
	Key      string
	PersonID int64
	Kind     string
	Args     map[string]any
	Link     string // a page of the product the message is about
	// Secret marks a Link that carries a one-time secret: it goes by e-mail only and is
	// erased once the e-mail is settled (sent, failed for good, or skipped).
	Secret bool
}

// insertMessage adds a message unless its key exists.
const insertMessage = `INSERT INTO notifications (key, person_id, kind, args, link, secret, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`

// Enqueue adds a message inside the caller's transaction, so that it exists exactly when the
// change that causes it is committed. It reports whether the message is new.
func Enqueue(ctx context.Context, q db.Querier, now time.Time, m Message) (bool, error) {
	return enqueue(now, m, func(args ...any) (sql.Result, error) { return q.ExecContext(ctx, insertMessage, args...) })
}

// enqueue adds m through exec, which runs insertMessage with its arguments.
func enqueue(now time.Time, m Message, exec func(args ...any) (sql.Result, error)) (bool, error) {
	args, err := json.Marshal(m.Args)
	if err != nil {
		return false, fmt.Errorf("reminders: %s: %w", m.Key, err)
	}
	res, err := exec(m.Key, m.PersonID, m.Kind, string(args), m.Link, m.Secret, db.Stamp(now))
	if err != nil {
		return false, fmt.Errorf("reminders: enqueue %s: %w", m.Key, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// EnqueueAll adds messages in one transaction of d's writer and returns how many were new: the
// scans of scheduled reminders use it. A daily scan offers again every message still due
// (tens of thousands in a large installation), so the keys that exist are read first in one
// query and only the rest are inserted, through one prepared statement.
func EnqueueAll(ctx context.Context, d *db.DB, now time.Time, msgs []Message) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	keys := make([]string, len(msgs))
	for i, m := range msgs {
		keys[i] = m.Key
	}
	list, err := json.Marshal(keys)
	if err != nil {
		return 0, err
	}
	n := 0
	err = d.Tx(ctx, func(tx *sqlx.Tx) error {
		var existing []string
		if err := tx.SelectContext(ctx, &existing, `SELECT key FROM notifications
			WHERE key IN (SELECT value FROM json_each(?))`, string(list)); err != nil {
			return fmt.Errorf("reminders: enqueue: %w", err)
		}
		seen := make(map[string]bool, len(existing))
		for _, k := range existing {
			seen[k] = true
		}
		stmt, err := tx.PrepareContext(ctx, insertMessage)
		if err != nil {
			return fmt.Errorf("reminders: enqueue: %w", err)
		}
		defer stmt.Close()
		exec := func(args ...any) (sql.Result, error) { return stmt.ExecContext(ctx, args...) }
		for _, m := range msgs {
			if seen[m.Key] {
				continue
			}
			seen[m.Key] = true
			added, err := enqueue(now, m, exec)
			if err != nil {
				return err
			}
			if added {
				n++
			}
		}
		return nil
	})
	return n, err
}

// Admins lists the active admins, who hear of what the whole installation must act on.
func Admins(ctx context.Context, q db.Querier) ([]int64, error) {
	var ids []int64
	err := q.SelectContext(ctx, &ids, `SELECT p.id FROM persons p JOIN person_roles r ON r.person_id = p.id AND r.role = 'admin'
		WHERE p.active = 1 ORDER BY p.id`)
	return ids, err
}

// Coordinators lists the active coordinators by the region they run.
func Coordinators(ctx context.Context, q db.Querier) (map[string][]int64, error) {
	var rows []struct {
		ID     int64  `db:"id"`
		Region string `db:"region"`
	}
	if err := q.SelectContext(ctx, &rows, `SELECT p.id, p.region_code AS region FROM person_roles r
		JOIN persons p ON p.id = r.person_id WHERE r.role = 'coordinator' AND p.active = 1 AND p.region_code IS NOT NULL
		ORDER BY p.id`); err != nil {
		return nil, err
	}
	out := map[string][]int64{}
	for _, r := range rows {
		out[r.Region] = append(out[r.Region], r.ID)
	}
	return out, nil
}
