package certificates

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/web"
)

// Revoke withdraws a certificate's validity with a reason (admins only). The record stays in
// the register; verification shows the day and the reason from then on.
func (s *Service) Revoke(ctx context.Context, actor *web.Principal, id int64, reason string, now time.Time) (Certificate, error) {
	if !actor.Has(web.RoleAdmin) {
		return Certificate{}, web.Forbidden()
	}
	// A reason may run over several lines (the form has a text area); other control
	// characters are refused.
	reason = web.Paragraphs(reason)
	today := courses.PragueDay(now)
	var c Certificate
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := one(ctx, tx, "c.id = ?", id, today)
		if err != nil {
			return err
		}
		if before.RevokedOn != nil {
			return web.Conflict("certificate.revoked_already", "RevokedDate", *before.RevokedOn)
		}
		if reason == "" || utf8.RuneCountInString(reason) > 500 || !web.CleanParagraphs(reason) {
			var f web.Fields
			f.Add("reason", "certificate.reason.required")
			return f.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE certificates SET revoked_on = ?, revoked_at = ?, revoked_by = ?,
			revoke_reason = ? WHERE id = ?`, today, db.Stamp(now), actor.ID, reason, id); err != nil {
			return fmt.Errorf("certificates: revoke %d: %w", id, err)
		}
		if c, err = one(ctx, tx, "c.id = ?", id, today); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "certificate.revoke", Entity: "certificate",
			EntityID: id, Before: before, After: c}); err != nil {
			return err
		}
		// The holder learns of it from the product, not first from someone verifying.
		_, err = reminders.Enqueue(ctx, tx, now, reminders.Message{Key: fmt.Sprintf("certificate-revoked:%d", id),
			PersonID: c.PersonID, Kind: "certificate_revoked", Args: map[string]any{"Number": c.Number, "Reason": reason},
			Link: "/my/certificates"})
		return err
	})
	return c, err
}

// Duplicate re-prints a certificate under its number, marked as a duplicate with the day it
// was made (admins only), at most once a day. A revoked certificate gets none.
func (s *Service) Duplicate(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Certificate, error) {
	if !actor.Has(web.RoleAdmin) {
		return Certificate{}, web.Forbidden()
	}
	today := courses.PragueDay(now)
	var c Certificate
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if c, err = one(ctx, tx, "c.id = ?", id, today); err != nil {
			return err
		}
		if c.RevokedOn != nil {
			return web.Conflict("certificate.revoked_already", "RevokedDate", *c.RevokedOn)
		}
		// One duplicate a day: a second press (or two admins at once) hands out the same one.
		var made int
		if err := tx.GetContext(ctx, &made, `SELECT COUNT(*) FROM certificate_duplicates
			WHERE certificate_id = ? AND issued_on = ?`, id, today); err != nil {
			return err
		}
		if made > 0 {
			return nil
		}
		content := c.Content
		content.DuplicateOn = today
		pdf, err := RenderPDF(content)
		if err != nil {
			return fmt.Errorf("certificates: render duplicate of %s: %w", c.Number, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO certificate_duplicates (certificate_id, issued_on, issued_at, issued_by, pdf)
			VALUES (?, ?, ?, ?, ?)`, id, today, db.Stamp(now), actor.ID, pdf); err != nil {
			return fmt.Errorf("certificates: duplicate %d: %w", id, err)
		}
		c.Duplicates++
		after, _ := json.Marshal(map[string]any{"number": c.Number, "duplicate_on": today})
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "certificate.duplicate",
			Entity: "certificate", EntityID: id, After: json.RawMessage(after)})
	})
	return c, err
}
