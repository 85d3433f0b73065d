package courses

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/web"
)

// Service holds the use cases of the catalog and the schedule. Changes are admins' work; each
// is validated, written in one transaction and recorded in the audit log.
type Service struct {
	db    *db.DB
	store *Store
	// Settle brings the kept completion of a run's enrolments in line after a change that
	// moves what they attended against: a session cancelled or changed, a run finished, a
	// course's hours changed. It runs inside the changing transaction, so completion is never
	// stale. Completion lives above this package (enrollment), so cmd plugs it in; nil does
	// nothing (tools and tests that have no enrolments).
	Settle func(ctx context.Context, q db.Querier, runID int64, now time.Time) error
}

// settle runs Settle for each run, when it is plugged in.
func (s *Service) settle(ctx context.Context, q db.Querier, now time.Time, runIDs ...int64) error {
	if s.Settle == nil {
		return nil
	}
	for _, id := range runIDs {
		if err := s.Settle(ctx, q, id, now); err != nil {
			return fmt.Errorf("courses: settle run %d: %w", id, err)
		}
	}
	return nil
}

// NewService returns the courses service over d.
func NewService(d *db.DB) *Service { return &Service{db: d, store: NewStore(d)} }

// Store gives read access for pages and other packages.
func (s *Service) Store() *Store { return s.store }

func (s *Service) record(ctx context.Context, tx *sqlx.Tx, now time.Time, actor *web.Principal, action, entity string,
	id int64, before, after any) error {
	var actorID int64
	if actor != nil {
		actorID = actor.ID
	}
	return audit.Record(ctx, tx, now, audit.Change{ActorID: actorID, Action: action, Entity: entity, EntityID: id,
		Before: before, After: after})
}

func admin(actor *web.Principal) error {
	if actor != nil && !actor.Has(web.RoleAdmin) {
		return web.Forbidden()
	}
	return nil
}

// SaveCourse creates (id 0) or changes a course; a new course may bring its first
// accreditation. actor nil is the command line.
func (s *Service) SaveCourse(ctx context.Context, actor *web.Principal, id int64, in CourseInput, now time.Time) (Course, error) {
	if err := admin(actor); err != nil {
		return Course{}, err
	}
	c := in.Course()
	c.ID = id
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var before *Course
		if id != 0 {
			old, err := s.store.Course(ctx, tx, id)
			if err != nil {
				return err
			}
			before = &old
		}
		f := c.Validate()
		if taken, err := s.store.codeTaken(ctx, tx, c.Code, id); err != nil {
			return err
		} else if taken {
			f.Add("code", "course.code.taken")
		}
		for _, p := range c.Prerequisites[:min(len(c.Prerequisites), MaxPrerequisites)] {
			if _, err := s.store.Course(ctx, tx, p); err != nil {
				f.Add("prerequisite_ids", "course.prerequisite.unknown")
			}
		}
		if id != 0 {
			if cycle, err := s.store.requires(ctx, tx, c.Prerequisites, id); err != nil {
				return err
			} else if cycle {
				f.Add("prerequisite_ids", "course.prerequisite.cycle") // nobody could ever start either course
			}
			if c.NeedsAccreditation() {
				if err := s.accreditedRuns(ctx, tx, id, &f); err != nil {
					return err
				}
			}
		}
		var acc Accreditation
		if in.Accreditation != nil {
			acc = in.Accreditation.Accreditation(c)
			for k, m := range acc.Validate() {
				f.Set("accreditation."+k, m)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := s.store.saveCourse(ctx, tx, &c, db.Stamp(now)); err != nil {
			return err
		}
		if in.Accreditation != nil {
			acc.CourseID = c.ID
			if err := s.store.insertAccreditation(ctx, tx, &acc); err != nil {
				return err
			}
			if err := s.record(ctx, tx, now, actor, "accreditation.create", "course", c.ID, nil, acc); err != nil {
				return err
			}
		}
		action := "course.create"
		if id != 0 {
			action = "course.update"
		}
		after, err := s.store.Course(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		c = after
		if before == nil {
			return s.record(ctx, tx, now, actor, action, "course", c.ID, nil, after)
		}
		// The hours, their length or the share required may have changed: every run of the
		// course measures against them.
		var runs []int64
		// Finished and cancelled runs stay as they ended: their results (and the certificates
		// standing on them) are records, not something a later change of the course rewrites.
		if err := tx.SelectContext(ctx, &runs, `SELECT id FROM runs WHERE course_id = ?
			AND status IN ('planned', 'open', 'running')`, c.ID); err != nil {
			return err
		}
		if err := s.settle(ctx, tx, now, runs...); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, action, "course", c.ID, *before, after)
	})
	return c, err
}

// AddAccreditation adds an accreditation to a course.
func (s *Service) AddAccreditation(ctx context.Context, actor *web.Principal, courseID int64, in AccreditInput, now time.Time) (Accreditation, error) {
	if err := admin(actor); err != nil {
		return Accreditation{}, err
	}
	var a Accreditation
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		c, err := s.store.Course(ctx, tx, courseID)
		if err != nil {
			return err
		}
		a = in.Accreditation(c)
		if err := a.Validate().Err(); err != nil {
			return err
		}
		if err := s.store.insertAccreditation(ctx, tx, &a); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "accreditation.create", "course", courseID, nil, a)
	})
	return a, err
}

// AddModule appends a module to a course's curriculum.
func (s *Service) AddModule(ctx context.Context, actor *web.Principal, m Module, now time.Time) (Module, error) {
	if err := admin(actor); err != nil {
		return Module{}, err
	}
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.store.Course(ctx, tx, m.CourseID); err != nil {
			return err
		}
		if err := m.Validate().Err(); err != nil {
			return err
		}
		if err := s.store.insertModule(ctx, tx, &m); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "module.create", "course", m.CourseID, nil, m)
	})
	return m, err
}

// DeleteModule removes a module; sessions that named it keep their topic.
func (s *Service) DeleteModule(ctx context.Context, actor *web.Principal, courseID, moduleID int64, now time.Time) error {
	if err := admin(actor); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ms, err := s.store.Modules(ctx, tx, courseID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ms, func(m Module) bool { return m.ID == moduleID })
		if i < 0 {
			return web.NotFound("module.not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM modules WHERE id = ?`, moduleID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "module.delete", "course", courseID, ms[i], nil)
	})
}

// accreditedRuns refuses to make a course accredited while some of its live runs start on a
// day no accreditation covers: they would stand in the catalog as accredited without being so.
func (s *Service) accreditedRuns(ctx context.Context, q db.Querier, courseID int64, f *web.Fields) error {
	accs, err := s.store.Accreditations(ctx, q, courseID)
	if err != nil {
		return err
	}
	starts, err := s.store.liveRunStarts(ctx, q, courseID)
	if err != nil {
		return err
	}
	for _, day := range starts {
		if _, ok := Applicable(accs, day); !ok {
			f.Add("kind", "course.kind.runs_unaccredited")
			return nil
		}
	}
	return nil
}

// runsOn counts the live runs of a course that stand on the accreditation accID: those whose
// first day it is the one that applies to.
func (s *Service) runsOn(ctx context.Context, q db.Querier, courseID int64, accs []Accreditation, accID int64) (int, error) {
	starts, err := s.store.liveRunStarts(ctx, q, courseID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, day := range starts {
		if a, ok := Applicable(accs, day); ok && a.ID == accID {
			n++
		}
	}
	return n, nil
}

// DeleteAccreditation removes a mistaken accreditation. One that a run stands on (not
// cancelled) stays: certificates print it. A corrected one added with the same validity
// applies instead, being the newer.
func (s *Service) DeleteAccreditation(ctx context.Context, actor *web.Principal, courseID, accID int64, now time.Time) error {
	if err := admin(actor); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		accs, err := s.store.Accreditations(ctx, tx, courseID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(accs, func(a Accreditation) bool { return a.ID == accID })
		if i < 0 {
			return ErrAccreditationNotFound
		}
		if n, err := s.runsOn(ctx, tx, courseID, accs, accID); err != nil {
			return err
		} else if n > 0 {
			return web.Conflict("accreditation.in_use")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM accreditations WHERE id = ?`, accID); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor, "accreditation.delete", "course", courseID, accs[i], nil)
	})
}
