package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"mentorlms/db"
	"mentorlms/web"
)

// Entry is one line of the audit log.
type Entry struct {
	ID        int64  `db:"id" json:"id"`
	At        string `db:"at" json:"at"`
	ActorID   *int64 `db:"actor_id" json:"actor_id"`
	ActorName string `db:"actor_name" json:"actor_name"`
	Action    string `db:"action" json:"action"`
	Entity    string `db:"entity" json:"entity"`
	EntityID  *int64 `db:"entity_id" json:"entity_id"`
	// EntityName names the record for people reading the log (a person's name, a course's
	// title, a certificate's number); "" if unknown or gone.
	EntityName string `db:"entity_name" json:"entity_name,omitempty"`
	// EntityDate tells runs and sessions of one course apart; EntityLink is the record's page.
	EntityDate string `db:"-" json:"entity_date,omitempty"`
	EntityLink string `db:"-" json:"-"`
	Before     string `db:"before" json:"before"`
	After      string `db:"after" json:"after"`
	Addr       string `db:"addr" json:"addr"`
}

// Change describes what to record; Before and After are marshalled to JSON (nil stays empty).
type Change struct {
	ActorID  int64 // 0 when nobody is signed in (a failed sign-in, the command line)
	Action   string
	Entity   string
	EntityID int64
	Before   any
	After    any
}

// Record appends an entry inside the caller's transaction, so that the change and its entry
// commit or roll back together. The client address comes from ctx.
func Record(ctx context.Context, q db.Querier, now time.Time, ch Change) error {
	before, err := marshal(ch.Before)
	if err != nil {
		return err
	}
	after, err := marshal(ch.After)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, `
		INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before, after, addr)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		db.Stamp(now), nullID(ch.ActorID), ch.Action, ch.Entity, nullID(ch.EntityID),
		before, after, web.Addr(ctx))
	if err != nil {
		return fmt.Errorf("audit: record %s: %w", ch.Action, err)
	}
	return nil
}

func marshal(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
