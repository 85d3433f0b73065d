package supervision

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/people"
	"mentorlms/web"
)

// EvalGrid is what a coordinator fills in for a region and period in one form: a line per
// record of the period, and a blank line for each mentor who has none yet.
type EvalGrid struct {
	Region  string
	Period  EvalPeriod
	Centres []people.Centre // the region's, which a line may name
	Lines   []EvalGridLine
	// Mentors is how many people the whole grid has lines for, over every page.
	Mentors int
}

// EvalGridLine is one line of the grid: a record (ID > 0) or a mentor without one, whose
// centre starts as their own PMS centre.
type EvalGridLine struct {
	ID       int64
	PersonID int64
	Name     string
	CentreID int64
	EvalCounts
}

// EvalGridRow is one line of the grid as posted. Blank is a line whose counts were all left
// empty: a mentor without a record stays without one.
type EvalGridRow struct {
	ID       int64
	PersonID int64
	CentreID int64
	EvalCounts
	Blank bool
}

// EvaluationGrid reads one page of the grid of region for period p: the people on it
// (evalMentors), their records and the region's centres, in three queries.
func (s *Service) EvaluationGrid(ctx context.Context, actor *web.Principal, region string, p EvalPeriod,
	limit, offset int) (EvalGrid, error) {
	if !evalRecords(actor, region) {
		return EvalGrid{}, web.Forbidden()
	}
	g := EvalGrid{Region: region, Period: p}
	mentors, total, err := evalMentors(ctx, s.db.R, region, p, actor.ID, !actor.Has(web.RoleAdmin), nil, limit, offset)
	if err != nil {
		return g, err
	}
	g.Mentors = total
	ids := make([]int64, len(mentors))
	for i, m := range mentors {
		ids[i] = m.ID
	}
	records, err := evalOfPeople(ctx, s.db.R, region, p, ids)
	if err != nil {
		return g, err
	}
	if g.Centres, err = s.evalCentres(ctx, region); err != nil {
		return g, err
	}
	own := func(id int64) int64 { // a centre of another region is no default here
		if slices.ContainsFunc(g.Centres, func(c people.Centre) bool { return c.ID == id }) {
			return id
		}
		return 0
	}
	for _, m := range mentors {
		had := false
		for _, e := range records {
			if e.PersonID == m.ID {
				had = true
				g.Lines = append(g.Lines, EvalGridLine{ID: e.ID, PersonID: m.ID, Name: m.Name, CentreID: e.CentreID,
					EvalCounts: e.EvalCounts})
			}
		}
		if !had {
			g.Lines = append(g.Lines, EvalGridLine{PersonID: m.ID, Name: m.Name, CentreID: own(m.CentreID)})
		}
	}
	return g, nil
}

// evalCentres lists the PMS centres of region in Czech order.
func (s *Service) evalCentres(ctx context.Context, region string) ([]people.Centre, error) {
	all, err := s.people.Centres(ctx)
	return slices.DeleteFunc(all, func(c people.Centre) bool { return c.Region != region }), err
}

// RecordEvaluations saves the posted lines of a grid of region for period p in one
// transaction, and returns how many records it added or corrected. Lines that change nothing
// are left alone; a line for someone not on the grid, a centre of another region, a centre
// named twice for one mentor or any bad count refuses the whole form, naming the field as
// rows.<line>.<field> (the line's place among rows), and stores nothing.
func (s *Service) RecordEvaluations(ctx context.Context, actor *web.Principal, region string, p EvalPeriod,
	rows []EvalGridRow, now time.Time) (int, error) {
	if !evalRecords(actor, region) {
		return 0, web.Forbidden()
	}
	var f web.Fields
	ValidatePeriod(&f, p, now)
	if err := f.Err(); err != nil {
		return 0, err
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.PersonID)
	}
	changed := 0
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		on, _, err := evalMentors(ctx, tx, region, p, actor.ID, !actor.Has(web.RoleAdmin), ids, 0, 0)
		if err != nil {
			return err
		}
		records, err := evalOfPeople(ctx, tx, region, p, ids)
		if err != nil {
			return err
		}
		centres, err := s.evalCentres(ctx, region)
		if err != nil {
			return err
		}
		writes := evalCheckRows(&f, rows, on, records, centres)
		if err := f.Err(); err != nil {
			return err
		}
		for _, w := range writes {
			after := evalAudit{PersonID: w.row.PersonID, CentreID: w.row.CentreID, Year: p.Year, Period: p.N,
				EvalCounts: w.row.EvalCounts}
			if _, err := s.evalWrite(ctx, tx, actor, w.old.ID, w.old, after, now); err != nil {
				return err
			}
		}
		changed = len(writes)
		return nil
	})
	return changed, err
}

// evalWriteOf is a line that changes something: old is the record it corrects (ID 0: none).
type evalWriteOf struct {
	row EvalGridRow
	old Evaluation
}

// evalCheckRows checks the posted lines against the grid as it is (on: the people it has lines
// for, records: their records of the period, centres: the region's) and returns the lines
// that change something. A line without a record whose mentor already has one at its centre
// (entered meanwhile elsewhere) corrects that one, as the API does.
func evalCheckRows(f *web.Fields, rows []EvalGridRow, on []evalMentor, records []Evaluation,
	centres []people.Centre) []evalWriteOf {
	type key struct{ person, centre int64 }
	taken := map[key]int64{} // each record's key as the form will leave it: the record's id
	for _, e := range records {
		taken[key{e.PersonID, e.CentreID}] = e.ID
	}
	var writes []evalWriteOf
	used := map[int64]bool{} // records a line has written already
	for i, r := range rows {
		prefix := fmt.Sprintf("rows.%d.", i)
		var old Evaluation
		if r.ID > 0 {
			j := slices.IndexFunc(records, func(e Evaluation) bool { return e.ID == r.ID && e.PersonID == r.PersonID })
			if j < 0 {
				f.Add(prefix+"person_id", "evaluation.row.gone")
				continue
			}
			old = records[j]
		} else if !slices.ContainsFunc(on, func(m evalMentor) bool { return m.ID == r.PersonID }) {
			f.Add(prefix+"person_id", "evaluation.person.not_mentor")
			continue
		}
		switch {
		case r.Blank && r.ID > 0:
			f.Add(prefix+"clients_a", "evaluation.row.cleared")
			continue
		case r.Blank:
			continue
		case r.CentreID == 0:
			f.Add(prefix+"centre_id", "evaluation.centre.required")
		case !slices.ContainsFunc(centres, func(c people.Centre) bool { return c.ID == r.CentreID }):
			f.Add(prefix+"centre_id", "evaluation.centre.region")
		}
		r.EvalCounts.Validate(f, prefix)
		k := key{r.PersonID, r.CentreID}
		if old.ID == 0 {
			if id, ok := taken[k]; ok && id > 0 { // a record made meanwhile: correct it
				old = records[slices.IndexFunc(records, func(e Evaluation) bool { return e.ID == id })]
				r.ID = id
			}
		}
		if id, ok := taken[k]; (ok && id != r.ID) || used[r.ID] {
			f.Add(prefix+"centre_id", "evaluation.centre.taken")
			continue
		}
		if r.ID > 0 {
			used[r.ID] = true
		}
		if was := (key{old.PersonID, old.CentreID}); old.ID > 0 && taken[was] == old.ID {
			delete(taken, was) // the record moves to another centre: its old place is free
		}
		if r.ID == 0 {
			taken[k] = -1 - int64(i) // a new record of this form: a stand-in id of its own
		} else {
			taken[k] = r.ID
		}
		if old.ID == 0 || old.CentreID != r.CentreID || old.EvalCounts != r.EvalCounts {
			writes = append(writes, evalWriteOf{row: r, old: old})
		}
	}
	return writes
}
