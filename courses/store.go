package courses

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// Errors for records that do not exist.
var (
	ErrCourseNotFound        = web.NotFound("course.not_found")
	ErrRunNotFound           = web.NotFound("run.not_found")
	ErrSessionNotFound       = web.NotFound("session.not_found")
	ErrAccreditationNotFound = web.NotFound("accreditation.not_found")
)

// Store reads and writes the catalog and the schedule.
type Store struct {
	db *db.DB
}

// NewStore returns a store over d.
func NewStore(d *db.DB) *Store { return &Store{db: d} }

func notFound(err error, nf *web.Error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return nf
	}
	return fmt.Errorf("courses: %s: %w", what, err)
}

// selectCourse reads courses with their prerequisites, each course in one row.
const selectCourse = `SELECT id, code, title, kind, description, target_group, theory_hours, practice_hours,
	theory_minutes, practice_minutes, min_attendance_pct, requires_exam, requires_birth_place, validity_months,
	min_age, created_at, updated_at,
	COALESCE((SELECT group_concat(p.prerequisite_id) FROM course_prerequisites p WHERE p.course_id = courses.id), '')
	AS prerequisites FROM courses`

type courseRow struct {
	Course
	Needs string `db:"prerequisites"`
}

func (cr courseRow) course() Course {
	c := cr.Course
	c.Prerequisites = db.IDs(cr.Needs)
	return c
}

// Course returns the course with id and its prerequisites, in one query.
func (s *Store) Course(ctx context.Context, q db.Querier, id int64) (Course, error) {
	var row courseRow
	if err := q.GetContext(ctx, &row, selectCourse+` WHERE id = ?`, id); err != nil {
		return Course{}, notFound(err, ErrCourseNotFound, fmt.Sprintf("course %d", id))
	}
	return row.course(), nil
}

// Courses lists the catalog by title.
func (s *Store) Courses(ctx context.Context) ([]Course, error) {
	var rows []courseRow
	if err := s.db.R.SelectContext(ctx, &rows, selectCourse+` ORDER BY title`); err != nil {
		return nil, fmt.Errorf("courses: list: %w", err)
	}
	cs := make([]Course, len(rows))
	for i, r := range rows {
		cs[i] = r.course()
	}
	return cs, nil
}

func (s *Store) saveCourse(ctx context.Context, tx *sqlx.Tx, c *Course, now string) error {
	if c.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO courses (code, title, kind, description, target_group,
			theory_hours, practice_hours, theory_minutes, practice_minutes, min_attendance_pct, requires_exam,
			requires_birth_place, validity_months, min_age, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.Code, c.Title, c.Kind, c.Description, c.TargetGroup, c.TheoryHours, c.PracticeHours, c.TheoryMinutes,
			c.PracticeMinutes, c.MinAttendancePct, c.RequiresExam, c.RequiresBirthPlace, c.ValidityMonths, c.MinAge, now, now)
		if err != nil {
			return fmt.Errorf("courses: insert %s: %w", c.Code, err)
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if _, err := tx.ExecContext(ctx, `UPDATE courses SET code = ?, title = ?, kind = ?, description = ?,
		target_group = ?, theory_hours = ?, practice_hours = ?, theory_minutes = ?, practice_minutes = ?,
		min_attendance_pct = ?, requires_exam = ?, requires_birth_place = ?, validity_months = ?, min_age = ?,
		updated_at = ? WHERE id = ?`,
		c.Code, c.Title, c.Kind, c.Description, c.TargetGroup, c.TheoryHours, c.PracticeHours, c.TheoryMinutes,
		c.PracticeMinutes, c.MinAttendancePct, c.RequiresExam, c.RequiresBirthPlace, c.ValidityMonths, c.MinAge, now,
		c.ID); err != nil {
		return fmt.Errorf("courses: update %d: %w", c.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM course_prerequisites WHERE course_id = ?`, c.ID); err != nil {
		return err
	}
	for _, p := range c.Prerequisites {
		if _, err := tx.ExecContext(ctx, `INSERT INTO course_prerequisites (course_id, prerequisite_id) VALUES (?, ?)`,
			c.ID, p); err != nil {
			return fmt.Errorf("courses: prerequisite %d of %d: %w", p, c.ID, err)
		}
	}
	return nil
}

// codeTaken reports whether another course has code.
func (s *Store) codeTaken(ctx context.Context, q db.Querier, code string, self int64) (bool, error) {
	var n int
	// "s-pms" is the course S-PMS to anyone reading a list: codes differ in more than case.
	err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM courses WHERE LOWER(code) = LOWER(?) AND id <> ?`, code, self)
	return n > 0, err
}

// Accreditations lists a course's accreditations, newest first.
func (s *Store) Accreditations(ctx context.Context, q db.Querier, courseID int64) ([]Accreditation, error) {
	var as []Accreditation
	err := q.SelectContext(ctx, &as, `SELECT id, course_id, body, body_name, number, valid_from, valid_until,
		theory_hours, practice_hours FROM accreditations WHERE course_id = ? ORDER BY valid_from DESC, id DESC`, courseID)
	return as, err
}

func (s *Store) insertAccreditation(ctx context.Context, tx *sqlx.Tx, a *Accreditation) error {
	res, err := tx.ExecContext(ctx, `INSERT INTO accreditations (course_id, body, body_name, number, valid_from,
		valid_until, theory_hours, practice_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.CourseID, a.Body, a.BodyName, a.Number, a.ValidFrom, a.ValidUntil, a.TheoryHours, a.PracticeHours)
	if err != nil {
		return fmt.Errorf("courses: accreditation of %d: %w", a.CourseID, err)
	}
	a.ID, err = res.LastInsertId()
	return err
}

// Modules lists a course's curriculum in order.
func (s *Store) Modules(ctx context.Context, q db.Querier, courseID int64) ([]Module, error) {
	var ms []Module
	err := q.SelectContext(ctx, &ms, `SELECT id, course_id, position, title, theory_hours, practice_hours
		FROM modules WHERE course_id = ? ORDER BY position, id`, courseID)
	return ms, err
}

func (s *Store) insertModule(ctx context.Context, tx *sqlx.Tx, m *Module) error {
	if err := tx.GetContext(ctx, &m.Position,
		`SELECT COALESCE(MAX(position), 0) + 1 FROM modules WHERE course_id = ?`, m.CourseID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO modules (course_id, position, title, theory_hours, practice_hours)
		VALUES (?, ?, ?, ?, ?)`, m.CourseID, m.Position, m.Title, m.TheoryHours, m.PracticeHours)
	if err != nil {
		return fmt.Errorf("courses: module of %d: %w", m.CourseID, err)
	}
	m.ID, err = res.LastInsertId()
	return err
}

// requires reports whether any of the courses in from requires (directly or through others)
// the course target; adding them as target's prerequisites would close a circle.
func (s *Store) requires(ctx context.Context, q db.Querier, from []int64, target int64) (bool, error) {
	seen := map[int64]bool{}
	queue := append([]int64(nil), from...)
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if id == target {
			return true, nil
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		var next []int64
		if err := q.SelectContext(ctx, &next, `SELECT prerequisite_id FROM course_prerequisites WHERE course_id = ?`, id); err != nil {
			return false, err
		}
		queue = append(queue, next...)
	}
	return false, nil
}
