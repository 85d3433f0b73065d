package supervision

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Education is what the education page and API show of one person: each year's hours against
// its target, and the records they come from.
type Education struct {
	Person   people.Person
	Years    []Year
	Courses  []CompletedCourse
	Hours    []ExternalHours
	Jobs     []Job
	Absences []Absence
	// Enters reports whether the viewer may enter and correct the person's records, Approves
	// whether they may approve external hours (admins, of someone else).
	Enters, Approves bool
}

// seesEducation reports whether actor may see a person's continuing education and transcript:
// the person themself, an admin, or the coordinator of the person's region (of mentors, who
// hold no staff role: a coordinator sees no other staff, as on the people pages).
func seesEducation(actor *web.Principal, p people.Person) bool {
	return actor != nil && (actor.ID == p.ID || entersEducation(actor, p))
}

// entersEducation reports whether actor may enter a person's external hours, employment and
// absences: an admin, or the coordinator of the person's region.
func entersEducation(actor *web.Principal, p people.Person) bool {
	return actor.Has(web.RoleAdmin) || (actor.CoordinatesRegion(p.Region) && !p.Staff())
}

// educationPerson reads a person whose records actor may see (or, with write, enter); someone
// else's are forbidden, a person who does not exist is not found.
func (s *Service) educationPerson(ctx context.Context, q db.Querier, actor *web.Principal, id int64, write bool) (people.Person, error) {
	p, err := s.people.Get(ctx, q, id)
	if err != nil {
		return people.Person{}, err
	}
	if ok := seesEducation(actor, p); !ok || (write && !entersEducation(actor, p)) {
		return people.Person{}, web.Forbidden()
	}
	return p, nil
}

// thisYear is the calendar year of now in Prague.
func thisYear(now time.Time) int { return now.In(web.Prague).Year() }

// Education reads a person's continuing education as actor may see it, in a fixed number of
// queries.
func (s *Service) Education(ctx context.Context, actor *web.Principal, personID int64, now time.Time) (Education, error) {
	q := s.db.R
	p, err := s.educationPerson(ctx, q, actor, personID, false)
	if err != nil {
		return Education{}, err
	}
	ed := Education{Person: p, Enters: entersEducation(actor, p), Approves: actor.Has(web.RoleAdmin) && actor.ID != p.ID}
	if ed.Courses, err = completedCourses(ctx, q, p.ID); err != nil {
		return ed, err
	}
	if ed.Hours, err = externalHours(ctx, q, p.ID); err != nil {
		return ed, err
	}
	if ed.Jobs, err = jobsOf(ctx, q, p.ID); err != nil {
		return ed, err
	}
	if ed.Absences, err = absencesOf(ctx, q, p.ID); err != nil {
		return ed, err
	}
	ed.Years = educationYears(employmentOf(ed.Jobs, ed.Absences), ed.Courses, ed.Hours, s.YearlyHours, thisYear(now))
	return ed, nil
}

// hoursFor reads an entry of external hours and its person, as actor may see it (or, with
// write, correct it).
func (s *Service) hoursFor(ctx context.Context, q db.Querier, actor *web.Principal, id int64, write bool) (ExternalHours, people.Person, error) {
	x, err := hoursByID(ctx, q, id)
	if err != nil {
		return x, people.Person{}, err
	}
	p, err := s.educationPerson(ctx, q, actor, x.PersonID, write)
	return x, p, err
}

// Hours reads one entry of external hours that actor may see.
func (s *Service) Hours(ctx context.Context, actor *web.Principal, id int64) (ExternalHours, people.Person, error) {
	return s.hoursFor(ctx, s.db.R, actor, id, false)
}

// AddHours enters external hours of a person (the coordinator of their region or an admin);
// they await an admin's approval and count only once approved.
func (s *Service) AddHours(ctx context.Context, actor *web.Principal, personID int64, in HoursInput, now time.Time) (ExternalHours, error) {
	in.Normalize()
	var x ExternalHours
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.educationPerson(ctx, tx, actor, personID, true); err != nil {
			return err
		}
		if err := in.Validate(today(now)).Err(); err != nil {
			return err
		}
		id, err := insertHours(ctx, tx, personID, in, actor.ID, now)
		if err != nil {
			return err
		}
		if x, err = hoursByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.hours.add",
			Entity: "external_hours", EntityID: id, After: x})
	})
	return x, err
}

// UpdateHours corrects an entry that awaits approval; an approved one is locked (409).
func (s *Service) UpdateHours(ctx context.Context, actor *web.Principal, id int64, in HoursInput, now time.Time) (ExternalHours, error) {
	in.Normalize()
	var x ExternalHours
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, _, err := s.hoursFor(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if before.Approved() {
			return web.Conflict("education.hours.locked")
		}
		if err := in.Validate(today(now)).Err(); err != nil {
			return err
		}
		if done, err := updateHours(ctx, tx, id, in); err != nil || !done {
			return lockedUnless(err)
		}
		if x, err = hoursByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.hours.update",
			Entity: "external_hours", EntityID: id, Before: before, After: x})
	})
	return x, err
}

// DeleteHours deletes an entry that awaits approval; an approved one is locked (409).
func (s *Service) DeleteHours(ctx context.Context, actor *web.Principal, id int64, now time.Time) (ExternalHours, error) {
	var x ExternalHours
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if x, _, err = s.hoursFor(ctx, tx, actor, id, true); err != nil {
			return err
		}
		if x.Approved() {
			return web.Conflict("education.hours.locked")
		}
		if done, err := deleteHours(ctx, tx, id); err != nil || !done {
			return lockedUnless(err)
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.hours.delete",
			Entity: "external_hours", EntityID: id, Before: x})
	})
	return x, err
}

// lockedUnless is err, or the conflict of an entry approved under our feet when there is none.
func lockedUnless(err error) error {
	if err != nil {
		return err
	}
	return web.Conflict("education.hours.locked")
}

// ApproveHours approves an entry (admins only, not their own hours), which from then on
// counts toward the year's target and can no longer be changed.
func (s *Service) ApproveHours(ctx context.Context, actor *web.Principal, id int64, now time.Time) (ExternalHours, error) {
	if !actor.Has(web.RoleAdmin) {
		return ExternalHours{}, web.Forbidden()
	}
	var x ExternalHours
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := hoursByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.PersonID == actor.ID {
			return web.Forbidden() // one's own hours are another admin's to approve
		}
		if before.EnteredBy != nil && *before.EnteredBy == actor.ID {
			// Four eyes: who entered the hours does not also approve them.
			return web.Conflict("education.hours.entered_by_you")
		}
		if before.Approved() {
			return web.Conflict("education.hours.approved_already")
		}
		if done, err := approveHours(ctx, tx, id, actor.ID, now); err != nil || !done {
			return lockedUnless(err)
		}
		if x, err = hoursByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.hours.approve",
			Entity: "external_hours", EntityID: id, Before: before, After: x})
	})
	return x, err
}

// PendingHours lists a page of the external hours awaiting approval (admins only), the
// oldest first, with their number.
func (s *Service) PendingHours(ctx context.Context, actor *web.Principal, limit, offset int) ([]ExternalHours, int, error) {
	if !actor.Has(web.RoleAdmin) {
		return nil, 0, web.Forbidden()
	}
	return pendingHours(ctx, s.db.R, limit, offset)
}
