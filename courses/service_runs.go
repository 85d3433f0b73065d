package courses

import (
	"context"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// SaveRun creates (id 0) or changes a run of a course. A run of an accredited kind must start
// on a day some accreditation of the course covers; capacity cannot fall below the seats taken;
// the dates must still hold the run's sessions.
func (s *Service) SaveRun(ctx context.Context, actor *web.Principal, courseID, id int64, in RunInput, now time.Time) (Run, error) {
	if err := admin(actor); err != nil {
		return Run{}, err
	}
	r := in.Run(courseID)
	r.ID = id
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var before *Run
		if id != 0 {
			old, err := s.store.Run(ctx, tx, id)
			if err != nil {
				return err
			}
			if old.CourseID != courseID {
				return ErrRunNotFound
			}
			if old.Status == StatusFinished || old.Status == StatusCancelled {
				return web.Conflict("run.closed") // what happened stays as it happened
			}
			before = &old
			r.Status, r.CancelReason = old.Status, old.CancelReason // status moves through SetStatus only
		}
		c, err := s.store.Course(ctx, tx, courseID)
		if err != nil {
			return err
		}
		f := r.Validate()
		if before != nil {
			delete(f, "status") // the status of an existing run is not the form's to change
			if f == nil {
				f = web.Fields{}
			}
			if r.Capacity < before.Seats.Taken {
				f.Add("capacity", "run.capacity.below_taken", "Taken", before.Seats.Taken)
			}
			sessions, err := s.store.Sessions(ctx, tx, id)
			if err != nil {
				return err
			}
			for _, ss := range sessions {
				if !ss.Cancelled() && !Fits(r, ss.Start(), ss.Minutes) {
					f.Add("starts_on", "run.dates.exclude_sessions")
				}
				if !ss.Cancelled() && !slices.Contains(r.LecturerIDs, ss.LecturerID) {
					f.Add("lecturer_ids", "run.lecturer.has_sessions", "Lecturer", ss.LecturerName)
				}
			}
		}
		if r.Region != "" {
			var n int
			if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, r.Region); err != nil {
				return err
			}
			if n == 0 {
				f.Add("region", "person.region.unknown")
			}
		}
		if c.NeedsAccreditation() && f["starts_on"].Key == "" {
			accs, err := s.store.Accreditations(ctx, tx, courseID)
			if err != nil {
				return err
			}
			if _, ok := Applicable(accs, r.StartsOn); !ok {
				f.Add("starts_on", "run.accreditation.none")
			}
		}
		if err := s.checkLecturers(ctx, tx, r.LecturerIDs, &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := s.store.saveRun(ctx, tx, &r, db.Stamp(now)); err != nil {
			return err
		}
		after, err := s.store.Run(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		r = after
		if before == nil {
			return s.record(ctx, tx, now, actor, "run.create", "run", r.ID, nil, audited(after))
		}
		return s.record(ctx, tx, now, actor, "run.update", "run", r.ID, audited(*before), audited(after))
	})
	return r, err
}

// auditedRun is a run as the audit log keeps it: with the join link, which the run's own JSON
// leaves out, so that the log shows who changed it and when.
type auditedRun struct {
	Run
	JoinLink string `json:"join_link,omitempty"`
}

func audited(r Run) auditedRun { return auditedRun{Run: r, JoinLink: r.JoinLink} }

// checkLecturers requires every lecturer to be an active person with the lecturer role.
func (s *Service) checkLecturers(ctx context.Context, q db.Querier, ids []int64, f *web.Fields) error {
	for _, id := range ids[:min(len(ids), MaxLecturers)] { // more are refused by Validate
		var n int
		if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM person_roles r JOIN persons p ON p.id = r.person_id
			WHERE r.person_id = ? AND r.role = 'lecturer' AND p.active = 1`, id); err != nil {
			return err
		}
		if n == 0 {
			f.Add("lecturer_ids", "run.lecturer.unknown")
		}
	}
	return nil
}

func goodReason(reason string) bool {
	return reason != "" && utf8.RuneCountInString(reason) <= 500 && web.CleanParagraphs(reason)
}

// Remaining lists the run's sessions that take place and have not ended by now: what finishing
// the run early would call off.
func Remaining(sessions []Session, now time.Time) []Session {
	var out []Session
	for _, ss := range sessions {
		if !ss.Cancelled() && ss.End().After(now) {
			out = append(out, ss)
		}
	}
	return out
}

// finishSessions lets a run finish only once its last session has ended, or when the sessions
// still to come are called off in the same step with reason: a 100-hour run finished early by a
// slip would fail everyone, and cannot be undone.
func (s *Service) finishSessions(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, runID int64, reason string, now time.Time) error {
	sessions, err := s.store.Sessions(ctx, tx, runID)
	if err != nil {
		return err
	}
	left := Remaining(sessions, now)
	if len(left) == 0 {
		return nil
	}
	if reason == "" {
		return web.Conflict("run.finish.sessions_left", "Count", len(left))
	}
	if !goodReason(reason) {
		var f web.Fields
		f.Add("reason", "run.cancel.reason_required")
		return f.Err()
	}
	at := db.Stamp(now)
	for _, before := range left {
		ss := before
		ss.CancelledAt, ss.CancelReason = &at, reason
		if err := s.store.saveSession(ctx, tx, &ss); err != nil {
			return err
		}
		if err := s.record(ctx, tx, now, actor, "session.cancel", "run", runID, before, ss); err != nil {
			return err
		}
	}
	return nil
}

// SetStatus moves a run to another status; cancelling needs a reason, which stays shown.
// Finishing a run whose sessions are not all over needs a reason too, for calling them off in
// the same step (see finishSessions).
func (s *Service) SetStatus(ctx context.Context, actor *web.Principal, id int64, to Status, reason string, now time.Time) (Run, error) {
	if err := admin(actor); err != nil {
		return Run{}, err
	}
	reason = web.Paragraphs(reason)
	var r Run
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.store.Run(ctx, tx, id)
		if err != nil {
			return err
		}
		if !slices.Contains(Statuses, to) {
			var f web.Fields
			f.Add("status", "run.status.unknown")
			return f.Err()
		}
		if !CanMove(before.Status, to) {
			return web.Conflict("run.status.move")
		}
		if to == StatusCancelled && !goodReason(reason) {
			var f web.Fields
			f.Add("reason", "run.cancel.reason_required")
			return f.Err()
		}
		if to == StatusFinished {
			if err := s.finishSessions(ctx, tx, actor, id, reason, now); err != nil {
				return err
			}
		}
		r = before
		r.Status = to
		if to == StatusCancelled {
			r.CancelReason = reason
		}
		if err := s.store.saveRun(ctx, tx, &r, db.Stamp(now)); err != nil {
			return err
		}
		if r, err = s.store.Run(ctx, tx, id); err != nil {
			return err
		}
		// Finishing decides who failed; cancelling stops everything counting.
		if err := s.settle(ctx, tx, now, id); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "run.status", "run", id, before, r)
	})
	return r, err
}

// Outlook is what finishing a run would make of its enrolled people, by name: who has completed
// it, who would fail, who would still be waiting (for an exam after the run). Completion lives
// above this package, so the handlers get it through a function cmd plugs in.
type Outlook struct {
	Complete, Fail, Pending []string
}
