package people

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"mentorlms/db"
	"mentorlms/web"
)

// Region is one of the 14 Czech regions (kraje).
type Region struct {
	Code string `db:"code" json:"code"`
	Name string `db:"name" json:"name"`
}

// Centre is a centre of the Probation and Mediation Service.
type Centre struct {
	ID     int64  `db:"id" json:"id"`
	Name   string `db:"name" json:"name"`
	Region string `db:"region_code" json:"region"`
}

// Regions lists the regions in Czech alphabetical order of their names.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var rs []Region
	err := s.db.R.SelectContext(ctx, &rs, `SELECT code, name FROM regions`)
	slices.SortFunc(rs, func(a, b Region) int { return CompareCzech(a.Name, b.Name) })
	return rs, err
}

// Centres lists the PMS centres in Czech alphabetical order.
func (s *Store) Centres(ctx context.Context) ([]Centre, error) {
	var cs []Centre
	err := s.db.R.SelectContext(ctx, &cs, `SELECT id, name, region_code FROM pms_centres`)
	slices.SortFunc(cs, func(a, b Centre) int { return CompareCzech(a.Name, b.Name) })
	return cs, err
}

func (s *Store) regionExists(ctx context.Context, q db.Querier, code string) (bool, error) {
	var n int
	err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, code)
	return n > 0, err
}

// regionCodes lists the codes of the regions in alphabetical order.
func (s *Store) regionCodes(ctx context.Context, q db.Querier) ([]string, error) {
	var codes []string
	if err := q.SelectContext(ctx, &codes, `SELECT code FROM regions ORDER BY code`); err != nil {
		return nil, fmt.Errorf("people: region codes: %w", err)
	}
	return codes, nil
}

func (s *Store) centreByName(ctx context.Context, q db.Querier, name string) (Centre, bool, error) {
	var c Centre
	err := q.GetContext(ctx, &c, `SELECT id, name, region_code FROM pms_centres WHERE name = ?`, name)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return c, false, fmt.Errorf("people: centre %s: %w", name, err)
	}
	return c, true, nil
}

// RegionFilter checks a list's region filter: none, or a region's code. A code naming no region
// is a 400 rather than an empty list that reads as "nobody there".
func (s *Store) RegionFilter(ctx context.Context, code string) error {
	if code == "" {
		return nil
	}
	known, err := s.regionExists(ctx, s.db.R, code)
	if err == nil && !known {
		err = web.BadRequest("error.query.region")
	}
	return err
}
