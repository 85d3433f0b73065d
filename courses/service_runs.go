package courses

import (
	"context"
	"slices"
	"strings"
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
			return s.record(ctx, tx, now, actor, "run.create", "run", r.ID, nil, after)
		}
		return s.record(ctx, tx, now, actor, "run.update", "run", r.ID, *before, after)
	})
	return r, err
}

// checkLecturers requires every lecturer to be an active person with the lecturer role.
func (s *Service) checkLecturers(ctx context.Context, q db.Querier, ids []int64, f *web.Fields) error {
	for _, id := range ids {
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

// SetStatus moves a run to another status; cancelling needs a reason, which stays shown.
func (s *Service) SetStatus(ctx context.Context, actor *web.Principal, id int64, to Status, reason string, now time.Time) (Run, error) {
	if err := admin(actor); err != nil {
		return Run{}, err
	}
	reason = strings.TrimSpace(reason)
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
		if to == StatusCancelled && (reason == "" || utf8.RuneCountInString(reason) > 500 || !web.CleanText(reason)) {
			var f web.Fields
			f.Add("reason", "run.cancel.reason_required")
			return f.Err()
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
		return s.record(ctx, tx, now, actor, "run.status", "run", id, before, r)
	})
	return r, err
}
