package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	gomail "github.com/wneessen/go-mail"

	"mentorlms/db"
	"mentorlms/web"
)

// Delivery sends the outbox by e-mail, each message once. A pass claims the messages that are
// due (marking them sending before any attempt), sends them over one connection and settles
// each: sent, or pending again with a later attempt, or failed after the last attempt. A crash
// between the claim and the settling leaves messages marked sending; Recover, at the next
// start, makes them pending again, so such a message may go out twice, never not at all and
// never more than twice.
type Delivery struct {
	db      *db.DB
	smtp    SMTP
	catalog *web.Catalog
	// BaseURL starts the links in messages (the public address of the server).
	BaseURL string
	// Attempts is how many times a message is tried before it fails for good; Backoff how long
	// after the n-th failed attempt the next one comes (the last entry repeats).
	Attempts int
	Backoff  []time.Duration
	// Stale is how old a message may be and still be e-mailed: one that waited longer (the
	// server had no mail configured, or was down) stays in the inbox only.
	Stale time.Duration
	// Batch is how many messages one pass sends at most.
	Batch int
	Log   *slog.Logger
	// UnsubscribeKey signs the links that turn an optional kind of e-mail off; without it
	// e-mails carry no such link.
	UnsubscribeKey []byte
}

// NewDelivery returns a delivery over d through s, writing messages from catalog.
func NewDelivery(d *db.DB, s SMTP, catalog *web.Catalog, baseURL string) *Delivery {
	return &Delivery{db: d, smtp: s, catalog: catalog, BaseURL: baseURL, Attempts: 5,
		Backoff: []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour},
		Stale:   48 * time.Hour, Batch: 100, Log: slog.Default()}
}

// Result counts what a pass did.
type Result struct {
	Sent, Retrying, Failed, Skipped int
}

// outgoing is a claimed message with what its e-mail needs.
type outgoing struct {
	Notice
	PersonID int64  `db:"person_id"`
	Attempts int    `db:"attempts"`
	Email    string `db:"email"`
	Name     string `db:"name"`
	Lang     string `db:"lang"`
	Active   bool   `db:"active"`
}

// Recover makes the messages a crashed pass left marked sending due again. It runs once at
// start, before the first pass, when no other pass can be under way.
func (dl *Delivery) Recover(ctx context.Context) (int, error) {
	res, err := dl.db.W.ExecContext(ctx, `UPDATE notifications SET email_status = 'pending', email_next_at = ''
		WHERE email_status = 'sending'`)
	if err != nil {
		return 0, fmt.Errorf("reminders: recover: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Pass sends what is due at now, once.
func (dl *Delivery) Pass(ctx context.Context, now time.Time) (Result, error) {
	var r Result
	stamp := db.Stamp(now)
	res, err := dl.db.W.ExecContext(ctx, `UPDATE notifications SET email_status = 'skipped', email_error = 'stale',
		link = CASE WHEN secret = 1 THEN '' ELSE link END
		WHERE email_status = 'pending' AND created_at < ?`, db.Stamp(now.Add(-dl.Stale)))
	if err != nil {
		return r, fmt.Errorf("reminders: stale: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil {
		r.Skipped += int(n)
	}
	var batch []outgoing
	err = dl.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT id FROM notifications
			WHERE email_status = 'pending' AND email_next_at <= ? ORDER BY id LIMIT ?`, stamp, dl.Batch); err != nil || len(ids) == 0 {
			return err
		}
		q, args, err := sqlx.In(`UPDATE notifications SET email_status = 'sending', email_claimed_at = ?,
			attempts = attempts + 1 WHERE id IN (?)`, stamp, ids)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		q, args, err = sqlx.In(`SELECT n.id, n.person_id, n.kind, n.args, n.link, n.created_at, n.read_at, n.attempts,
			p.email, p.name, p.lang, p.active
			FROM notifications n JOIN persons p ON p.id = n.person_id WHERE n.id IN (?) ORDER BY n.id`, ids)
		if err != nil {
			return err
		}
		return tx.SelectContext(ctx, &batch, q, args...)
	})
	if err != nil || len(batch) == 0 {
		return r, err
	}
	off, err := turnedOff(ctx, dl.db, batch)
	if err != nil {
		return r, err
	}
	// Messages to people who can no longer sign in, or of a kind they turned off, stay in
	// their inbox only.
	var msgs []*gomail.Msg
	var sending []outgoing
	for _, o := range batch {
		why := ""
		switch {
		case !o.Active:
			why = "inactive"
		case off[fmt.Sprint(o.PersonID, " ", o.Kind)]:
			why = "turned off"
		}
		if why != "" {
			r.Skipped++
			if err := dl.settle(ctx, o.ID, "skipped", why, "", now); err != nil {
				return r, err
			}
			continue
		}
		m, err := dl.message(o)
		if err != nil {
			r.Failed++
			if err := dl.settle(ctx, o.ID, "failed", err.Error(), "", now); err != nil {
				return r, err
			}
			continue
		}
		msgs, sending = append(msgs, m), append(sending, o)
	}
	if len(msgs) == 0 {
		return r, nil
	}
	client, err := dl.smtp.client()
	var sendErr error
	if err == nil {
		sendErr = client.DialAndSendWithContext(ctx, msgs...)
	} else {
		sendErr = err
	}
	for i, o := range sending {
		failure := ""
		switch {
		case err != nil:
			failure = err.Error()
		case msgs[i].HasSendError():
			failure = msgs[i].SendError().Error()
		case sendErr != nil && !msgs[i].IsDelivered():
			failure = sendErr.Error()
		}
		if failure == "" {
			r.Sent++
			if err := dl.settle(ctx, o.ID, "sent", "", "", now); err != nil {
				return r, err
			}
			continue
		}
		if o.Attempts >= dl.Attempts {
			r.Failed++
			dl.Log.Warn("e-mail failed for good", "notification", o.ID, "to", o.Email, "err", failure)
			if err := dl.settle(ctx, o.ID, "failed", failure, "", now); err != nil {
				return r, err
			}
			continue
		}
		r.Retrying++
		wait := dl.Backoff[min(o.Attempts, len(dl.Backoff))-1]
		if err := dl.settle(ctx, o.ID, "pending", failure, db.Stamp(now.Add(wait)), now); err != nil {
			return r, err
		}
	}
	return r, nil
}

// settle records how an attempt ended. A settled message's one-time link is erased.
func (dl *Delivery) settle(ctx context.Context, id int64, status, failure, next string, now time.Time) error {
	var emailed any
	if status == "sent" {
		emailed = db.Stamp(now)
	}
	_, err := dl.db.W.ExecContext(ctx, `UPDATE notifications SET email_status = ?, email_error = ?, email_next_at = ?,
		emailed_at = COALESCE(?, emailed_at), link = CASE WHEN secret = 1 AND ? <> 'pending' THEN '' ELSE link END
		WHERE id = ?`, status, failure, next, emailed, status, id)
	if err != nil {
		return fmt.Errorf("reminders: settle %d: %w", id, err)
	}
	return nil
}

// Run delivers until ctx ends: it recovers what a crash left, then passes every interval.
func (dl *Delivery) Run(ctx context.Context, clock func() time.Time, every time.Duration) {
	if n, err := dl.Recover(ctx); err != nil {
		dl.Log.Error("e-mail recovery", "err", err)
	} else if n > 0 {
		dl.Log.Warn("e-mails interrupted by a stop are sent again", "count", n)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if r, err := dl.Pass(ctx, clock()); err != nil && ctx.Err() == nil {
			dl.Log.Error("e-mail pass", "err", err)
		} else if r.Sent+r.Failed+r.Retrying > 0 {
			dl.Log.Info("e-mail pass", "sent", r.Sent, "retrying", r.Retrying, "failed", r.Failed)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// turnedOff reads which of the batch's people turned which kinds off, as "person kind".
func turnedOff(ctx context.Context, d *db.DB, batch []outgoing) (map[string]bool, error) {
	ids := make([]int64, len(batch))
	for i, o := range batch {
		ids[i] = o.PersonID
	}
	q, args, err := sqlx.In(`SELECT person_id, kind FROM email_off WHERE person_id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		PersonID int64  `db:"person_id"`
		Kind     string `db:"kind"`
	}
	if err := d.R.SelectContext(ctx, &rows, q, args...); err != nil {
		return nil, fmt.Errorf("reminders: preferences: %w", err)
	}
	out := map[string]bool{}
	for _, r := range rows {
		out[fmt.Sprint(r.PersonID, " ", r.Kind)] = true
	}
	return out, nil
}
