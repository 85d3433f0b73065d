package reminders

import (
	"context"

	"mentorlms/db"
)

// Failed is an e-mail that could not be delivered after its last attempt.
type Failed struct {
	ID        int64  `db:"id" json:"id"`
	PersonID  int64  `db:"person_id" json:"person_id"`
	Name      string `db:"name" json:"name"`
	Email     string `db:"email" json:"email"`
	Kind      string `db:"kind" json:"kind"`
	CreatedAt string `db:"created_at" json:"created_at"`
	Error     string `db:"email_error" json:"error"`
}

// FailedMail lists the newest e-mails that failed for good (at most limit) and how many there
// are, for the admin's dashboard.
func FailedMail(ctx context.Context, d *db.DB, limit int) ([]Failed, int, error) {
	var total int
	if err := d.R.GetContext(ctx, &total, `SELECT COUNT(*) FROM notifications WHERE email_status = 'failed'`); err != nil {
		return nil, 0, err
	}
	var out []Failed
	err := d.R.SelectContext(ctx, &out, `SELECT n.id, n.person_id, p.name, p.email, n.kind, n.created_at, n.email_error
		FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.email_status = 'failed' ORDER BY n.id DESC LIMIT ?`, limit)
	return out, total, err
}
