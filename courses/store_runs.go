package courses

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

// selectRun reads runs with their taken and waitlisted places counted from their enrolments and
// their lecturers, each run in one row.
const selectRun = runColumns + ` FROM runs r`

const runColumns = `SELECT r.id, r.course_id, r.starts_on, r.ends_on, r.online, r.town, r.address, r.join_link,
	COALESCE(r.region_code, '') AS region, r.capacity, r.status, r.cancel_reason, r.created_at, r.updated_at,
	(SELECT COUNT(*) FROM enrollments e WHERE e.run_id = r.id AND e.status = 'enrolled') AS taken,
	(SELECT COUNT(*) FROM enrollments e WHERE e.run_id = r.id AND e.status = 'waitlisted') AS waitlisted,
	COALESCE((SELECT group_concat(l.person_id) FROM run_lecturers l WHERE l.run_id = r.id), '') AS lecturers`

type runRow struct {
	Run
	Taken      int    `db:"taken"`
	Waitlisted int    `db:"waitlisted"`
	Lecturers  string `db:"lecturers"`
}

func (rr runRow) run() Run {
	r := rr.Run
	r.Seats = Seats{Capacity: r.Capacity, Taken: rr.Taken, Waitlisted: rr.Waitlisted, Free: FreeSeats(r.Capacity, rr.Taken)}
	r.LecturerIDs = db.IDs(rr.Lecturers)
	return r
}

// Run returns the run with id, its lecturers and seat counts, in one query: nearly every request
// about a run begins here.
func (s *Store) Run(ctx context.Context, q db.Querier, id int64) (Run, error) {
	var rr runRow
	if err := q.GetContext(ctx, &rr, selectRun+` WHERE r.id = ?`, id); err != nil {
		return Run{}, notFound(err, ErrRunNotFound, fmt.Sprintf("run %d", id))
	}
	return rr.run(), nil
}

// RunFilter narrows a list of runs; zero values do not filter. From and To bound the first day.
type RunFilter struct {
	CourseID int64
	Kind     Kind
	Status   []Status
	Region   string
	From, To string
	// EndsFrom keeps runs still going on or after that day (a month shows runs begun earlier).
	EndsFrom string
	// IDs, when set, keeps only these runs (a list worked out elsewhere, read in one go).
	IDs []int64
	// Limit, when set, reads one page of the list from Offset.
	Limit, Offset int
	// Latest lists the latest first day first: on a course's page the runs being planned and
	// held come before years of past ones.
	Latest bool
}

// order is the list's order by first day.
func (f RunFilter) order() string {
	if f.Latest {
		return " ORDER BY r.starts_on DESC, r.id DESC"
	}
	return " ORDER BY r.starts_on, r.id"
}

// where is the filter as SQL conditions on runs r, with their arguments.
func (f RunFilter) where() (string, []any) {
	var where []string
	var args []any
	if f.CourseID != 0 {
		where, args = append(where, "r.course_id = ?"), append(args, f.CourseID)
	}
	if f.Kind != "" {
		where, args = append(where, "r.course_id IN (SELECT id FROM courses WHERE kind = ?)"), append(args, f.Kind)
	}
	if len(f.Status) > 0 {
		q, a, _ := sqlx.In("r.status IN (?)", f.Status)
		where, args = append(where, q), append(args, a...)
	}
	if f.Region != "" {
		where, args = append(where, "r.region_code = ?"), append(args, f.Region)
	}
	if len(f.IDs) > 0 {
		q, a, _ := sqlx.In("r.id IN (?)", f.IDs)
		where, args = append(where, q), append(args, a...)
	}
	if f.From != "" {
		where, args = append(where, "r.starts_on >= ?"), append(args, f.From)
	}
	if f.To != "" {
		where, args = append(where, "r.starts_on <= ?"), append(args, f.To)
	}
	if f.EndsFrom != "" {
		where, args = append(where, "r.ends_on >= ?"), append(args, f.EndsFrom)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Runs lists runs matching f by first day (see RunFilter.Latest), with seat counts and lecturers. With a limit, the
// page is chosen first and only its runs are counted and their lecturers read, so that a page
// costs the same however many runs the installation has held.
func (s *Store) Runs(ctx context.Context, f RunFilter) ([]Run, error) {
	where, args := f.where()
	query := selectRun + where + f.order()
	if f.Limit > 0 {
		query = runColumns + ` FROM (SELECT r.* FROM runs r` + where + f.order() + ` LIMIT ? OFFSET ?) r` + f.order()
		args = append(args, f.Limit, f.Offset)
	}
	var rows []runRow
	if err := s.db.R.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("courses: runs: %w", err)
	}
	runs := make([]Run, len(rows))
	for i, rr := range rows {
		runs[i] = rr.run()
	}
	return runs, nil
}

// CountRuns counts the runs matching f, whatever its page.
func (s *Store) CountRuns(ctx context.Context, f RunFilter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM runs r`+where, args...); err != nil {
		return 0, fmt.Errorf("courses: count runs: %w", err)
	}
	return n, nil
}

func (s *Store) saveRun(ctx context.Context, tx *sqlx.Tx, r *Run, now string) error {
	if r.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (course_id, starts_on, ends_on, online, town, address,
			join_link, region_code, capacity, status, cancel_reason, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?)`,
			r.CourseID, r.StartsOn, r.EndsOn, r.Online, r.Town, r.Address, r.JoinLink, r.Region, r.Capacity, r.Status,
			r.CancelReason, now, now)
		if err != nil {
			return fmt.Errorf("courses: insert run of %d: %w", r.CourseID, err)
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE runs SET starts_on = ?, ends_on = ?, online = ?, town = ?,
		address = ?, join_link = ?, region_code = NULLIF(?, ''), capacity = ?, status = ?, cancel_reason = ?,
		updated_at = ? WHERE id = ?`, r.StartsOn, r.EndsOn, r.Online, r.Town, r.Address, r.JoinLink, r.Region,
		r.Capacity, r.Status, r.CancelReason, now, r.ID); err != nil {
		return fmt.Errorf("courses: update run %d: %w", r.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM run_lecturers WHERE run_id = ?`, r.ID); err != nil {
		return err
	}
	for _, p := range r.LecturerIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO run_lecturers (run_id, person_id) VALUES (?, ?)`, r.ID, p); err != nil {
			return fmt.Errorf("courses: lecturer %d of run %d: %w", p, r.ID, err)
		}
	}
	return nil
}

// liveRunStarts lists the first days of a course's runs that are not cancelled: the days an
// accreditation of the course must cover.
func (s *Store) liveRunStarts(ctx context.Context, q db.Querier, courseID int64) ([]string, error) {
	var starts []string
	err := q.SelectContext(ctx, &starts, `SELECT starts_on FROM runs WHERE course_id = ? AND status <> 'cancelled'`, courseID)
	return starts, err
}
