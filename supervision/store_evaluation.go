package supervision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/people"
)

// selectEvaluation reads records with the names of the mentor and the centre; the region is
// the centre's, which a report sums by.
const selectEvaluation = `
	SELECT e.id, e.person_id, p.name, e.centre_id, c.name AS centre, c.region_code AS region,
	       e.year, e.period, e.clients_a, e.success_a, e.clients_b, e.success_b, e.clients_c, e.success_c,
	       e.recorded_by, e.created_at, e.updated_at
	FROM evaluations e
	JOIN persons p ON p.id = e.person_id
	JOIN pms_centres c ON c.id = e.centre_id`

// evalNotStaff keeps to people who hold no role besides trainee: the mentors a coordinator sees
// and decides about (web.Principal.Decides).
const evalNotStaff = `NOT EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = %s AND r.role <> 'trainee')`

// evalSpanWhere limits e to the periods of span; the year range lets the index on (year, period)
// do the work.
func evalSpanWhere(span EvalSpan) (string, []any) {
	return `e.year BETWEEN ? AND ? AND e.year * 6 + e.period - 1 BETWEEN ? AND ?`,
		[]any{span.From.Year, span.To.Year, span.From.index(), span.To.index()}
}

// evalByKey finds the record of a mentor at a centre for a period.
func evalByKey(ctx context.Context, q db.Querier, person, centre int64, p EvalPeriod) (Evaluation, bool, error) {
	var e Evaluation
	err := q.GetContext(ctx, &e, selectEvaluation+`
		WHERE e.person_id = ? AND e.centre_id = ? AND e.year = ? AND e.period = ?`, person, centre, p.Year, p.N)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("supervision: evaluation of %d at %d in %s: %w", person, centre, p, err)
	}
	e.totals()
	return e, true, nil
}

// evalCentre finds a PMS centre; ok is false when there is none with id.
func evalCentre(ctx context.Context, q db.Querier, id int64) (people.Centre, bool, error) {
	var c people.Centre
	err := q.GetContext(ctx, &c, `SELECT id, name, region_code FROM pms_centres WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("supervision: centre %d: %w", id, err)
	}
	return c, true, nil
}

// evalSave writes a record: a new one when id is 0, else the record id (a correction).
func evalSave(ctx context.Context, tx *sqlx.Tx, id int64, a evalAudit, actor int64, now time.Time) (int64, error) {
	c, stamp := a.EvalCounts, db.Stamp(now)
	if id == 0 {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO evaluations (person_id, centre_id, year, period, clients_a, success_a, clients_b, success_b,
			                         clients_c, success_c, recorded_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.PersonID, a.CentreID, a.Year, a.Period, c.ClientsA, c.SuccessA, c.ClientsB, c.SuccessB,
			c.ClientsC, c.SuccessC, evalActor(actor), stamp, stamp)
		if err != nil {
			return 0, fmt.Errorf("supervision: add evaluation of %d: %w", a.PersonID, err)
		}
		return res.LastInsertId()
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE evaluations SET centre_id = ?, clients_a = ?, success_a = ?, clients_b = ?, success_b = ?,
		       clients_c = ?, success_c = ?, recorded_by = ?, updated_at = ?
		WHERE id = ?`,
		a.CentreID, c.ClientsA, c.SuccessA, c.ClientsB, c.SuccessB, c.ClientsC, c.SuccessC, evalActor(actor), stamp, id)
	if err != nil {
		return 0, fmt.Errorf("supervision: correct evaluation %d: %w", id, err)
	}
	return id, nil
}

func evalActor(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// EvalFilter narrows a list of records; zero values do not filter.
type EvalFilter struct {
	Region   string
	Span     EvalSpan
	PersonID int64
	CentreID int64
	// MentorsOf leaves out the records of people a coordinator does not see: anyone holding a
	// staff role, and the coordinator (this id) themself.
	MentorsOf     int64
	Limit, Offset int
}

// evalList reads one page of the records that match f, the latest period first, and how many
// match in all: two queries.
func evalList(ctx context.Context, q db.Querier, f EvalFilter) ([]Evaluation, int, error) {
	where, args := evalSpanWhere(f.Span)
	conds := []string{where}
	if f.Region != "" {
		conds, args = append(conds, `c.region_code = ?`), append(args, f.Region)
	}
	if f.PersonID > 0 {
		conds, args = append(conds, `e.person_id = ?`), append(args, f.PersonID)
	}
	if f.CentreID > 0 {
		conds, args = append(conds, `e.centre_id = ?`), append(args, f.CentreID)
	}
	if f.MentorsOf > 0 {
		conds = append(conds, fmt.Sprintf(evalNotStaff, "e.person_id"), `e.person_id <> ?`)
		args = append(args, f.MentorsOf)
	}
	cond := " WHERE " + strings.Join(conds, " AND ")
	var total int
	if err := q.GetContext(ctx, &total, `SELECT COUNT(*) FROM evaluations e
		JOIN pms_centres c ON c.id = e.centre_id`+cond, args...); err != nil {
		return nil, 0, fmt.Errorf("supervision: count evaluations: %w", err)
	}
	var list []Evaluation
	if err := q.SelectContext(ctx, &list, selectEvaluation+cond+`
		ORDER BY e.year DESC, e.period DESC, p.sort_key, e.centre_id, e.id LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...); err != nil {
		return nil, 0, fmt.Errorf("supervision: list evaluations: %w", err)
	}
	for i := range list {
		list[i].totals()
	}
	return list, total, nil
}

// evalLines reads each mentor's sums per centre over span, in region ("" for all): one query
// however many records there are.
func evalLines(ctx context.Context, q db.Querier, region string, span EvalSpan) ([]evalLine, error) {
	where, args := evalSpanWhere(span)
	if region != "" {
		where, args = where+` AND c.region_code = ?`, append(args, region)
	}
	var lines []evalLine
	err := q.SelectContext(ctx, &lines, `
		SELECT e.person_id, e.centre_id, c.name AS centre, c.region_code AS region, r.name AS region_name,
		       SUM(e.clients_a) AS clients_a, SUM(e.success_a) AS success_a, SUM(e.clients_b) AS clients_b,
		       SUM(e.success_b) AS success_b, SUM(e.clients_c) AS clients_c, SUM(e.success_c) AS success_c
		FROM evaluations e
		JOIN pms_centres c ON c.id = e.centre_id
		JOIN regions r ON r.code = c.region_code
		WHERE `+where+`
		GROUP BY e.person_id, e.centre_id, c.name, c.region_code, r.name`, args...)
	if err != nil {
		return nil, fmt.Errorf("supervision: evaluation report: %w", err)
	}
	return lines, nil
}

// evalMentor is a person on the grid of a region and period.
type evalMentor struct {
	ID       int64  `db:"id"`
	Name     string `db:"name"`
	CentreID int64  `db:"centre_id"` // the person's own PMS centre, 0 for none
}

// evalMentors reads one page of the people a grid has a line for, in Czech order of surnames,
// and how many there are: active trainees of region, and anyone with a record of the period at
// a centre of the region. mentorsOf is as in EvalFilter; self is never on one's own grid. With
// ids (not nil) it reads which of those people the grid has, all at once: whom a posted grid
// may write for.
func evalMentors(ctx context.Context, q db.Querier, region string, p EvalPeriod, self int64, mentorsOf bool,
	ids []int64, limit, offset int) ([]evalMentor, int, error) {
	if ids != nil && len(ids) == 0 {
		return nil, 0, nil
	}
	cond := `
		FROM persons p
		WHERE p.region_code = ? AND p.id <> ?
		  AND ((p.active = 1 AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = 'trainee'))
		       OR EXISTS (SELECT 1 FROM evaluations e JOIN pms_centres c ON c.id = e.centre_id
		                  WHERE e.person_id = p.id AND e.year = ? AND e.period = ? AND c.region_code = ?))`
	args := []any{region, self, p.Year, p.N, region}
	if mentorsOf {
		cond += ` AND ` + fmt.Sprintf(evalNotStaff, "p.id")
	}
	query := `SELECT p.id, p.name, COALESCE(p.pms_centre_id, 0) AS centre_id` + cond
	var total int
	if ids != nil {
		var err error
		if query, args, err = sqlx.In(query+` AND p.id IN (?)`, append(args, ids)...); err != nil {
			return nil, 0, err
		}
	} else {
		if err := q.GetContext(ctx, &total, `SELECT COUNT(*)`+cond, args...); err != nil {
			return nil, 0, fmt.Errorf("supervision: count mentors of %s: %w", region, err)
		}
		query, args = query+` ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`, append(args, limit, offset)
	}
	var list []evalMentor
	if err := q.SelectContext(ctx, &list, query, args...); err != nil {
		return nil, 0, fmt.Errorf("supervision: mentors of %s: %w", region, err)
	}
	return list, total, nil
}

// evalOfPeople reads the records of a period at the centres of region for the given people.
func evalOfPeople(ctx context.Context, q db.Querier, region string, p EvalPeriod, ids []int64) ([]Evaluation, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	query, args, err := sqlx.In(selectEvaluation+`
		WHERE e.year = ? AND e.period = ? AND c.region_code = ? AND e.person_id IN (?)
		ORDER BY e.person_id, c.name, e.id`, p.Year, p.N, region, ids)
	if err != nil {
		return nil, err
	}
	var list []Evaluation
	if err := q.SelectContext(ctx, &list, query, args...); err != nil {
		return nil, fmt.Errorf("supervision: evaluations of %s in %s: %w", region, p, err)
	}
	for i := range list {
		list[i].totals()
	}
	return list, nil
}
