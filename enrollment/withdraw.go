package enrollment

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/web"
)

// Withdraw takes an application back, by the person or by staff who decide about them. A seat
// it frees goes, in the same transaction, to the first on the waitlist — until the run starts —
// and that person is told so.
func (s *Service) Withdraw(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Enrollment, error) {
	var e Enrollment
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, r, err := s.withdrawing(ctx, tx, actor, id, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = 'withdrawn', updated_at = ? WHERE id = ?`,
			db.Stamp(now), id); err != nil {
			return err
		}
		if e, err = Get(ctx, tx, id); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "enrollment.withdraw", Entity: "enrollment",
			EntityID: e.ID, Before: before, After: e}); err != nil {
			return err
		}
		if before.Status == Enrolled && notStarted(r, now) {
			return s.promote(ctx, tx, r, now)
		}
		return nil
	})
	return e, err
}

// withdrawing checks a withdrawal without making it: the person themself or staff who decide
// about them, an application still active, a run not over.
func (s *Service) withdrawing(ctx context.Context, q db.Querier, actor *web.Principal, id int64, now time.Time) (Enrollment, courses.Run, error) {
	before, err := Get(ctx, q, id)
	if err != nil {
		return before, courses.Run{}, err
	}
	p, err := s.people.Get(ctx, q, before.PersonID)
	if err != nil {
		return before, courses.Run{}, err
	}
	if actor.ID != p.ID && !staffFor(actor, p) {
		if actor.Has(web.RoleCoordinator) {
			return before, courses.Run{}, web.Forbidden()
		}
		return before, courses.Run{}, ErrNotFound
	}
	if before.Status != Pending && before.Status != Enrolled && before.Status != Waitlisted {
		return before, courses.Run{}, web.Conflict("enrollment.not_active")
	}
	r, err := s.courses.Run(ctx, q, before.RunID)
	if err != nil {
		return before, r, err
	}
	return before, r, withdrawable(ctx, q, r, id, now)
}

// WithdrawOutlook is what a withdrawal would do, for its confirmation page.
type WithdrawOutlook struct {
	Enrollment Enrollment
	Run        courses.Listing
	// Promoted is who would get the freed seat: the first on the waitlist, when the seat is
	// one and the run has not started; nil when nobody.
	Promoted *Enrollment
	// Waiting is how many wait for a seat.
	Waiting int
}

// WithdrawPreview checks a withdrawal as Withdraw would and says what it would do.
func (s *Service) WithdrawPreview(ctx context.Context, actor *web.Principal, id int64, now time.Time) (WithdrawOutlook, error) {
	q := s.db.R
	e, r, err := s.withdrawing(ctx, q, actor, id, now)
	if err != nil {
		return WithdrawOutlook{}, err
	}
	l, err := s.courses.Listing(ctx, r.ID)
	if err != nil {
		return WithdrawOutlook{}, err
	}
	out := WithdrawOutlook{Enrollment: e, Run: l}
	var waiting []Enrollment
	if err := q.SelectContext(ctx, &waiting, selectEnrollment+` WHERE e.run_id = ? AND e.status = 'waitlisted' ORDER BY e.id`,
		r.ID); err != nil {
		return out, err
	}
	out.Waiting = len(waiting)
	if e.Status == Enrolled && notStarted(r, now) && len(waiting) > 0 {
		out.Promoted = &waiting[0]
	}
	return out, nil
}

// withdrawable refuses a withdrawal that would rewrite what happened: once the run is over
// (past its last day, finished or cancelled) or the person has completed it, the enrolment is a
// record, and a certificate may stand on it.
func withdrawable(ctx context.Context, q db.Querier, r courses.Run, id int64, now time.Time) error {
	var completed int
	if err := q.GetContext(ctx, &completed, `SELECT COUNT(*) FROM enrollments WHERE id = ? AND completed_at IS NOT NULL`, id); err != nil {
		return err
	}
	if key := withdrawRefusal(r.Status, r.EndsOn, completed > 0, courses.PragueDay(now)); key != "" {
		return web.Conflict(key)
	}
	return nil
}

// withdrawRefusal is the one rule of withdrawable and Application.Withdrawable: the catalog key
// of why an active application can no longer be withdrawn on today, "" when it can.
func withdrawRefusal(runStatus courses.Status, endsOn string, completed bool, today string) string {
	switch {
	case runStatus == courses.StatusFinished || runStatus == courses.StatusCancelled || today > endsOn:
		return "enrollment.withdraw.over"
	case completed:
		return "enrollment.withdraw.complete"
	}
	return ""
}

// notStarted reports whether a run still hands freed seats to its waitlist: it is planned or
// open and its first day has not come.
func notStarted(r courses.Run, now time.Time) bool {
	return (r.Status == courses.StatusOpen || r.Status == courses.StatusPlanned) && courses.PragueDay(now) < r.StartsOn
}

// fill gives seats that are free while people wait (a raised capacity) to the waitlist before
// anyone new is placed, so that nobody is overtaken. Once the run has begun, seats stay free.
func (s *Service) fill(ctx context.Context, tx *sqlx.Tx, r courses.Run, now time.Time) error {
	if !notStarted(r, now) {
		return nil
	}
	return s.promote(ctx, tx, r, now)
}

// promote gives free seats to the waitlist in arrival order and tells each promoted person.
func (s *Service) promote(ctx context.Context, tx *sqlx.Tx, r courses.Run, now time.Time) error {
	for {
		var taken int
		if err := tx.GetContext(ctx, &taken, `SELECT COUNT(*) FROM enrollments WHERE run_id = ? AND status = 'enrolled'`, r.ID); err != nil {
			return err
		}
		if taken >= r.Capacity {
			return nil
		}
		var next []Enrollment
		if err := tx.SelectContext(ctx, &next, selectEnrollment+` WHERE e.run_id = ? AND e.status = 'waitlisted'
			ORDER BY e.id LIMIT 1`, r.ID); err != nil {
			return err
		}
		if len(next) == 0 {
			return nil
		}
		w := next[0]
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = 'enrolled', updated_at = ? WHERE id = ?`,
			db.Stamp(now), w.ID); err != nil {
			return err
		}
		c, err := s.courses.Course(ctx, tx, r.CourseID)
		if err != nil {
			return err
		}
		if _, err := reminders.Enqueue(ctx, tx, now, reminders.Message{Key: fmt.Sprintf("seat-freed:%d", w.ID),
			PersonID: w.PersonID, Kind: "seat_freed", Args: map[string]any{"Course": c.Title, "Date": r.StartsOn},
			Link: fmt.Sprintf("/runs/%d", r.ID)}); err != nil {
			return err
		}
		after := w
		after.Status = Enrolled
		if err := audit.Record(ctx, tx, now, audit.Change{Action: "enrollment.promote", Entity: "enrollment", EntityID: w.ID,
			Before: w, After: after}); err != nil {
			return err
		}
	}
}
