package attendance

import (
	"context"
	"encoding/json"
	"fmt"

	"mentorlms/db"

	"github.com/jmoiron/sqlx"
)

// exams lists the attempts of a run's enrolments (enrollmentID 0) or of one, in order.
func exams(ctx context.Context, q db.Querier, runID, enrollmentID int64) ([]Record, error) {
	var rs []Record
	err := q.SelectContext(ctx, &rs, `SELECT x.id, x.enrollment_id, x.attempt, x.held_on, x.outcome, x.excused_on,
		x.identity_checked, x.parts, x.commission, x.recorded_at
		FROM exams x JOIN enrollments e ON e.id = x.enrollment_id
		WHERE e.run_id = ? AND (? = 0 OR x.enrollment_id = ?) ORDER BY x.enrollment_id, x.attempt`,
		runID, enrollmentID, enrollmentID)
	if err != nil {
		return nil, fmt.Errorf("enrollment: exams of run %d: %w", runID, err)
	}
	for i := range rs {
		_ = json.Unmarshal([]byte(rs[i].PartsJSON), &rs[i].Parts)
		_ = json.Unmarshal([]byte(rs[i].CommissionJSON), &rs[i].Commission)
	}
	return rs, nil
}

// examsOf reads the exam attempts of several enrolments (a person's few), in order.
func examsOf(ctx context.Context, q db.Querier, enrollmentIDs []int64) ([]Record, error) {
	if len(enrollmentIDs) == 0 {
		return nil, nil
	}
	query, args, err := sqlx.In(`SELECT x.id, x.enrollment_id, x.attempt, x.held_on, x.outcome, x.excused_on,
		x.identity_checked, x.parts, x.commission, x.recorded_at
		FROM exams x WHERE x.enrollment_id IN (?) ORDER BY x.enrollment_id, x.attempt`, enrollmentIDs)
	if err != nil {
		return nil, err
	}
	var rs []Record
	if err := q.SelectContext(ctx, &rs, query, args...); err != nil {
		return nil, fmt.Errorf("enrollment: exams of enrolments: %w", err)
	}
	for i := range rs {
		_ = json.Unmarshal([]byte(rs[i].PartsJSON), &rs[i].Parts)
		_ = json.Unmarshal([]byte(rs[i].CommissionJSON), &rs[i].Commission)
	}
	return rs, nil
}

// saveExam inserts an attempt, or rewrites one when r.ID is set.
func saveExam(ctx context.Context, q db.Querier, r *Record, by int64) error {
	parts, _ := json.Marshal(r.Parts)
	commission, _ := json.Marshal(r.Commission)
	var err error
	if r.ID == 0 {
		err = q.GetContext(ctx, &r.ID, `INSERT INTO exams (enrollment_id, attempt, held_on, outcome, excused_on,
			identity_checked, parts, commission, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING id`, r.EnrollmentID, r.Attempt, r.HeldOn, r.Outcome, r.ExcusedOn, r.IdentityChecked,
			string(parts), string(commission), by, r.RecordedAt)
	} else {
		_, err = q.ExecContext(ctx, `UPDATE exams SET outcome = ?, excused_on = ?, identity_checked = ?, parts = ?,
			commission = ?, recorded_by = ?, recorded_at = ? WHERE id = ?`, r.Outcome, r.ExcusedOn, r.IdentityChecked,
			string(parts), string(commission), by, r.RecordedAt, r.ID)
	}
	if err != nil {
		return fmt.Errorf("enrollment: save exam of %d: %w", r.EnrollmentID, err)
	}
	return nil
}
