package enrollment

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Service holds the use cases of enrolment. Every change runs in one write transaction; the
// single writer connection with BEGIN IMMEDIATE serialises them, so counting free seats and
// taking one cannot interleave with another request doing the same.
type Service struct {
	db      *db.DB
	courses *courses.Store
	people  *people.Store
	// RecordMaxAge is how many days old a record extract may be when approving.
	RecordMaxAge int
	// CheckinKey signs the codes of self check-in; without it nobody can check in.
	CheckinKey []byte
}

// NewService returns the enrolment service over d.
func NewService(d *db.DB) *Service {
	return &Service{db: d, courses: courses.NewStore(d), people: people.NewStore(d), RecordMaxAge: DefaultRecordMaxAge}
}

// staffFor reports whether actor decides about person (web.Principal.Decides): an admin, or
// the coordinator of a trainee's region, never the person themself.
func staffFor(actor *web.Principal, p people.Person) bool { return p.DecidedBy(actor) }

// facts gathers what the rules need about a person and a run.
func (s *Service) facts(ctx context.Context, q db.Querier, p people.Person, r courses.Run, self int64, now time.Time) (Facts, error) {
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return Facts{}, err
	}
	// A run takes applications while it is open and has not begun, whatever its status says.
	open := r.Status == courses.StatusOpen && courses.PragueDay(now) < r.StartsOn
	f := Facts{BirthDate: p.BirthDate, MinAge: c.MinAge, RunStartsOn: r.StartsOn, RunOpen: open,
		RecordMaxAge: s.RecordMaxAge}
	var rc []struct {
		IssuedOn   string `db:"issued_on"`
		Clean      bool   `db:"clean"`
		VerifiedOn string `db:"verified_on"`
	}
	if err := q.SelectContext(ctx, &rc, `SELECT issued_on, clean, verified_on FROM record_checks
		WHERE person_id = ? ORDER BY issued_on DESC, id DESC LIMIT 1`, p.ID); err != nil {
		return Facts{}, err
	}
	if len(rc) == 1 {
		f.Record = &RecordCheck{IssuedOn: rc[0].IssuedOn, Clean: rc[0].Clean, VerifiedOn: rc[0].VerifiedOn}
	}
	for _, pre := range c.Prerequisites {
		pc, err := s.courses.Course(ctx, q, pre)
		if err != nil {
			return Facts{}, err
		}
		var n int
		if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM enrollments e JOIN runs r ON r.id = e.run_id
			WHERE e.person_id = ? AND r.course_id = ? AND e.completed_at IS NOT NULL`, p.ID, pre); err != nil {
			return Facts{}, err
		}
		f.Prerequisites = append(f.Prerequisites, Prerequisite{Title: pc.Title, Completed: n > 0})
	}
	var n int
	if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM enrollments WHERE run_id = ? AND person_id = ? AND id <> ?
		AND status IN ('pending', 'enrolled', 'waitlisted')`, r.ID, p.ID, self); err != nil {
		return Facts{}, err
	}
	f.AlreadyApplied = n > 0
	return f, nil
}

// Eligibility evaluates the rules for a person and a run on day, for the person themself or
// for staff who decide about them.
func (s *Service) Eligibility(ctx context.Context, actor *web.Principal, personID, runID int64, now time.Time) ([]Outcome, error) {
	p, err := s.people.Get(ctx, s.db.R, personID)
	if err != nil {
		return nil, err
	}
	if actor.ID != personID && !staffFor(actor, p) {
		return nil, web.Forbidden()
	}
	if runID <= 0 {
		return nil, web.BadRequest("error.query.id", "Name", "run")
	}
	r, err := s.courses.Run(ctx, s.db.R, runID)
	if err != nil {
		return nil, err
	}
	f, err := s.facts(ctx, s.db.R, p, r, 0, now)
	if err != nil {
		return nil, err
	}
	if err := s.logViewed(ctx, actor, []int64{personID}, now); err != nil {
		return nil, err
	}
	return Evaluate(f, now), nil
}

// failing turns the rules that do not hold into an invalid error, one field per rule. Only
// staff deciding about someone else are refused this way, so it speaks of the person.
func failing(out []Outcome) error {
	var f web.Fields
	for _, o := range Voiced(out, true) {
		if !o.OK {
			f.Set(o.Rule, o.Reason)
		}
	}
	return f.Err()
}

// Apply files an application of person for run. A trainee applying for themself gets a
// pending application that their coordinator approves; an admin or the person's coordinator
// enrolling someone approves it at once. Applying to a run that is not open, or twice, is a
// conflict; an approval of someone who does not meet the rules is refused listing them.
func (s *Service) Apply(ctx context.Context, actor *web.Principal, runID, personID int64, now time.Time) (Enrollment, []Outcome, error) {
	var e Enrollment
	var out []Outcome
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		p, err := s.people.Get(ctx, tx, personID)
		if err != nil {
			return err
		}
		staff := staffFor(actor, p)
		if !staff && !(actor.ID == personID && actor.Has(web.RoleTrainee)) {
			return web.Forbidden()
		}
		r, err := s.courses.Run(ctx, tx, runID)
		if err != nil {
			return err
		}
		f, err := s.facts(ctx, tx, p, r, 0, now)
		if err != nil {
			return err
		}
		if !f.RunOpen {
			return web.Conflict("enrollment.run_not_open")
		}
		if f.AlreadyApplied {
			return web.Conflict("enrollment.twice")
		}
		out = Evaluate(f, now)
		status := Pending
		if staff {
			if err := failing(out); err != nil {
				return err
			}
			if err := s.fill(ctx, tx, r, now); err != nil {
				return err
			}
			if status, err = place(ctx, tx, r); err != nil {
				return err
			}
		}
		rules, _ := json.Marshal(out)
		ts := db.Stamp(now)
		res, err := tx.ExecContext(ctx, `INSERT INTO enrollments (run_id, person_id, status, rules, created_at, updated_at,
			decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, runID, personID, status, string(rules), ts, ts,
			decided(status, ts), decider(status, actor))
		if err != nil {
			return fmt.Errorf("enrollment: apply %d to %d: %w", personID, runID, err)
		}
		id, _ := res.LastInsertId()
		if e, err = Get(ctx, tx, id); err != nil {
			return err
		}
		if status != Pending {
			if err := s.tell(ctx, tx, e, r, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "enrollment.apply", Entity: "enrollment",
			EntityID: e.ID, After: e})
	})
	// Staff are shown every rule's outcome, the record check among them, whether the apply
	// succeeds (the response lists them) or is refused listing the failing ones.
	if (err == nil && e.Status != Pending) || shownRules(err) {
		if lerr := s.logViewed(ctx, actor, []int64{personID}, now); lerr != nil {
			return e, out, lerr
		}
	}
	return e, out, err
}

func decided(st Status, ts string) any {
	if st == Pending {
		return nil
	}
	return ts
}

func decider(st Status, actor *web.Principal) any {
	if st == Pending {
		return nil
	}
	return actor.ID
}

// place decides where an approved applicant goes: a seat while one is free and nobody waits
// for it, else the end of the waitlist. It runs inside the approving transaction, which holds
// the write lock.
func place(ctx context.Context, q db.Querier, r courses.Run) (Status, error) {
	var row struct {
		Taken   int `db:"taken"`
		Waiting int `db:"waiting"`
	}
	if err := q.GetContext(ctx, &row, `SELECT
		(SELECT COUNT(*) FROM enrollments WHERE run_id = ? AND status = 'enrolled') AS taken,
		(SELECT COUNT(*) FROM enrollments WHERE run_id = ? AND status = 'waitlisted') AS waiting`, r.ID, r.ID); err != nil {
		return "", err
	}
	if row.Taken < r.Capacity && row.Waiting == 0 {
		return Enrolled, nil
	}
	return Waitlisted, nil
}
