package supervision

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/people"
	"mentorlms/web"
)

// evalRecords reports whether actor records evaluations in region: an admin anywhere, a
// coordinator in their own region. region "" asks whether they record any at all.
func evalRecords(actor *web.Principal, region string) bool {
	if actor.Has(web.RoleAdmin) {
		return true
	}
	if region == "" {
		return actor.Has(web.RoleCoordinator) && actor.Region != ""
	}
	return actor.CoordinatesRegion(region)
}

// evalRegion is the region a reader of evaluations asks about: an admin any region or every
// one (""), a coordinator their own, which is also what asking for none gives them. Another
// region is forbidden.
func evalRegion(actor *web.Principal, region string) (string, error) {
	if actor.Has(web.RoleAdmin) {
		return region, nil
	}
	if region == "" && evalRecords(actor, "") {
		return actor.Region, nil
	}
	if region == "" || !actor.CoordinatesRegion(region) {
		return "", web.Forbidden()
	}
	return region, nil
}

// evalMentorOf reports whether the actor records evaluations of p: a trainee (a mentor) whom
// the actor decides about (an admin anyone else, a coordinator the mentors of their region who
// hold no staff role; nobody themself).
func evalMentorOf(actor *web.Principal, p people.Person) bool {
	return p.Has(web.RoleTrainee) && p.DecidedBy(actor)
}

// RecordEvaluation records a mentor's counts from one centre for one period, or corrects the
// record of the same mentor, centre and period; created reports a new record. The mentor must
// be one the actor records for (evalMentorOf) and the centre one of the mentor's region; the
// period must have begun. Bad input names the field and stores nothing; a correction keeps the
// record before and after in the audit log.
func (s *Service) RecordEvaluation(ctx context.Context, actor *web.Principal, in EvaluationInput,
	now time.Time) (Evaluation, bool, error) {
	if !evalRecords(actor, "") {
		return Evaluation{}, false, web.Forbidden()
	}
	f := in.Validate(now)
	var out Evaluation
	var created bool
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var person people.Person
		mentor := false
		if in.PersonID > 0 {
			p, err := s.people.Get(ctx, tx, in.PersonID)
			if err != nil && !errors.Is(err, people.ErrNotFound) {
				return err
			}
			person, mentor = p, err == nil && evalMentorOf(actor, p)
			if !mentor {
				f.Add("person_id", "evaluation.person.not_mentor")
			}
		}
		if in.CentreID > 0 {
			c, found, err := evalCentre(ctx, tx, in.CentreID)
			switch {
			case err != nil:
				return err
			case !found:
				f.Add("centre_id", "evaluation.centre.unknown")
			case mentor && c.Region != person.Region:
				f.Add("centre_id", "evaluation.centre.region")
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		period := EvalPeriod{Year: in.Year, N: in.Period}
		old, found, err := evalByKey(ctx, tx, in.PersonID, in.CentreID, period)
		if err != nil {
			return err
		}
		var id int64
		if found {
			id = old.ID
		}
		after := evalAudit{PersonID: in.PersonID, CentreID: in.CentreID, Year: in.Year, Period: in.Period,
			EvalCounts: in.EvalCounts}
		if found && old.EvalCounts == in.EvalCounts {
			out = old // the same again: nothing changes, nothing to log
			return nil
		}
		if id, err = s.evalWrite(ctx, tx, actor, id, old, after, now); err != nil {
			return err
		}
		created = !found
		out, _, err = evalByKey(ctx, tx, in.PersonID, in.CentreID, period)
		return err
	})
	return out, created, err
}

// evalWrite stores a record (new when id is 0, else a correction of old) and logs it in the
// same transaction.
func (s *Service) evalWrite(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, id int64, old Evaluation,
	after evalAudit, now time.Time) (int64, error) {
	newID, err := evalSave(ctx, tx, id, after, actor.ID, now)
	if err != nil {
		return 0, err
	}
	ch := audit.Change{ActorID: actor.ID, Action: "evaluation.create", Entity: "evaluation", EntityID: newID, After: after}
	if id != 0 {
		ch.Action = "evaluation.update"
		ch.Before = evalAudit{PersonID: old.PersonID, CentreID: old.CentreID, Year: old.Year, Period: old.Period,
			EvalCounts: old.EvalCounts}
	}
	return newID, audit.Record(ctx, tx, now, ch)
}

// Evaluations lists one page of the records the actor may see, and how many match: an admin
// any region's, a coordinator their own region's mentors' (EvalFilter.MentorsOf).
func (s *Service) Evaluations(ctx context.Context, actor *web.Principal, f EvalFilter) ([]Evaluation, int, error) {
	region, err := evalRegion(actor, f.Region)
	if err != nil {
		return nil, 0, err
	}
	f.Region = region
	if !actor.Has(web.RoleAdmin) {
		f.MentorsOf = actor.ID
	}
	return evalList(ctx, s.db.R, f)
}

// EvaluationReport sums the records of span per centre and region ("" for every region the
// actor may see; a coordinator sees their own). It names nobody, so it counts every record of
// the region, whoever entered it.
func (s *Service) EvaluationReport(ctx context.Context, actor *web.Principal, region string,
	span EvalSpan) (EvalReport, error) {
	region, err := evalRegion(actor, region)
	if err != nil {
		return EvalReport{}, err
	}
	lines, err := evalLines(ctx, s.db.R, region, span)
	if err != nil {
		return EvalReport{}, err
	}
	rep := EvalReport{Region: region, Span: span}
	rep.Regions, rep.Total = evalSummarize(lines)
	return rep, nil
}

// EvaluationMentor is a mentor the actor records evaluations of, with the PMS centres of the
// mentor's region; anyone else is not found, so that the form tells nothing about them.
func (s *Service) EvaluationMentor(ctx context.Context, actor *web.Principal, id int64) (people.Person,
	[]people.Centre, error) {
	p, err := s.people.Get(ctx, s.db.R, id)
	if err != nil {
		return p, nil, err
	}
	if !evalMentorOf(actor, p) {
		return people.Person{}, nil, people.ErrNotFound
	}
	centres, err := s.evalCentres(ctx, p.Region)
	return p, centres, err
}
