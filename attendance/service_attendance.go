package attendance

import (
	"context"
	"fmt"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// teaches reports whether actor records attendance and exams of a run: an admin, a lecturer of
// the run, or the lecturer of the session in question (lecturer 0: none).
func teaches(actor *web.Principal, r courses.Run, lecturer int64) bool {
	if actor.Has(web.RoleAdmin) {
		return true
	}
	return actor.Has(web.RoleLecturer) && (slices.Contains(r.LecturerIDs, actor.ID) || actor.ID == lecturer)
}

// SessionSheet is a session with its run and its attendance list.
type SessionSheet struct {
	Session courses.Session `json:"session"`
	Run     courses.Run     `json:"run"`
	Lines   []Line          `json:"items"`
}

// Unmarked counts the people enrolled who have no mark yet.
func (s SessionSheet) Unmarked() int {
	n := 0
	for _, l := range s.Lines {
		if l.Enrolled && !l.Marked() {
			n++
		}
	}
	return n
}

// sheet reads a session, its run and its list for someone who teaches the run.
func (s *Service) sheet(ctx context.Context, q db.Querier, actor *web.Principal, sessionID int64) (SessionSheet, error) {
	ss, err := s.courses.Session(ctx, q, sessionID)
	if err != nil {
		return SessionSheet{}, err
	}
	return s.sheetOf(ctx, q, actor, ss)
}

// sheetOf is sheet for a caller that has read the session.
func (s *Service) sheetOf(ctx context.Context, q db.Querier, actor *web.Principal, ss courses.Session) (SessionSheet, error) {
	r, err := s.courses.Run(ctx, q, ss.RunID)
	if err != nil {
		return SessionSheet{}, err
	}
	if !teaches(actor, r, ss.LecturerID) {
		return SessionSheet{}, web.Forbidden()
	}
	ls, err := lines(ctx, q, ss.ID, r.ID)
	return SessionSheet{Session: ss, Run: r, Lines: ls}, err
}

// Attendance reads a session's attendance list for someone who teaches the run.
func (s *Service) Attendance(ctx context.Context, actor *web.Principal, sessionID int64) (SessionSheet, error) {
	return s.sheet(ctx, s.db.R, actor, sessionID)
}

// markable refuses a session that cannot take marks: one called off, or one not yet begun.
func markable(ss courses.Session, now time.Time) error {
	if ss.Cancelled() {
		return web.Conflict("attendance.cancelled")
	}
	if now.Before(ss.Start()) {
		return web.Conflict("attendance.future")
	}
	return nil
}

// SaveAttendance records the marks of a session in one transaction, for its run's lecturers and
// admins. Lines not given keep what they had. Every changed mark goes to the audit log with its
// before and after; the enrolments' completion follows in the same transaction.
func (s *Service) SaveAttendance(ctx context.Context, actor *web.Principal, sessionID int64, marks []MarkInput, now time.Time) (SessionSheet, error) {
	var out SessionSheet
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		// The run's sessions are read with the one saved: completion is measured against them.
		ss, all, err := s.courses.SessionAmong(ctx, tx, sessionID)
		if err != nil {
			return err
		}
		sh, err := s.sheetOf(ctx, tx, actor, ss)
		if err != nil {
			return err
		}
		if err := markable(sh.Session, now); err != nil {
			return err
		}
		byPerson := map[int64]Line{}
		for _, l := range sh.Lines {
			if l.Enrolled {
				byPerson[l.PersonID] = l
			}
		}
		var f web.Fields
		seen := map[int64]bool{}
		for i, m := range marks {
			field := fmt.Sprintf("%d", i)
			if m.PersonID == actor.ID {
				return web.Forbidden() // nobody records their own attendance, as nobody decides about themself
			}
			if _, ok := byPerson[m.PersonID]; !ok {
				f.Add(field+".person_id", "attendance.person.not_enrolled", "ID", m.PersonID)
			} else if seen[m.PersonID] {
				f.Add(field+".person_id", "attendance.person.twice", "Name", byPerson[m.PersonID].Name)
			}
			seen[m.PersonID] = true
			m.validate(&f, field, sh.Session.Minutes)
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, after := map[string]markView{}, map[string]markView{}
		var changed []int64
		var puts []mark
		stamp := db.Stamp(now)
		// Where each enrolled person's line stands: someone who withdrew and applied again has an
		// older line too, which keeps its mark.
		index := make(map[int64]int, len(sh.Lines))
		for i, l := range sh.Lines {
			if l.Enrolled {
				index[l.PersonID] = i
			}
		}
		for _, m := range marks {
			l := byPerson[m.PersonID]
			minutes := m.counted(sh.Session.Minutes)
			if l.Marked() && *l.Status == m.Status && l.Minutes == minutes {
				continue // unchanged: the earlier record and its author stay
			}
			puts = append(puts, mark{EnrollmentID: l.EnrollmentID, Status: m.Status, Minutes: minutes})
			if l.Marked() {
				before[auditKey(l.PersonID)] = markView{Name: l.Name, Status: *l.Status, Minutes: l.Minutes, Source: l.Source}
			}
			after[auditKey(l.PersonID)] = markView{Name: l.Name, Status: m.Status, Minutes: minutes, Source: SourceLecturer}
			changed = append(changed, l.EnrollmentID)
			// The sheet answered is the one read above with the changes applied: it is not read twice.
			line := &sh.Lines[index[m.PersonID]]
			line.Status, line.Minutes, line.Source, line.Note, line.RecordedAt = &m.Status, minutes, SourceLecturer, "", &stamp
		}
		if len(changed) > 0 {
			if err := putMarks(ctx, tx, sessionID, puts, SourceLecturer, actor.ID, stamp); err != nil {
				return err
			}
			if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "attendance.save", Entity: "session",
				EntityID: sessionID, Before: before, After: after}); err != nil {
				return err
			}
			c, err := s.courses.Course(ctx, tx, sh.Run.CourseID)
			if err != nil {
				return err
			}
			if err := s.settleWith(ctx, tx, c, sh.Run, all, changed, now); err != nil {
				return err
			}
		}
		out = sh
		return nil
	})
	return out, err
}

// own finds the actor's enrolment in the run of a session they may excuse themself from or
// check in to; someone not enrolled is told so.
func (s *Service) own(ctx context.Context, q db.Querier, actor *web.Principal, sessionID int64) (courses.Session, Line, error) {
	ss, err := s.courses.Session(ctx, q, sessionID)
	if err != nil {
		return ss, Line{}, err
	}
	ls, err := lines(ctx, q, ss.ID, ss.RunID)
	if err != nil {
		return ss, Line{}, err
	}
	for _, l := range ls {
		if l.PersonID == actor.ID && l.Enrolled {
			return ss, l, nil
		}
	}
	return ss, Line{}, web.Conflict("attendance.not_enrolled")
}

// Apologise excuses the actor from a session before it starts: they are marked excused, with
// their note, and the mark says it came from an apology. A session already marked, begun or
// called off takes no apology.
func (s *Service) Apologise(ctx context.Context, actor *web.Principal, sessionID int64, note string, now time.Time) (Line, error) {
	note = web.Paragraphs(note)
	var out Line
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ss, l, err := s.own(ctx, tx, actor, sessionID)
		if err != nil {
			return err
		}
		if utf8.RuneCountInString(note) > 500 || !web.CleanParagraphs(note) {
			var f web.Fields
			f.Add("note", "attendance.note.invalid")
			return f.Err()
		}
		switch {
		case ss.Cancelled():
			return web.Conflict("attendance.cancelled")
		case !now.Before(ss.Start()):
			return web.Conflict("attendance.apology.late")
		case l.Marked() && l.Source != SourceApology:
			return web.Conflict("attendance.apology.marked")
		}
		if err := putMark(ctx, tx, sessionID, l.EnrollmentID, Excused, 0, SourceApology, note, actor.ID, db.Stamp(now)); err != nil {
			return err
		}
		out = l
		out.Status, out.Minutes, out.Source, out.Note = new(Excused), 0, SourceApology, note
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "attendance.apology", Entity: "session",
			EntityID: sessionID, After: map[string]markView{auditKey(l.PersonID): {Name: l.Name, Status: Excused, Source: SourceApology}}})
	})
	return out, err
}

// TakeBackApology withdraws the actor's apology while the session has not begun.
func (s *Service) TakeBackApology(ctx context.Context, actor *web.Principal, sessionID int64, now time.Time) error {
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ss, l, err := s.own(ctx, tx, actor, sessionID)
		if err != nil {
			return err
		}
		if !l.Marked() || l.Source != SourceApology {
			return web.Conflict("attendance.apology.none")
		}
		if !now.Before(ss.Start()) {
			return web.Conflict("attendance.apology.late")
		}
		if err := deleteMark(ctx, tx, sessionID, l.EnrollmentID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "attendance.apology_withdrawn",
			Entity: "session", EntityID: sessionID,
			Before: map[string]markView{auditKey(l.PersonID): {Name: l.Name, Status: Excused, Source: SourceApology}}})
	})
}
