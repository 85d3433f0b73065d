package reminders

import (
	"context"
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
}

// Enqueue adds a message inside the caller's transaction, so that it exists exactly when the
// change that causes it is committed. It reports whether the message is new.
func Enqueue(ctx context.Context, q db.Querier, now time.Time, m Message) (bool, error) {
	args, err := json.Marshal(m.Args)
	if err != nil {
		return false, fmt.Errorf("reminders: %s: %w", m.Key, err)
	}
	res, err := q.ExecContext(ctx, `INSERT INTO notifications (key, person_id, kind, args, link, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`, m.Key, m.PersonID, m.Kind, string(args), m.Link, db.Stamp(now))
	if err != nil {
		return false, fmt.Errorf("reminders: enqueue %s: %w", m.Key, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// EnqueueAll adds messages in one transaction of d's writer and returns how many were new: the
// scans of scheduled reminders use it.
func EnqueueAll(ctx context.Context, d *db.DB, now time.Time, msgs []Message) (int, error) {
	if len(msgs) == 0 {
		return 0, nil
	}
	n := 0
	err := d.Tx(ctx, func(tx *sqlx.Tx) error {
		for _, m := range msgs {
			added, err := Enqueue(ctx, tx, now, m)
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
	if err := q.SelectContext(ctx, &rows, `SELECT p.id, p.region_code AS region FROM persons p
		JOIN person_roles r ON r.person_id = p.id AND r.role = 'coordinator'
		WHERE p.active = 1 AND p.region_code IS NOT NULL ORDER BY p.id`); err != nil {
		return nil, err
	}
	out := map[string][]int64{}
	for _, r := range rows {
		out[r.Region] = append(out[r.Region], r.ID)
	}
	return out, nil
}
