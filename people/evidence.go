package people

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// RecordCheck is what is kept of an extract from the criminal record: never the document, only
// when it was issued, whether it was clean, and who verified it when.
type RecordCheck struct {
	ID         int64  `db:"id" json:"id"`
	IssuedOn   string `db:"issued_on" json:"issued_on"`
	Clean      bool   `db:"clean" json:"clean"`
	VerifiedOn string `db:"verified_on" json:"verified_on"`
	VerifiedBy string `db:"verified_by" json:"verified_by"`
}

// Evidence is a person's eligibility evidence with its history, newest first.
type Evidence struct {
	RecordChecks []RecordCheck `json:"record_checks"`
	// PurgedCheckOn is the day the newest extract whose facts were deleted at the end of the
	// re-check period was issued, "" when none was.
	PurgedCheckOn string   `json:"purged_check_issued_on,omitempty"`
	Pledges       []string `json:"pledges_signed_on"`
}

// EvidenceInput is what staff enter: a new record check, a pledge date, or both.
type EvidenceInput struct {
	RecordCheck    *RecordCheckInput `json:"record_check"`
	PledgeSignedOn string            `json:"pledge_signed_on"`
}

// RecordCheckInput is what staff type from an extract of the criminal record.
type RecordCheckInput struct {
	IssuedOn   string `json:"issued_on"`
	Clean      *bool  `json:"clean"`
	VerifiedOn string `json:"verified_on"`
}

// validate checks the dates: none in the future, verified not before issued.
func (in EvidenceInput) validate(today string) web.Fields {
	var f web.Fields
	past := func(field, v string) bool {
		if _, key := web.ParseDate(v); key != "" {
			f.Add(field, key)
			return false
		}
		if v > today {
			f.Add(field, "evidence.future")
			return false
		}
		if v < "1990-01-01" { // the program began in 2004; anything this old is a typing mistake
			f.Add(field, "evidence.too_old")
			return false
		}
		return true
	}
	if in.RecordCheck == nil && in.PledgeSignedOn == "" {
		f.Add("record_check", "evidence.empty")
	}
	if rc := in.RecordCheck; rc != nil {
		okIssued := past("record_check.issued_on", rc.IssuedOn)
		okVerified := past("record_check.verified_on", rc.VerifiedOn)
		if okIssued && okVerified && rc.VerifiedOn < rc.IssuedOn {
			f.Add("record_check.verified_on", "evidence.verified_before_issued")
		}
		if rc.Clean == nil {
			f.Add("record_check.clean", "evidence.clean.required")
		}
	}
	if in.PledgeSignedOn != "" {
		past("pledge_signed_on", in.PledgeSignedOn)
	}
	return f
}

// SetEvidence records new evidence on a person. Record checks are entered by staff who decide
// about the person (an admin, or the coordinator of a trainee's region; never the person
// themself), a pledge by an admin; history is kept and the change is audit-logged.
func (s *Service) SetEvidence(ctx context.Context, actor *web.Principal, id int64, in EvidenceInput, now time.Time) (Evidence, error) {
	p, err := s.store.Get(ctx, s.db.R, id)
	if err != nil {
		return Evidence{}, err
	}
	if !p.DecidedBy(actor) || (in.PledgeSignedOn != "" && !actor.Has(web.RoleAdmin)) {
		return Evidence{}, web.Forbidden()
	}
	if err := in.validate(now.In(web.Prague).Format(web.DateLayout)).Err(); err != nil {
		return Evidence{}, err
	}
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if rc := in.RecordCheck; rc != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO record_checks (person_id, issued_on, clean, verified_on,
				verified_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`, id, rc.IssuedOn, *rc.Clean, rc.VerifiedOn, actor.ID,
				db.Stamp(now)); err != nil {
				return err
			}
		}
		if in.PledgeSignedOn != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO pledges (person_id, signed_on, recorded_by, created_at)
				VALUES (?, ?, ?, ?)`, id, in.PledgeSignedOn, actor.ID, db.Stamp(now)); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, now, actor.ID, "evidence.update", id, nil, in)
	})
	if err != nil {
		return Evidence{}, err
	}
	return s.evidence(ctx, s.db.R, id)
}

// Evidence shows a person's evidence to staff who decide about them, and logs that it was
// viewed: criminal-record facts are sensitive.
func (s *Service) Evidence(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Evidence, error) {
	p, err := s.store.Get(ctx, s.db.R, id)
	if err != nil {
		return Evidence{}, err
	}
	if !p.DecidedBy(actor) {
		return Evidence{}, web.Forbidden()
	}
	var ev Evidence
	err = s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		if ev, err = s.evidence(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "evidence.view", id, nil, nil)
	})
	return ev, err
}

func (s *Service) evidence(ctx context.Context, q db.Querier, id int64) (Evidence, error) {
	ev := Evidence{RecordChecks: []RecordCheck{}, Pledges: []string{}}
	if err := q.SelectContext(ctx, &ev.RecordChecks, `SELECT r.id, r.issued_on, r.clean, r.verified_on,
		COALESCE(p.name, '') AS verified_by FROM record_checks r LEFT JOIN persons p ON p.id = r.verified_by
		WHERE r.person_id = ? ORDER BY r.issued_on DESC, r.id DESC`, id); err != nil {
		return ev, err
	}
	if err := q.GetContext(ctx, &ev.PurgedCheckOn, `SELECT COALESCE(record_checked_on, '') FROM persons WHERE id = ?`, id); err != nil {
		return ev, err
	}
	err := q.SelectContext(ctx, &ev.Pledges, `SELECT signed_on FROM pledges WHERE person_id = ? ORDER BY signed_on DESC, id DESC`, id)
	return ev, err
}
