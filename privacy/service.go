package privacy

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Service makes exports and erases people.
type Service struct {
	db     *db.DB
	people *people.Store
	// Depart is what deactivation does in the domains above people (the seats a person held in
	// runs not yet begun go to the waitlist); erasure does it first. cmd plugs it in.
	Depart func(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, personID int64, now time.Time) error
}

// NewService returns the privacy service over d.
func NewService(d *db.DB) *Service { return &Service{db: d, people: people.NewStore(d)} }

// Export is everything the product holds about a person: for each table, its rows about them;
// and the tables left out, with the reason.
type Export struct {
	PersonID int64                       `json:"person_id"`
	Made     string                      `json:"made"`
	Tables   map[string][]map[string]any `json:"tables"`
	Excluded map[string]string           `json:"excluded"`
}

// mayExport reports whether actor may export id: the person themself, or an admin.
func mayExport(actor *web.Principal, id int64) bool {
	return actor.ID == id || actor.Has(web.RoleAdmin)
}

// Export reads every record about the person in one read transaction, so that the export is
// one moment's state. An admin's export of someone else is audit-logged.
func (s *Service) Export(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Export, error) {
	if !mayExport(actor, id) {
		return Export{}, people.ErrNotFound
	}
	if _, err := s.people.Get(ctx, s.db.R, id); err != nil {
		return Export{}, err
	}
	out := Export{PersonID: id, Made: db.Stamp(now), Tables: map[string][]map[string]any{}, Excluded: map[string]string{}}
	tx, err := s.db.R.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	for _, name := range slices.Sorted(maps.Keys(tables)) {
		t := tables[name]
		if t.Export == "" {
			out.Excluded[name] = t.Excluded
			continue
		}
		rows, err := readRows(ctx, tx, t.Export, id)
		if err != nil {
			return out, fmt.Errorf("privacy: export %s: %w", name, err)
		}
		out.Tables[name] = rows
	}
	if actor.ID != id {
		err = audit.Record(ctx, s.db.W, now, audit.Change{ActorID: actor.ID, Action: "person.export", Entity: "person", EntityID: id})
	}
	return out, err
}

// readRows reads a query's rows as column → value, without the secret columns; text stays
// text.
func readRows(ctx context.Context, tx *sqlx.Tx, query string, id int64) ([]map[string]any, error) {
	rows, err := tx.QueryxContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []map[string]any{}
	for rows.Next() {
		m := map[string]any{}
		if err := rows.MapScan(m); err != nil {
			return nil, err
		}
		for k, v := range m {
			switch {
			case secret[k]:
				delete(m, k)
			default:
				if b, ok := v.([]byte); ok {
					m[k] = string(b)
				}
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
