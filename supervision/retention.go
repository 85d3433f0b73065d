package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
)

// PurgeRecordChecks deletes the facts of criminal-record extracts that can no longer decide
// anything as of now: those issued longer ago than the re-check period, which neither make a
// mentor active (a clean extract counts for RecheckMonths) nor back an approval (that takes one
// much younger). Each person's history is settled first, so that what the facts made of it
// stays written; the day of the newest extract deleted stays on the person
// (persons.record_checked_on), so that the evidence page still says when they were last
// checked. It returns how many extracts it deleted; run twice it deletes nothing more.
func (s *Service) PurgeRecordChecks(ctx context.Context, now time.Time) (int, error) {
	cutoff := AddMonths(today(now), -s.recheckMonths())
	var ids []int64
	if err := s.db.R.SelectContext(ctx, &ids, `SELECT DISTINCT person_id FROM record_checks WHERE issued_on < ?`, cutoff); err != nil {
		return 0, fmt.Errorf("supervision: old extracts: %w", err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if _, err := s.statuses(ctx, ids, now); err != nil {
		return 0, err
	}
	n := 0
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET record_checked_on = (
			SELECT MAX(COALESCE(persons.record_checked_on, ''), MAX(c.issued_on)) FROM record_checks c
			WHERE c.person_id = persons.id AND c.issued_on < ?1)
			WHERE id IN (SELECT person_id FROM record_checks WHERE issued_on < ?1)`, cutoff); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM record_checks WHERE issued_on < ?`, cutoff)
		if err != nil {
			return err
		}
		m, _ := res.RowsAffected()
		n = int(m)
		return audit.Record(ctx, tx, now, audit.Change{Action: "record_checks.purge", Entity: "record_checks",
			After: map[string]any{"count": n, "issued_before": cutoff}})
	})
	return n, err
}
