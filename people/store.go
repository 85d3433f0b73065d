package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// ErrNotFound is returned for a person that does not exist.
var ErrNotFound = web.NotFound("person.not_found")

// Store reads and writes persons and their roles.
type Store struct {
	db *db.DB
}

// NewStore returns a store over d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

const selectPerson = `
	SELECT p.id, p.email, p.name, p.titles_before, p.titles_after,
	       COALESCE(p.birth_date, '') AS birth_date, p.birth_place, COALESCE(p.region_code, '') AS region,
	       COALESCE(c.name, '') AS pms_centre, p.password_hash, p.lang, p.active, p.erased_at IS NOT NULL AS erased,
	       p.created_at, p.updated_at
	FROM persons p LEFT JOIN pms_centres c ON c.id = p.pms_centre_id`

// Get returns the person with id, with roles.
func (s *Store) Get(ctx context.Context, q db.Querier, id int64) (Person, error) {
	var p Person
	if err := q.GetContext(ctx, &p, selectPerson+` WHERE p.id = ?`, id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return p, ErrNotFound
		}
		return p, fmt.Errorf("people: get %d: %w", id, err)
	}
	return p, s.loadRoles(ctx, q, []*Person{&p})
}

// ByEmail returns the person with the (normalized) e-mail.
func (s *Store) ByEmail(ctx context.Context, q db.Querier, email string) (Person, error) {
	var p Person
	if err := q.GetContext(ctx, &p, selectPerson+` WHERE p.email = ?`, email); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return p, ErrNotFound
		}
		return p, fmt.Errorf("people: get %s: %w", email, err)
	}
	return p, s.loadRoles(ctx, q, []*Person{&p})
}

// Filter narrows a list of people; zero values do not filter.
type Filter struct {
	Search string // part of the name or e-mail
	Role   string
	Region string
	Active string // "yes", "no" or "" for both
	// TraineesOnly leaves out anyone holding a staff role: what a coordinator may see.
	TraineesOnly bool
	Limit        int
	Offset       int
}

// List returns one page of the people matching f, sorted by surname in Czech order, and how
// many match in all.
func (s *Store) List(ctx context.Context, f Filter) ([]Person, int, error) {
	var where []string
	var args []any
	if f.Search != "" {
		where = append(where, `p.search LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(Fold(f.Search))+"%")
	}
	if f.Role != "" {
		where = append(where, `EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = ?)`)
		args = append(args, f.Role)
	}
	if f.TraineesOnly {
		where = append(where, `NOT EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role <> 'trainee')`)
	}
	if f.Region != "" {
		where = append(where, `p.region_code = ?`)
		args = append(args, f.Region)
	}
	switch f.Active {
	case "yes":
		where = append(where, `p.active = 1`)
	case "no":
		where = append(where, `p.active = 0`)
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.R.GetContext(ctx, &total,
		`SELECT COUNT(*) FROM persons p`+cond, args...); err != nil {
		return nil, 0, fmt.Errorf("people: count: %w", err)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var list []Person
	if err := s.db.R.SelectContext(ctx, &list, selectPerson+cond+` ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?`,
		append(args, f.Limit, f.Offset)...); err != nil {
		return nil, 0, fmt.Errorf("people: list: %w", err)
	}
	ptrs := make([]*Person, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	return list, total, s.loadRoles(ctx, s.db.R, ptrs)
}

// escapeLike makes % and _ typed by a person match themselves.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (s *Store) loadRoles(ctx context.Context, q db.Querier, ps []*Person) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*Person, len(ps))
	ids := make([]int64, 0, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
		ids = append(ids, p.ID)
		p.Roles = []web.Role{}
	}
	query, args, err := sqlx.In(`SELECT person_id, role FROM person_roles WHERE person_id IN (?)`, ids)
	if err != nil {
		return err
	}
	var rows []struct {
		PersonID int64    `db:"person_id"`
		Role     web.Role `db:"role"`
	}
	if err := q.SelectContext(ctx, &rows, query, args...); err != nil {
		return fmt.Errorf("people: roles: %w", err)
	}
	for _, r := range rows {
		byID[r.PersonID].Roles = append(byID[r.PersonID].Roles, r.Role)
	}
	for _, p := range ps {
		p.Roles = ordered(p.Roles)
	}
	return nil
}

// ordered sorts roles in the order of web.Roles.
func ordered(roles []web.Role) []web.Role {
	out := make([]web.Role, 0, len(roles))
	for _, r := range web.Roles {
		for _, have := range roles {
			if have == r {
				out = append(out, r)
			}
		}
	}
	return out
}

// insert stores a new person and their roles; hash may be empty.
func (s *Store) insert(ctx context.Context, tx *sqlx.Tx, in Input, centreID *int64, hash string, now time.Time) (int64, error) {
	ts := db.Stamp(now)
	res, err := tx.ExecContext(ctx, `
		INSERT INTO persons (email, name, titles_before, titles_after, birth_date, birth_place, region_code,
		                     pms_centre_id, password_hash, search, sort_key, created_at, updated_at)
		VALUES (?, ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?)`,
		in.Email, in.Name, in.TitlesBefore, in.TitlesAfter, in.BirthDate, in.BirthPlace, in.Region, centreID, hash,
		searchText(in), SortKey(in.Name), ts, ts)
	if err != nil {
		return 0, fmt.Errorf("people: insert %s: %w", in.Email, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	return id, s.setRoles(ctx, tx, id, in.Roles)
}

// update changes a person's fields and roles; an empty hash keeps the password.
func (s *Store) update(ctx context.Context, tx *sqlx.Tx, id int64, in Input, centreID *int64, hash string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE persons SET email = ?, name = ?, titles_before = ?, titles_after = ?,
		       birth_date = NULLIF(?, ''), birth_place = ?, region_code = NULLIF(?, ''), pms_centre_id = ?,
		       password_hash = CASE WHEN ? = '' THEN password_hash ELSE ? END, search = ?, sort_key = ?,
		       updated_at = ?
		WHERE id = ?`,
		in.Email, in.Name, in.TitlesBefore, in.TitlesAfter, in.BirthDate, in.BirthPlace, in.Region, centreID,
		hash, hash, searchText(in), SortKey(in.Name), db.Stamp(now), id)
	if err != nil {
		return fmt.Errorf("people: update %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM person_roles WHERE person_id = ?`, id); err != nil {
		return fmt.Errorf("people: update %d roles: %w", id, err)
	}
	return s.setRoles(ctx, tx, id, in.Roles)
}

func (s *Store) setRoles(ctx context.Context, tx *sqlx.Tx, id int64, roles []string) error {
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO person_roles (person_id, role) VALUES (?, ?)`, id, r); err != nil {
			return fmt.Errorf("people: role %s for %d: %w", r, id, err)
		}
	}
	return nil
}

// setActive activates or deactivates a person; deactivation also ends their sessions.
func (s *Store) setActive(ctx context.Context, tx *sqlx.Tx, id int64, active bool, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE persons SET active = ?, updated_at = ? WHERE id = ?`,
		active, db.Stamp(now), id); err != nil {
		return fmt.Errorf("people: set active %d: %w", id, err)
	}
	if !active {
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE person_id = ?`, id); err != nil {
			return fmt.Errorf("people: end sessions of %d: %w", id, err)
		}
		// A token never outlives its person's deactivation: activated again, they make new ones;
		// nor does a sign-in awaiting its code.
		for _, q := range []string{`DELETE FROM api_tokens WHERE person_id = ?`, `DELETE FROM login_challenges WHERE person_id = ?`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("people: revoke tokens of %d: %w", id, err)
			}
		}
	}
	return nil
}

// setLang saves a person's language preference.
func (s *Store) setLang(ctx context.Context, id int64, lang string) error {
	_, err := s.db.W.ExecContext(ctx, `UPDATE persons SET lang = ? WHERE id = ?`, lang, id)
	return err
}

// Count returns how many persons exist.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM persons`)
	return n, err
}
