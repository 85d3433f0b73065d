package audit

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// Label names the record an entry is about the way a person recognises it, with the page that
// shows it: a person's name, a course's title, a run's course and first day, a certificate's
// number. The audit page is a read model over the records it names, so it reads their tables:
// one query per kind of record on a page, whatever the number of entries.
type Label struct {
	Name string // what to call the record; "" when it no longer exists
	Date string // a day or an instant that tells runs and sessions apart, "" for none
	Link string // its page, "" when it has none
}

// labelQueries read, for a kind of record, the fields of its label by id.
var labelQueries = map[string]string{
	"person": `SELECT id, name, '' AS date, '/people/' || id AS link FROM persons WHERE id IN (?)`,
	"course": `SELECT id, title AS name, '' AS date, '/courses/' || id AS link FROM courses WHERE id IN (?)`,
	"run": `SELECT r.id, c.title AS name, r.starts_on AS date, '/runs/' || r.id AS link
		FROM runs r JOIN courses c ON c.id = r.course_id WHERE r.id IN (?)`,
	"session": `SELECT s.id, c.title AS name, s.starts_at AS date, '/runs/' || s.run_id || '#session-' || s.id AS link
		FROM sessions s JOIN runs r ON r.id = s.run_id JOIN courses c ON c.id = r.course_id WHERE s.id IN (?)`,
	"certificate": `SELECT id, number AS name, issued_on AS date, '/certificates/' || id AS link FROM certificates WHERE id IN (?)`,
	"enrollment": `SELECT e.id, p.name || ' – ' || c.title AS name, r.starts_on AS date, '/runs/' || r.id || '/roster' AS link
		FROM enrollments e JOIN persons p ON p.id = e.person_id JOIN runs r ON r.id = e.run_id
		JOIN courses c ON c.id = r.course_id WHERE e.id IN (?)`,
	"supervision": `SELECT s.id, g.name AS name, s.held_at AS date, '/supervision/meetings/' || s.id AS link
		FROM supervisions s JOIN regions g ON g.code = s.region_code WHERE s.id IN (?)`,
}

// labels finds the labels of the entries' records, by kind and id.
func labels(ctx context.Context, q db.Querier, entries []Entry) (map[string]map[int64]Label, error) {
	ids := map[string][]int64{}
	for _, e := range entries {
		if e.EntityID != nil && labelQueries[e.Entity] != "" {
			ids[e.Entity] = append(ids[e.Entity], *e.EntityID)
		}
	}
	out := map[string]map[int64]Label{}
	for kind, list := range ids {
		query, args, err := sqlx.In(labelQueries[kind], list)
		if err != nil {
			return nil, err
		}
		var rows []struct {
			ID int64 `db:"id"`
			Label
		}
		if err := q.SelectContext(ctx, &rows, query, args...); err != nil {
			return nil, fmt.Errorf("audit: labels of %s: %w", kind, err)
		}
		out[kind] = make(map[int64]Label, len(rows))
		for _, r := range rows {
			out[kind][r.ID] = r.Label
		}
	}
	return out, nil
}
