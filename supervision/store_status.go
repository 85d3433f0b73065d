package supervision

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// chunk is how many people one reading of facts covers, which bounds the memory of a scan of
// every mentor.
const chunk = 5000

// state is what settling one person's history needs: their dated facts and the newest row of
// what is stored.
type state struct {
	facts       DatedFacts
	last        *Last
	lastID      int64
	activeSince string
}

// in runs a query into dst with the ids as its one parameter, a JSON array the query reads
// with "IN (SELECT value FROM json_each(?))": one short statement however many ids, where an
// IN (?, ?, …) list would be thousands of parameters to prepare anew each time.
func in(ctx context.Context, q db.Querier, dst any, query string, ids []int64) error {
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	if err := q.SelectContext(ctx, dst, query, string(list)); err != nil {
		return fmt.Errorf("supervision: %w", err)
	}
	return nil
}

// states reads the facts and the last history row of up to chunk people: six queries whatever
// their number.
func (s *Service) states(ctx context.Context, q db.Querier, ids []int64) (map[int64]*state, error) {
	out := make(map[int64]*state, len(ids))
	for _, id := range ids {
		out[id] = &state{facts: DatedFacts{RecheckMonths: s.RecheckMonths}}
	}
	if len(ids) == 0 {
		return out, nil
	}
	var stints []struct {
		PersonID     int64  `db:"person_id"`
		Status       string `db:"status"`
		Seated       string `db:"seated"`
		EndsOn       string `db:"ends_on"`
		StartsOn     string `db:"starts_on"`
		RunStatus    string `db:"run_status"`
		RunUpdatedAt string `db:"run_updated_at"`
		UpdatedAt    string `db:"updated_at"`
	}
	// An enrolment's updated_at is the moment it got its seat (an approval or a promotion from
	// the waitlist) for as long as it holds it, and the moment of the withdrawal after.
	if err := in(ctx, q, &stints, `SELECT e.person_id, e.status, e.updated_at,
		COALESCE(NULLIF(e.updated_at, ''), NULLIF(e.decided_at, ''), e.created_at) AS seated,
		r.starts_on, r.ends_on, r.status AS run_status, r.updated_at AS run_updated_at
		FROM enrollments e JOIN runs r ON r.id = e.run_id JOIN courses c ON c.id = r.course_id
		WHERE c.kind = 'requalification' AND e.status IN ('enrolled', 'withdrawn') AND e.person_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return nil, err
	}
	for _, e := range stints {
		st := Stint{Entered: e.UpdatedAt, Ends: nextDay(e.EndsOn)}
		switch e.RunStatus {
		case "cancelled":
			st.Ends = min(st.Ends, or(enteredDay(e.RunUpdatedAt), e.StartsOn))
		case "finished":
			st.Ends = min(st.Ends, or(nextDay(enteredDay(e.RunUpdatedAt)), st.Ends))
		}
		if e.Status == "withdrawn" {
			st.Ends = or(enteredDay(e.UpdatedAt), st.Ends)
		} else {
			st.Seated = or(enteredDay(e.Seated), e.StartsOn)
		}
		out[e.PersonID].facts.Stints = append(out[e.PersonID].facts.Stints, st)
	}
	var certs []struct {
		PersonID int64 `db:"person_id"`
		CertificateFact
		ValidUntil string `db:"valid_until"`
	}
	if err := in(ctx, q, &certs, `SELECT cert.person_id, cert.issued_on AS issued, cert.issued_at AS issuedat,
		COALESCE(cert.revoked_on, '') AS revoked, COALESCE(cert.revoked_at, '') AS revokedat,
		COALESCE(cert.valid_until, '') AS valid_until
		FROM certificates cert JOIN runs r ON r.id = cert.run_id JOIN courses c ON c.id = r.course_id
		WHERE c.kind = 'requalification' AND cert.person_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return nil, err
	}
	for _, c := range certs {
		if c.ValidUntil != "" && (c.Revoked == "" || nextDay(c.ValidUntil) < c.Revoked) {
			c.Revoked = nextDay(c.ValidUntil) // requalification certificates do not expire, others may
		}
		out[c.PersonID].facts.Certificates = append(out[c.PersonID].facts.Certificates, c.CertificateFact)
	}
	var checks []struct {
		PersonID int64 `db:"person_id"`
		CheckFact
	}
	if err := in(ctx, q, &checks, `SELECT person_id, id, issued_on AS issued, verified_on AS verified, clean,
		created_at AS entered FROM record_checks WHERE person_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return nil, err
	}
	for _, c := range checks {
		out[c.PersonID].facts.Checks = append(out[c.PersonID].facts.Checks, c.CheckFact)
	}
	var pledges []struct {
		PersonID int64 `db:"person_id"`
		PledgeFact
	}
	if err := in(ctx, q, &pledges, `SELECT person_id, signed_on AS signed, created_at AS entered FROM pledges
		WHERE person_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return nil, err
	}
	for _, p := range pledges {
		out[p.PersonID].facts.Pledges = append(out[p.PersonID].facts.Pledges, p.PledgeFact)
	}
	var decisions []struct {
		PersonID int64 `db:"person_id"`
		DecisionFact
	}
	if err := in(ctx, q, &decisions, `SELECT person_id, id, reason, since, COALESCE(lifted_on, '') AS lifted,
		decided_at AS decidedat, COALESCE(lifted_at, '') AS liftedat FROM mentor_decisions WHERE person_id IN (SELECT value FROM json_each(?))`, ids); err != nil {
		return nil, err
	}
	for _, d := range decisions {
		out[d.PersonID].facts.Decisions = append(out[d.PersonID].facts.Decisions, d.DecisionFact)
	}
	var lasts []struct {
		ID          int64  `db:"id"`
		PersonID    int64  `db:"person_id"`
		ActiveSince string `db:"active_since"`
		Last
	}
	// The newest row of each person's history and the day they last became active: two seeks
	// of the history's index per person.
	if err := in(ctx, q, &lasts, `SELECT s.id, s.person_id, s.since, s.status, s.recorded_at AS recordedat,
		COALESCE((SELECT MAX(a.since) FROM mentor_statuses a WHERE a.person_id = j.value AND a.status = 'active'), '')
		AS active_since
		FROM json_each(?) j JOIN mentor_statuses s ON s.id = (SELECT t.id FROM mentor_statuses t
		WHERE t.person_id = j.value ORDER BY t.since DESC, t.id DESC LIMIT 1)`, ids); err != nil {
		return nil, err
	}
	for _, l := range lasts {
		st := out[l.PersonID]
		st.last, st.lastID, st.activeSince = &l.Last, l.ID, l.ActiveSince
	}
	return out, nil
}

// or is a, or b when a is empty.
func or(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// pending are the rows to add to one person's history, read when their last row was lastID.
type pending struct {
	personID, lastID int64
	changes          []Change
}

// lastIDs reads the id of each person's newest history row.
func lastIDs(ctx context.Context, q db.Querier, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for part := range slices.Chunk(ids, chunk) {
		var rows []struct {
			PersonID int64 `db:"person_id"`
			ID       int64 `db:"id"`
		}
		if err := in(ctx, q, &rows, `SELECT person_id, MAX(id) AS id FROM mentor_statuses WHERE person_id IN (SELECT value FROM json_each(?))
			GROUP BY person_id`, part); err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.PersonID] = r.ID
		}
	}
	return out, nil
}

// insertChanges appends rows to the history, recorded at stamp.
func insertChanges(ctx context.Context, tx *sqlx.Tx, ps []pending, stamp string) error {
	stmt, err := tx.PreparexContext(ctx, `INSERT INTO mentor_statuses (person_id, status, since, cause, decision_id,
		recorded_at) VALUES (?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("supervision: history: %w", err)
	}
	defer stmt.Close()
	for _, p := range ps {
		for _, c := range p.changes {
			var decision any
			if c.DecisionID != 0 {
				decision = c.DecisionID
			}
			if _, err := stmt.ExecContext(ctx, p.personID, c.Status, c.On, c.Cause, decision, stamp); err != nil {
				return fmt.Errorf("supervision: history of %d: %w", p.personID, err)
			}
		}
	}
	return nil
}
