package reminders

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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
