package courses

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// AddSessions schedules one session, or several when the input repeats, all or none: a run
// that is neither cancelled nor finished, within its days, taught by one of its lecturers,
// clashing with none of that lecturer's sessions nor the run's own.
func (s *Service) AddSessions(ctx context.Context, actor *web.Principal, runID int64, in SessionInput, now time.Time) ([]Session, error) {
	if err := admin(actor); err != nil {
		return nil, err
	}
	var out []Session
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		r, err := s.store.Run(ctx, tx, runID)
		if err != nil {
			return err
		}
		starts, err := s.resolve(ctx, tx, r, in, false)
		if err != nil {
			return err
		}
		for _, start := range starts {
			ss := Session{RunID: runID, StartsAt: db.Stamp(start), Minutes: in.Minutes, Kind: in.Kind,
				ModuleID: in.ModuleID, Topic: strings.TrimSpace(in.Topic), LecturerID: in.LecturerID}
			ss.EndsAt = db.Stamp(start.Add(time.Duration(in.Minutes) * time.Minute))
			if err := s.placeable(ctx, tx, r, ss); err != nil {
				return err
			}
			if err := s.store.saveSession(ctx, tx, &ss); err != nil {
				return err
			}
			saved, err := s.store.Session(ctx, tx, ss.ID)
			if err != nil {
				return err
			}
			if err := s.record(ctx, tx, now, actor, "session.create", "run", runID, nil, saved); err != nil {
				return err
			}
			out = append(out, saved)
		}
		return nil
	})
	return out, err
}

// resolve checks a session input against its run and returns the starts it asks for: the run
// must still take changes (and the session, when one is edited, must not be cancelled), the
// fields must be right, the lecturer must teach the run and the module belong to its course.
func (s *Service) resolve(ctx context.Context, q db.Querier, r Run, in SessionInput, cancelled bool) ([]time.Time, error) {
	if r.Status == StatusCancelled || r.Status == StatusFinished || cancelled {
		return nil, web.Conflict("session.run_closed")
	}
	starts, f := in.Starts()
	for k, v := range in.Validate() {
		f.Set(k, v)
	}
	if in.LecturerID > 0 && !slices.Contains(r.LecturerIDs, in.LecturerID) {
		f.Add("lecturer_id", "session.lecturer.not_of_run")
	}
	if err := s.checkModule(ctx, q, r.CourseID, in.ModuleID, &f); err != nil {
		return nil, err
	}
	return starts, f.Err()
}

func (s *Service) checkModule(ctx context.Context, q db.Querier, courseID int64, moduleID *int64, f *web.Fields) error {
	if moduleID == nil {
		return nil
	}
	ms, err := s.store.Modules(ctx, q, courseID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(ms, func(m Module) bool { return m.ID == *moduleID }) {
		f.Add("module_id", "session.module.unknown")
	}
	return nil
}

// placeable refuses a session outside the run's days, one that would end after midnight, or
// one that clashes, naming the clash so that whoever plans can find it. The first two are told
// apart: the one is put right by the date, the other by the time or the length.
func (s *Service) placeable(ctx context.Context, q db.Querier, r Run, ss Session) error {
	start, end := ss.Start(), ss.End()
	var f web.Fields
	if !Within(r, start) {
		from, _ := time.ParseInLocation(web.DateLayout, r.StartsOn, web.Prague)
		until, _ := time.ParseInLocation(web.DateLayout, r.EndsOn, web.Prague)
		f.Add("starts_at", "session.outside_run", "Date", numericDay(start), "From", numericDay(from), "Until", numericDay(until))
	}
	if !EndsSameDay(start, ss.Minutes) {
		f.Add("minutes", "session.past_midnight", "Date", numericDay(start), "From", clock(start), "To", clock(end),
			"Minutes", ss.Minutes)
	}
	if err := f.Err(); err != nil {
		return err
	}
	cs, err := s.store.clashes(ctx, q, r.ID, ss.LecturerID, ss.ID, start, end)
	if err != nil {
		return err
	}
	if len(cs) > 0 {
		c := cs[0]
		key := "session.clash.lecturer"
		if c.RunID == r.ID && c.LecturerID != ss.LecturerID {
			key = "session.clash.run"
		}
		return web.Conflict(key, "Lecturer", c.LecturerName, "Course", c.CourseTitle, "Day", numericDay(c.Start()),
			"From", clock(c.Start()), "To", clock(c.End()))
	}
	return nil
}

// UpdateSession moves or changes a session under the same rules as adding one.
func (s *Service) UpdateSession(ctx context.Context, actor *web.Principal, id int64, in SessionInput, now time.Time) (Session, error) {
	if err := admin(actor); err != nil {
		return Session{}, err
	}
	in.Repeat = nil
	var out Session
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.store.Session(ctx, tx, id)
		if err != nil {
			return err
		}
		r, err := s.store.Run(ctx, tx, before.RunID)
		if err != nil {
			return err
		}
		starts, err := s.resolve(ctx, tx, r, in, before.Cancelled())
		if err != nil {
			return err
		}
		ss := before
		ss.StartsAt, ss.EndsAt = db.Stamp(starts[0]), db.Stamp(starts[0].Add(time.Duration(in.Minutes)*time.Minute))
		ss.Minutes, ss.Kind, ss.ModuleID, ss.Topic, ss.LecturerID = in.Minutes, in.Kind, in.ModuleID, strings.TrimSpace(in.Topic), in.LecturerID
		if err := s.placeable(ctx, tx, r, ss); err != nil {
			return err
		}
		if err := s.store.saveSession(ctx, tx, &ss); err != nil {
			return err
		}
		if out, err = s.store.Session(ctx, tx, id); err != nil {
			return err
		}
		if err := s.settle(ctx, tx, now, r.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "session.update", "run", r.ID, before, out)
	})
	return out, err
}

// CancelSession calls a session off with a reason; it stays in the schedule, struck through,
// and no longer counts.
func (s *Service) CancelSession(ctx context.Context, actor *web.Principal, id int64, reason string, now time.Time) (Session, error) {
	if err := admin(actor); err != nil {
		return Session{}, err
	}
	reason = web.Paragraphs(reason)
	var out Session
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.store.Session(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Cancelled() {
			return web.Conflict("session.cancelled_already")
		}
		if r, err := s.store.Run(ctx, tx, before.RunID); err != nil {
			return err
		} else if r.Status == StatusFinished {
			return web.Conflict("session.run_closed")
		}
		if !goodReason(reason) {
			var f web.Fields
			f.Add("reason", "run.cancel.reason_required")
			return f.Err()
		}
		ss := before
		at := db.Stamp(now)
		ss.CancelledAt, ss.CancelReason = &at, reason
		if err := s.store.saveSession(ctx, tx, &ss); err != nil {
			return err
		}
		if out, err = s.store.Session(ctx, tx, id); err != nil {
			return err
		}
		if err := s.settle(ctx, tx, now, before.RunID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "session.cancel", "run", before.RunID, before, out)
	})
	return out, err
}

// numericDay and clock format instants for messages the way both languages can read them:
// 3. 3. 2026 and 9:00 in Prague.
func numericDay(t time.Time) string {
	t = t.In(web.Prague)
	return fmt.Sprintf("%d. %d. %d", t.Day(), int(t.Month()), t.Year())
}

func clock(t time.Time) string {
	t = t.In(web.Prague)
	return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
}
