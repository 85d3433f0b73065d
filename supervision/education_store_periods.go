package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/db"
)

// The SQL of a person's periods of employment and absences, which the yearly target reads.

const selectJob = `
	SELECT j.id, j.person_id, j.from_on, j.until_on, j.probation_ends, j.entered_by,
	       COALESCE(eb.name, '') AS entered_by_name, j.entered_at
	FROM employments j LEFT JOIN persons eb ON eb.id = j.entered_by`

// jobsOf lists a person's periods of employment, the latest first.
func jobsOf(ctx context.Context, q db.Querier, personID int64) ([]Job, error) {
	var out []Job
	if err := q.SelectContext(ctx, &out, selectJob+` WHERE j.person_id = ? ORDER BY j.from_on DESC, j.id DESC`, personID); err != nil {
		return nil, fmt.Errorf("supervision: employment of %d: %w", personID, err)
	}
	return out, nil
}

// jobByID reads one period of employment.
func jobByID(ctx context.Context, q db.Querier, id int64) (Job, error) {
	return byID[Job](ctx, q, selectJob+` WHERE j.id = ?`, id, ErrJobNotFound, "employment")
}

func insertJob(ctx context.Context, q db.Querier, personID int64, in JobInput, actor int64, now time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO employments (person_id, from_on, until_on, probation_ends, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?)`, personID, in.From, emptyAsNull(in.Until), emptyAsNull(in.ProbationEnds), actor, db.Stamp(now))
	if err != nil {
		return 0, fmt.Errorf("supervision: insert employment of %d: %w", personID, err)
	}
	return res.LastInsertId()
}

func updateJob(ctx context.Context, q db.Querier, id int64, in JobInput) error {
	if _, err := q.ExecContext(ctx, `UPDATE employments SET from_on = ?, until_on = ?, probation_ends = ? WHERE id = ?`,
		in.From, emptyAsNull(in.Until), emptyAsNull(in.ProbationEnds), id); err != nil {
		return fmt.Errorf("supervision: update employment %d: %w", id, err)
	}
	return nil
}

const selectAbsence = `
	SELECT a.id, a.person_id, a.kind, a.from_on, a.until_on, a.entered_by,
	       COALESCE(eb.name, '') AS entered_by_name, a.entered_at
	FROM absences a LEFT JOIN persons eb ON eb.id = a.entered_by`

// absencesOf lists a person's absences, the latest first.
func absencesOf(ctx context.Context, q db.Querier, personID int64) ([]Absence, error) {
	var out []Absence
	if err := q.SelectContext(ctx, &out, selectAbsence+` WHERE a.person_id = ? ORDER BY a.from_on DESC, a.id DESC`, personID); err != nil {
		return nil, fmt.Errorf("supervision: absences of %d: %w", personID, err)
	}
	return out, nil
}

// absenceByID reads one absence.
func absenceByID(ctx context.Context, q db.Querier, id int64) (Absence, error) {
	return byID[Absence](ctx, q, selectAbsence+` WHERE a.id = ?`, id, ErrAbsenceNotFound, "absence")
}

func insertAbsence(ctx context.Context, q db.Querier, personID int64, in AbsenceInput, actor int64, now time.Time) (int64, error) {
	res, err := q.ExecContext(ctx, `INSERT INTO absences (person_id, kind, from_on, until_on, entered_by, entered_at)
		VALUES (?, ?, ?, ?, ?, ?)`, personID, in.Kind, in.From, emptyAsNull(in.Until), actor, db.Stamp(now))
	if err != nil {
		return 0, fmt.Errorf("supervision: insert absence of %d: %w", personID, err)
	}
	return res.LastInsertId()
}

func updateAbsence(ctx context.Context, q db.Querier, id int64, in AbsenceInput) error {
	if _, err := q.ExecContext(ctx, `UPDATE absences SET kind = ?, from_on = ?, until_on = ? WHERE id = ?`,
		in.Kind, in.From, emptyAsNull(in.Until), id); err != nil {
		return fmt.Errorf("supervision: update absence %d: %w", id, err)
	}
	return nil
}

// deletePeriodRow deletes a row of employments or absences by id; table is one of the two names,
// never input.
func deletePeriodRow(ctx context.Context, q db.Querier, table string, id int64) error {
	if table != "employments" && table != "absences" {
		return fmt.Errorf("supervision: delete from %q", table)
	}
	if _, err := q.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
		return fmt.Errorf("supervision: delete %s %d: %w", table, id, err)
	}
	return nil
}
