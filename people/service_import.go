package people

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/web"
)

// errDryRun rolls back the transaction of a dry run that found nothing wrong.
var errDryRun = errors.New("people: import: dry run")

// Import creates the people of rows on behalf of actor (nil for the command line), all of them
// in one transaction or none: every row is judged as Create judges one person, and an e-mail
// may stand in the file only once, so a list that is half imported never has to be sorted
// out by hand. When a row is wrong, the returned *ImportError names every problem of every row
// and nothing is stored; with dryRun nothing is stored either way. People are created without
// passwords, each with its audit entry. It returns how many people were (or would be) created.
func (s *Service) Import(ctx context.Context, actor *web.Principal, rows []ImportRow, now time.Time, dryRun bool) (int, error) {
	regions, err := s.regionNames(ctx)
	if err != nil {
		return 0, err
	}
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ins := make([]Input, len(rows))
		centres := make([]*int64, len(rows))
		firstLine := map[string]int{} // e-mail → the line it first stands on
		bad := &ImportError{Rows: len(rows)}
		for i, r := range rows {
			in := r.Input
			in.Password = "" // a list of people carries no passwords
			in.Normalize()
			defaultRegion(actor, &in)
			if code, ok := regions[Fold(in.Region)]; ok {
				in.Region = code // a spreadsheet may name the region rather than give its code
			}
			f := maps.Clone(r.Problems)
			centreID, err := s.check(ctx, tx, 0, in, now)
			if werr, ok := web.AsError(err); ok && werr.Code == web.CodeInvalid {
				for field, m := range werr.Fields {
					f.Set(field, m)
				}
			} else if err != nil {
				return err
			}
			if in.Email != "" {
				if line, seen := firstLine[in.Email]; seen {
					f.Add("email", "import.email.repeated", "Line", line)
				} else {
					firstLine[in.Email] = r.Line
				}
			}
			if len(f) == 0 && actor != nil && !canManage(actor, in.Region, toRoles(in.Roles)) {
				f.Add("", "import.row.forbidden")
			}
			bad.add(r.Line, f)
			ins[i], centres[i] = in, centreID
		}
		if len(bad.Problems) > 0 {
			return bad
		}
		if dryRun {
			return errDryRun
		}
		for i, in := range ins {
			if _, err := s.insert(ctx, tx, actor, in, centres[i], now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return 0, err
	}
	return len(rows), nil
}

// add records the problems of one row, in the order of the columns.
func (e *ImportError) add(line int, f web.Fields) {
	if len(f) == 0 {
		return
	}
	e.Bad++
	fields := slices.SortedFunc(maps.Keys(f), func(a, b string) int { return fieldRank(a) - fieldRank(b) })
	for _, field := range fields {
		e.Problems = append(e.Problems, ImportProblem{Line: line, Field: field, Msg: f[field]})
	}
}

// regionNames maps the regions' names, reduced by Fold, to their codes: "Ústecký kraj" and
// "ustecky" both give ULK.
func (s *Service) regionNames(ctx context.Context) (map[string]string, error) {
	rs, err := s.store.Regions(ctx)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, r := range rs {
		name := Fold(r.Name)
		m[name] = r.Code
		m[strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(name, " kraj"), "kraj "))] = r.Code
	}
	return m, nil
}
