package reminders

import (
	"context"
	"encoding/json"
	"time"

	"mentorlms/db"
)

// Notice is a message as its recipient sees it in the inbox.
type Notice struct {
	ID        int64          `db:"id" json:"id"`
	Kind      string         `db:"kind" json:"kind"`
	ArgsJSON  string         `db:"args" json:"-"`
	Link      string         `db:"link" json:"link,omitempty"`
	CreatedAt string         `db:"created_at" json:"created_at"`
	ReadAt    *string        `db:"read_at" json:"read_at"`
	Args      map[string]any `db:"-" json:"args"`
}

// Inbox lists a person's messages, newest first.
func Inbox(ctx context.Context, d *db.DB, personID int64, limit, offset int) ([]Notice, int, error) {
	var ns []Notice
	if err := d.R.SelectContext(ctx, &ns, `SELECT id, kind, args, CASE WHEN secret = 1 THEN '' ELSE link END AS link, created_at, read_at FROM notifications
		WHERE person_id = ? ORDER BY id DESC LIMIT ? OFFSET ?`, personID, limit, offset); err != nil {
		return nil, 0, err
	}
	var total int
	if err := d.R.GetContext(ctx, &total, `SELECT COUNT(*) FROM notifications WHERE person_id = ?`, personID); err != nil {
		return nil, 0, err
	}
	for i := range ns {
		ns[i].Args = map[string]any{}
		_ = json.Unmarshal([]byte(ns[i].ArgsJSON), &ns[i].Args)
	}
	return ns, total, nil
}

// Unread counts a person's unread messages.
func Unread(ctx context.Context, d *db.DB, personID int64) (int, error) {
	var n int
	err := d.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM notifications WHERE person_id = ? AND read_at IS NULL`, personID)
	return n, err
}

// MarkRead marks one of the person's messages read (0: all of them); someone else's message is
// left alone.
func MarkRead(ctx context.Context, d *db.DB, personID, id int64, now time.Time) error {
	_, err := d.W.ExecContext(ctx, `UPDATE notifications SET read_at = ? WHERE person_id = ? AND read_at IS NULL
		AND (? = 0 OR id = ?)`, db.Stamp(now), personID, id, id)
	return err
}
