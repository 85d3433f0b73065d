package enrollment

import (
	"context"
	"encoding/json"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Approve decides a pending application: the rules are evaluated again now, and the person
// gets a seat if one is free, else a place on the waitlist.
func (s *Service) Approve(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Enrollment, []Outcome, error) {
	var e Enrollment
	var out []Outcome
	var personID int64
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, p, r, err := s.load(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		personID = p.ID
		if before.Status != Pending {
			return web.Conflict("enrollment.not_pending")
		}
		f, err := s.facts(ctx, tx, p, r, id, now)
		if err != nil {
			return err
		}
		out = Evaluate(f, now)
		if err := failing(out); err != nil {
			return err
		}
		if err := s.fill(ctx, tx, r, now); err != nil {
			return err
		}
		status, err := place(ctx, tx, r)
		if err != nil {
			return err
		}
		rules, _ := json.Marshal(out)
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = ?, rules = ?, decided_at = ?, decided_by = ?,
			updated_at = ? WHERE id = ?`, status, string(rules), db.Stamp(now), actor.ID, db.Stamp(now), id); err != nil {
			return err
		}
		if e, err = Get(ctx, tx, id); err != nil {
			return err
		}
		if err := s.tell(ctx, tx, e, r, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "enrollment.approve", Entity: "enrollment",
			EntityID: e.ID, Before: before, After: e})
	})
	if err == nil || shownRules(err) { // approving shows every rule's outcome as well
		if lerr := s.logViewed(ctx, actor, []int64{personID}, now); lerr != nil {
			return e, out, lerr
		}
	}
	return e, out, err
}

// load reads an enrolment with its person and run, for staff who decide about the person.
func (s *Service) load(ctx context.Context, q db.Querier, actor *web.Principal, id int64) (Enrollment, people.Person, courses.Run, error) {
	e, err := Get(ctx, q, id)
	if err != nil {
		return e, people.Person{}, courses.Run{}, err
	}
	p, err := s.people.Get(ctx, q, e.PersonID)
	if err != nil {
		return e, p, courses.Run{}, err
	}
	if !staffFor(actor, p) {
		if actor.ID == p.ID || actor.Has(web.RoleCoordinator) {
			return e, p, courses.Run{}, web.Forbidden()
		}
		return e, p, courses.Run{}, ErrNotFound
	}
	r, err := s.courses.Run(ctx, q, e.RunID)
	return e, p, r, err
}

// Reject turns a pending application down with a reason the person will read.
func (s *Service) Reject(ctx context.Context, actor *web.Principal, id int64, reason string, now time.Time) (Enrollment, error) {
	reason = web.Paragraphs(reason)
	var e Enrollment
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, _, r, err := s.load(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if before.Status != Pending {
			return web.Conflict("enrollment.not_pending")
		}
		if reason == "" || utf8.RuneCountInString(reason) > 500 || !web.CleanParagraphs(reason) {
			var f web.Fields
			f.Add("reason", "enrollment.reason.required")
			return f.Err()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = 'rejected', reason = ?, decided_at = ?,
			decided_by = ?, updated_at = ? WHERE id = ?`, reason, db.Stamp(now), actor.ID, db.Stamp(now), id); err != nil {
			return err
		}
		if e, err = Get(ctx, tx, id); err != nil {
			return err
		}
		if err := s.tell(ctx, tx, e, r, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "enrollment.reject", Entity: "enrollment",
			EntityID: e.ID, Before: before, After: e})
	})
	return e, err
}
