package attendance

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/courses"
	"mentorlms/db"
)

// Attendee is a trainee as a printed document names them.
type Attendee struct {
	PersonID     int64  `db:"person_id"`
	Name         string `db:"name"`
	TitlesBefore string `db:"titles_before"`
	TitlesAfter  string `db:"titles_after"`
	// Apologised is set when the trainee excused themself from the session in advance, so
	// that the sheet says so instead of leaving an unexplained empty line.
	Apologised bool `db:"apologised"`
}

// FullName is the name with academic titles: Mgr. Eva Nová, Ph.D.
func (a Attendee) FullName() string { return pdfFullName(a.Name, a.TitlesBefore, a.TitlesAfter) }

func pdfFullName(name, before, after string) string {
	if before != "" {
		name = before + " " + name
	}
	if after != "" {
		name += ", " + after
	}
	return name
}

// pdfAttendees lists the trainees enrolled in a run by surname the Czech way (persons.sort_key),
// and anyone marked for the session who has withdrawn since (the sheet is a record of that
// day), marking who apologised for the session.
func pdfAttendees(ctx context.Context, q db.Querier, runID, sessionID int64) ([]Attendee, error) {
	var as []Attendee
	err := q.SelectContext(ctx, &as, `SELECT p.id AS person_id, p.name, p.titles_before, p.titles_after,
		EXISTS (SELECT 1 FROM attendance a WHERE a.enrollment_id = e.id AND a.session_id = ?
			AND a.source = 'apology') AS apologised
		FROM enrollments e JOIN persons p ON p.id = e.person_id
		WHERE e.run_id = ? AND (e.status = 'enrolled' OR EXISTS (SELECT 1 FROM attendance a
			WHERE a.enrollment_id = e.id AND a.session_id = ?))
		ORDER BY p.sort_key, p.id`, sessionID, runID, sessionID)
	if err != nil {
		return nil, fmt.Errorf("enrollment: attendees of run %d: %w", runID, err)
	}
	return as, nil
}

// pdfNames reads the names with titles of people, by id.
func pdfNames(ctx context.Context, q db.Querier, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(`SELECT id, name, titles_before, titles_after FROM persons WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var ps []struct {
		ID     int64  `db:"id"`
		Name   string `db:"name"`
		Before string `db:"titles_before"`
		After  string `db:"titles_after"`
	}
	if err := q.SelectContext(ctx, &ps, q.Rebind(query), args...); err != nil {
		return nil, fmt.Errorf("enrollment: names of %v: %w", ids, err)
	}
	for _, p := range ps {
		out[p.ID] = pdfFullName(p.Name, p.Before, p.After)
	}
	return out, nil
}

// pdfHeading reads what both documents print at their top: the course and the accreditation that
// applies to the run (the one valid on its first day), nil when there is none.
func (s *Service) pdfHeading(ctx context.Context, q db.Querier, r courses.Run) (courses.Course, *courses.Accreditation, error) {
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return c, nil, err
	}
	accs, err := s.courses.Accreditations(ctx, q, c.ID)
	if err != nil {
		return c, nil, fmt.Errorf("enrollment: accreditations of course %d: %w", c.ID, err)
	}
	if a, ok := courses.Applicable(accs, r.StartsOn); ok {
		return c, &a, nil
	}
	return c, nil, nil
}

// pdfTopics maps a course's modules to their titles: a session without a topic of its own is
// printed with its module's.
func (s *Service) pdfTopics(ctx context.Context, q db.Querier, courseID int64) (map[int64]string, error) {
	ms, err := s.courses.Modules(ctx, q, courseID)
	if err != nil {
		return nil, fmt.Errorf("enrollment: modules of course %d: %w", courseID, err)
	}
	out := make(map[int64]string, len(ms))
	for _, m := range ms {
		out[m.ID] = m.Title
	}
	return out, nil
}

// pdfTopic is what a session is about: its topic, or its module's title.
func pdfTopic(ss courses.Session, modules map[int64]string) string {
	if ss.Topic != "" || ss.ModuleID == nil {
		return ss.Topic
	}
	return modules[*ss.ModuleID]
}

// SheetOf gathers what the attendance sheet of session ss of run r prints, as of at.
func (s *Service) SheetOf(ctx context.Context, ss courses.Session, r courses.Run, at time.Time) (Sheet, error) {
	q := s.db.R
	c, acc, err := s.pdfHeading(ctx, q, r)
	if err != nil {
		return Sheet{}, err
	}
	modules, err := s.pdfTopics(ctx, q, c.ID)
	if err != nil {
		return Sheet{}, err
	}
	names, err := pdfNames(ctx, q, []int64{ss.LecturerID})
	if err != nil {
		return Sheet{}, err
	}
	as, err := pdfAttendees(ctx, q, r.ID, ss.ID)
	if err != nil {
		return Sheet{}, err
	}
	return Sheet{Course: c, Accreditation: acc, Run: r, Session: ss, Topic: pdfTopic(ss, modules),
		Lecturer: names[ss.LecturerID], Trainees: as, Printed: at}, nil
}

// ClassBookOf gathers what the class book of run r prints, as of at.
func (s *Service) ClassBookOf(ctx context.Context, r courses.Run, at time.Time) (ClassBook, error) {
	q := s.db.R
	c, acc, err := s.pdfHeading(ctx, q, r)
	if err != nil {
		return ClassBook{}, err
	}
	modules, err := s.pdfTopics(ctx, q, c.ID)
	if err != nil {
		return ClassBook{}, err
	}
	sessions, err := s.courses.Sessions(ctx, q, r.ID)
	if err != nil {
		return ClassBook{}, fmt.Errorf("enrollment: sessions of run %d: %w", r.ID, err)
	}
	ids := append([]int64{}, r.LecturerIDs...)
	for _, ss := range sessions {
		ids = append(ids, ss.LecturerID)
	}
	names, err := pdfNames(ctx, q, ids)
	if err != nil {
		return ClassBook{}, err
	}
	b := ClassBook{Course: c, Accreditation: acc, Run: r, Printed: at}
	for _, id := range r.LecturerIDs {
		b.Lecturers = append(b.Lecturers, names[id])
	}
	for _, ss := range sessions {
		b.Entries = append(b.Entries, Entry{Session: ss, Topic: pdfTopic(ss, modules), Lecturer: names[ss.LecturerID]})
	}
	return b, nil
}
