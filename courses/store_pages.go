package courses

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Listing is a run as lists show it: with its course's code, title and kind.
type Listing struct {
	Run
	Code  string
	Title string
	Kind  Kind
}

// Listings lists the runs matching f, soonest first, each with its course.
func (s *Store) Listings(ctx context.Context, f RunFilter) ([]Listing, error) {
	runs, err := s.Runs(ctx, f)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	cs, err := s.Courses(ctx)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Course, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	out := make([]Listing, len(runs))
	for i, r := range runs {
		c := byID[r.CourseID]
		out[i] = Listing{Run: r, Code: c.Code, Title: c.Title, Kind: c.Kind}
	}
	return out, nil
}

// OpenRuns lists the runs open for enrolment, soonest first: what the front page offers. It
// shows the first page of the catalog; the catalog pages on.
func (s *Store) OpenRuns(ctx context.Context) ([]Listing, error) {
	return s.Listings(ctx, RunFilter{Status: []Status{StatusOpen}, Limit: catalogPage})
}

// Listing returns one run with its course.
func (s *Store) Listing(ctx context.Context, runID int64) (Listing, error) {
	r, err := s.Run(ctx, s.db.R, runID)
	if err != nil {
		return Listing{}, err
	}
	c, err := s.Course(ctx, s.db.R, r.CourseID)
	if err != nil {
		return Listing{}, err
	}
	return Listing{Run: r, Code: c.Code, Title: c.Title, Kind: c.Kind}, nil
}

// Lecturer is a person who may teach, as pickers and schedules name them.
type Lecturer struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// Lecturers lists the active people with the lecturer role, by surname in Czech order.
func (s *Store) Lecturers(ctx context.Context) ([]Lecturer, error) {
	var ls []Lecturer
	err := s.db.R.SelectContext(ctx, &ls, `SELECT p.id, p.name FROM persons p
		JOIN person_roles r ON r.person_id = p.id AND r.role = 'lecturer'
		WHERE p.active = 1 ORDER BY p.sort_key, p.id`)
	if err != nil {
		return nil, fmt.Errorf("courses: lecturers: %w", err)
	}
	return ls, nil
}

// Names returns the names of the people with ids, whatever their roles or state, so that a
// run keeps naming a lecturer who has since left.
func (s *Store) Names(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q, args, err := sqlx.In(`SELECT id, name FROM persons WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var ls []Lecturer
	if err := s.db.R.SelectContext(ctx, &ls, s.db.R.Rebind(q), args...); err != nil {
		return nil, fmt.Errorf("courses: names: %w", err)
	}
	for _, l := range ls {
		out[l.ID] = l.Name
	}
	return out, nil
}
