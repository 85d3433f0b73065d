package supervision

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// decider loads a person about whose inactivity actor decides: an admin about anyone but
// themself, a coordinator about the trainees of their region (web.Principal.Decides).
func (s *Service) decider(ctx context.Context, q db.Querier, actor *web.Principal, id int64) (people.Person, error) {
	p, err := s.people.Get(ctx, q, id)
	if err != nil {
		return p, err
	}
	if !p.DecidedBy(actor) {
		if actor.Has(web.RoleCoordinator, web.RoleAdmin) || actor.ID == id {
			return people.Person{}, web.Forbidden()
		}
		return people.Person{}, people.ErrNotFound
	}
	return p, nil
}

// Decide makes a mentor inactive from a day, with a reason and an optional note. One decision
// stands at a time. The history gets its row in the same transaction when the day has come,
// on that day when it comes otherwise; the decision is audit-logged.
func (s *Service) Decide(ctx context.Context, actor *web.Principal, id int64, in DecisionInput, now time.Time) (Mentor, error) {
	day := today(now)
	in.normalize(day)
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.decider(ctx, tx, actor, id); err != nil {
			return err
		}
		last, err := s.settleIn(ctx, tx, id, now)
		if err != nil {
			return err
		}
		if d, err := standing(ctx, tx, id); err != nil {
			return err
		} else if d != nil {
			return web.Conflict("mentor_status.decided_already", "SinceDate", d.Since)
		}
		if err := in.validate(day, last).Err(); err != nil {
			return err
		}
		// A decision lifted on a later day than this one begins would overlap it.
		var overlap int
		if err := tx.GetContext(ctx, &overlap, `SELECT COUNT(*) FROM mentor_decisions WHERE person_id = ?
			AND lifted_on > ?`, id, in.Since); err != nil {
			return err
		}
		if overlap > 0 {
			return web.Conflict("mentor_status.overlap")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO mentor_decisions (person_id, reason, note, since, decided_by, decided_at)
			VALUES (?, ?, ?, ?, ?, ?)`, id, in.Reason, in.Note, in.Since, actor.ID, db.Stamp(now))
		if err != nil {
			return fmt.Errorf("supervision: decide about %d: %w", id, err)
		}
		decision, _ := res.LastInsertId()
		if _, err := s.settleIn(ctx, tx, id, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "mentor_status.decide", Entity: "person",
			EntityID: id, After: map[string]any{"decision": decision, "reason": in.Reason, "since": in.Since, "note": in.Note}})
	})
	if err != nil {
		return Mentor{}, err
	}
	return s.Mentor(ctx, actor, id, now)
}

// Lift ends the decision of inactivity that stands, from a day on: the status follows the
// facts again from then. The history gets its row as a decision's does; the lifting is
// audit-logged.
func (s *Service) Lift(ctx context.Context, actor *web.Principal, id int64, in LiftInput, now time.Time) (Mentor, error) {
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		_, d, on, err := s.liftable(ctx, tx, actor, id, in, now)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE mentor_decisions SET lifted_on = ?, lifted_by = ?, lifted_at = ?
			WHERE id = ? AND lifted_on IS NULL`, on, actor.ID, db.Stamp(now), d.ID); err != nil {
			return fmt.Errorf("supervision: lift %d: %w", d.ID, err)
		}
		if _, err := s.settleIn(ctx, tx, id, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "mentor_status.lift", Entity: "person",
			EntityID: id, Before: map[string]any{"decision": d.ID, "reason": d.Reason, "since": d.Since},
			After: map[string]any{"decision": d.ID, "lifted_on": on}})
	})
	if err != nil {
		return Mentor{}, err
	}
	return s.Mentor(ctx, actor, id, now)
}

// LiftPreview checks a lifting as Lift would and says what the status will be on its day, for
// the page that asks before it is done.
func (s *Service) LiftPreview(ctx context.Context, actor *web.Principal, id int64, in LiftInput, now time.Time) (
	p people.Person, d Decision, on string, after MentorStatus, err error) {
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if p, d, on, err = s.liftable(ctx, tx, actor, id, in, now); err != nil {
			return err
		}
		sts, err := s.states(ctx, tx, []int64{id})
		if err != nil {
			return err
		}
		f := sts[id].facts
		for i := range f.Decisions {
			if f.Decisions[i].ID == d.ID {
				f.Decisions[i].Lifted = on
			}
		}
		after = Derive(f.On(on), on).Status
		return nil
	})
	return p, d, on, after, err
}

// liftable finds the person and the decision that stands, and checks the day it is to end:
// not before it began, nor before the history's last change, nor far ahead.
func (s *Service) liftable(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, id int64, in LiftInput,
	now time.Time) (people.Person, Decision, string, error) {
	p, err := s.decider(ctx, tx, actor, id)
	if err != nil {
		return p, Decision{}, "", err
	}
	last, err := s.settleIn(ctx, tx, id, now)
	if err != nil {
		return p, Decision{}, "", err
	}
	d, err := standing(ctx, tx, id)
	if err != nil {
		return p, Decision{}, "", err
	}
	if d == nil {
		return p, Decision{}, "", web.Conflict("mentor_status.nothing_to_lift")
	}
	day := today(now)
	on := strings.TrimSpace(in.On)
	if on == "" {
		on = day
	}
	var f web.Fields
	if _, key := web.ParseDate(on); key == "" && on < d.Since {
		f.Add("on", "mentor_status.on.before_since", "SinceDate", d.Since)
	} else if key := decisionDay(on, day, last); key != "" {
		f.Add("on", key, "Date", last, "Months", MaxAheadMonths)
	}
	return p, *d, on, f.Err()
}

// standing reads the decision of inactivity that has not been lifted, nil for none.
func standing(ctx context.Context, q db.Querier, id int64) (*Decision, error) {
	var d Decision
	err := q.GetContext(ctx, &d, `SELECT d.id, d.reason, d.note, d.since, COALESCE(p.name, '') AS decided_by,
		d.decided_at, '' AS lifted_on, '' AS lifted_by FROM mentor_decisions d LEFT JOIN persons p ON p.id = d.decided_by
		WHERE d.person_id = ? AND d.lifted_on IS NULL ORDER BY d.id DESC LIMIT 1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("supervision: decision of %d: %w", id, err)
	}
	return &d, nil
}
