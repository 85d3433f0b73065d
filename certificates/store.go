package certificates

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"mentorlms/db"
)

const selectCertificate = `SELECT c.id, c.enrollment_id, c.person_id, c.run_id, c.series, c.year, c.seq, c.number,
	c.code, c.issued_on, c.issued_at, c.valid_until, c.content, c.revoked_on, c.revoke_reason,
	(SELECT COUNT(*) FROM certificate_duplicates d WHERE d.certificate_id = c.id) AS duplicates
	FROM certificates c`

// one reads a certificate by a condition on c.
func one(ctx context.Context, q db.Querier, where string, arg any, today string) (Certificate, error) {
	var c Certificate
	if err := q.GetContext(ctx, &c, selectCertificate+` WHERE `+where, arg); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return c, ErrNotFound
		}
		return c, fmt.Errorf("certificates: get %v: %w", arg, err)
	}
	c.decode()
	c.Status = StatusOn(c.RevokedOn, c.ValidUntil, today)
	return c, nil
}

// many reads certificates by a condition, in the register's order.
func many(ctx context.Context, q db.Querier, where string, today string, args ...any) ([]Certificate, error) {
	return manyPage(ctx, q, where, "", today, args...)
}

// manyPage lists one page of the certificates matching where, page being the LIMIT clause.
func manyPage(ctx context.Context, q db.Querier, where, page, today string, args ...any) ([]Certificate, error) {
	var cs []Certificate
	if err := q.SelectContext(ctx, &cs, selectCertificate+` WHERE `+where+` ORDER BY c.year, c.series, c.seq`+page, args...); err != nil {
		return nil, fmt.Errorf("certificates: list: %w", err)
	}
	for i := range cs {
		cs[i].decode()
		cs[i].Status = StatusOn(cs[i].RevokedOn, cs[i].ValidUntil, today)
	}
	return cs, nil
}

// nextSeq takes the next number of a series in a year. It runs in the issuing transaction:
// if issuing fails or the process dies before the commit, the number is not taken, so the
// register has no gaps; the single writer serialises concurrent issuers.
func nextSeq(ctx context.Context, q db.Querier, series string, year int) (int, error) {
	var seq int
	err := q.GetContext(ctx, &seq, `INSERT INTO certificate_counters (series, year, last) VALUES (?, ?, 1)
		ON CONFLICT (series, year) DO UPDATE SET last = certificate_counters.last + 1 RETURNING last`, series, year)
	if err != nil {
		return 0, fmt.Errorf("certificates: number in %s/%d: %w", series, year, err)
	}
	return seq, nil
}

// insert writes a newly issued certificate with its PDF.
func insert(ctx context.Context, q db.Querier, c *Certificate, pdf []byte, by int64) error {
	err := q.GetContext(ctx, &c.ID, `INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq,
		number, code, issued_on, issued_at, issued_by, valid_until, content, pdf)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.EnrollmentID, c.PersonID, c.RunID, c.Series,
		c.Year, c.Seq, c.Number, c.Code, c.IssuedOn, c.IssuedAt, by, c.ValidUntil, c.ContentJSON, pdf)
	if err != nil {
		return fmt.Errorf("certificates: insert %s: %w", c.Number, err)
	}
	return nil
}

// PDF reads the stored PDF of a certificate: the original, or the latest duplicate when dup.
func (s *Service) pdfOf(ctx context.Context, id int64, dup bool) ([]byte, error) {
	var b []byte
	query := `SELECT pdf FROM certificates WHERE id = ?`
	if dup {
		query = `SELECT pdf FROM certificate_duplicates WHERE certificate_id = ? ORDER BY id DESC LIMIT 1`
	}
	if err := s.db.R.GetContext(ctx, &b, query, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, fmt.Errorf("certificates: pdf of %d: %w", id, err)
	}
	return b, nil
}
