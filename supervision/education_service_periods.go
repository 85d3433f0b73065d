package supervision

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/web"
)

// A person's periods of employment and absences are entered and corrected by the coordinator
// of their region or an admin, each change audit-logged; they set the yearly target.

// Job reads a period of employment whose person actor may enter records of.
func (s *Service) Job(ctx context.Context, actor *web.Principal, id int64) (Job, error) {
	j, err := jobByID(ctx, s.db.R, id)
	if err != nil {
		return j, err
	}
	_, err = s.educationPerson(ctx, s.db.R, actor, j.PersonID, true)
	return j, err
}

// SaveJob enters a period of employment of a person (id 0) or corrects one (the person is then
// the job's). Periods of one person may not overlap.
func (s *Service) SaveJob(ctx context.Context, actor *web.Principal, personID, id int64, in JobInput, now time.Time) (Job, error) {
	in.Normalize()
	var j Job
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var before any // nil for a new one, so that the log shows no "before"
		if id != 0 {
			b, err := jobByID(ctx, tx, id)
			if err != nil {
				return err
			}
			before, personID = b, b.PersonID
		}
		if _, err := s.educationPerson(ctx, tx, actor, personID, true); err != nil {
			return err
		}
		f := in.Validate(today(now))
		if len(f) == 0 {
			others, err := jobsOf(ctx, tx, personID)
			if err != nil {
				return err
			}
			for _, o := range others {
				if o.ID != id && periodsOverlap(in.From, emptyAsNull(in.Until), o.From, o.Until) {
					f.Add("from", "education.employment.overlap", "FromDate", o.From)
				}
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		action := "education.employment.update"
		if id == 0 {
			action = "education.employment.add"
			var err error
			if id, err = insertJob(ctx, tx, personID, in, actor.ID, now); err != nil {
				return err
			}
		} else if err := updateJob(ctx, tx, id, in); err != nil {
			return err
		}
		var err error
		if j, err = jobByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: action, Entity: "employment",
			EntityID: id, Before: before, After: j})
	})
	return j, err
}

// DeleteJob deletes a period of employment entered by mistake.
func (s *Service) DeleteJob(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Job, error) {
	var j Job
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if j, err = jobByID(ctx, tx, id); err != nil {
			return err
		}
		if _, err := s.educationPerson(ctx, tx, actor, j.PersonID, true); err != nil {
			return err
		}
		if err := deletePeriodRow(ctx, tx, "employments", id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.employment.delete",
			Entity: "employment", EntityID: id, Before: j})
	})
	return j, err
}

// Absence reads an absence whose person actor may enter records of.
func (s *Service) Absence(ctx context.Context, actor *web.Principal, id int64) (Absence, error) {
	a, err := absenceByID(ctx, s.db.R, id)
	if err != nil {
		return a, err
	}
	_, err = s.educationPerson(ctx, s.db.R, actor, a.PersonID, true)
	return a, err
}

// SaveAbsence enters an absence of a person (id 0) or corrects one (the person is then the
// absence's).
func (s *Service) SaveAbsence(ctx context.Context, actor *web.Principal, personID, id int64, in AbsenceInput, now time.Time) (Absence, error) {
	in.Normalize()
	var a Absence
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var before any
		if id != 0 {
			b, err := absenceByID(ctx, tx, id)
			if err != nil {
				return err
			}
			before, personID = b, b.PersonID
		}
		if _, err := s.educationPerson(ctx, tx, actor, personID, true); err != nil {
			return err
		}
		if err := in.Validate(today(now)).Err(); err != nil {
			return err
		}
		action := "education.absence.update"
		if id == 0 {
			action = "education.absence.add"
			var err error
			if id, err = insertAbsence(ctx, tx, personID, in, actor.ID, now); err != nil {
				return err
			}
		} else if err := updateAbsence(ctx, tx, id, in); err != nil {
			return err
		}
		var err error
		if a, err = absenceByID(ctx, tx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: action, Entity: "absence",
			EntityID: id, Before: before, After: a})
	})
	return a, err
}

// DeleteAbsence deletes an absence entered by mistake.
func (s *Service) DeleteAbsence(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Absence, error) {
	var a Absence
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if a, err = absenceByID(ctx, tx, id); err != nil {
			return err
		}
		if _, err := s.educationPerson(ctx, tx, actor, a.PersonID, true); err != nil {
			return err
		}
		if err := deletePeriodRow(ctx, tx, "absences", id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "education.absence.delete",
			Entity: "absence", EntityID: id, Before: a})
	})
	return a, err
}
