package people

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// Identification is one entry of a person's voluntary Roma self-identification: a statement
// given with explicit consent (Roma set, ConsentOn the day consent was given), or a withdrawal
// of consent (Roma nil, WithdrawnOn set), which erases the stated value from that day on.
// DOMAIN.md: special-category data, admins only, never a condition of anything.
type Identification struct {
	ID          int64  `db:"id" json:"id"`
	Roma        *bool  `db:"roma" json:"roma"`
	ConsentOn   string `db:"consent_on" json:"consent_on,omitempty"`
	WithdrawnOn string `db:"withdrawn_on" json:"withdrawn_on,omitempty"`
	RecordedBy  string `db:"recorded_by" json:"recorded_by"`
	CreatedAt   string `db:"created_at" json:"created_at"`
}

// Withdrawn reports whether the entry withdraws consent.
func (i Identification) Withdrawn() bool { return i.WithdrawnOn != "" }

// Erased reports whether the entry was a statement whose value a later withdrawal of consent
// erased.
func (i Identification) Erased() bool { return !i.Withdrawn() && i.Roma == nil }

// IsRoma reports whether the entry states Roma identity.
func (i Identification) IsRoma() bool { return i.Roma != nil && *i.Roma }

// Identifications is a person's self-identification: the statement in force (nil when none was
// given or consent was withdrawn) and the whole history, newest first.
type Identifications struct {
	Current *Identification  `json:"current"`
	History []Identification `json:"history"`
}

// IdentificationInput is what an admin enters: a statement with the person's explicit consent
// and its date, or a withdrawal of consent with its date.
type IdentificationInput struct {
	Roma        *bool  `json:"roma"`
	Consent     bool   `json:"consent"`
	ConsentOn   string `json:"consent_on"`
	Withdraw    bool   `json:"withdraw"`
	WithdrawnOn string `json:"withdrawn_on"`
}

// validate checks in against today and the statement in force.
func (in IdentificationInput) validate(today string, current *Identification) web.Fields {
	var f web.Fields
	date := func(field, v, required string) bool {
		switch {
		case v == "":
			f.Add(field, required)
		case !validDate(v):
			f.Add(field, "error.date.invalid")
		case v > today:
			f.Add(field, "evidence.future")
		default:
			return true
		}
		return false
	}
	if in.Withdraw {
		if in.Roma != nil || in.Consent || in.ConsentOn != "" {
			f.Add("withdraw", "identification.withdraw.mixed")
		}
		if current == nil {
			f.Add("withdraw", "identification.withdraw.nothing")
		}
		if date("withdrawn_on", in.WithdrawnOn, "identification.withdrawn_on.required") && current != nil &&
			in.WithdrawnOn < current.ConsentOn {
			f.Add("withdrawn_on", "identification.withdrawn_on.before_consent")
		}
		return f
	}
	if in.WithdrawnOn != "" {
		f.Add("withdrawn_on", "identification.withdraw.mixed")
	}
	if in.Roma == nil {
		f.Add("roma", "identification.roma.required")
	}
	// Consent is what makes the record lawful (GDPR Art. 9(2)(a)); without it nothing is kept.
	if !in.Consent {
		f.Add("consent", "identification.consent.required")
	}
	date("consent_on", in.ConsentOn, "identification.consent_on.required")
	return f
}

func validDate(v string) bool {
	_, key := web.ParseDate(v)
	return key == ""
}

// identificationAudit is what the audit log keeps of a change: the dates only. The stated
// value stays out of the append-only log, so a withdrawal really erases it going forward.
type identificationAudit struct {
	ConsentOn   string `json:"consent_on,omitempty"`
	WithdrawnOn string `json:"withdrawn_on,omitempty"`
}

// Identification shows a person's self-identification to an admin, and logs that it was viewed.
func (s *Service) Identification(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Identifications, error) {
	// An admin records a statement the person gave; nobody records their own (Decides).
	if !actor.Has(web.RoleAdmin) || actor.ID == id {
		return Identifications{}, web.Forbidden()
	}
	if _, err := s.store.Get(ctx, s.db.R, id); err != nil {
		return Identifications{}, err
	}
	var out Identifications
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if out, err = s.identifications(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "identification.view", id, nil, nil)
	})
	return out, err
}

// SetIdentification records, as an admin, a statement given with the person's explicit consent
// or the withdrawal of that consent. Earlier entries are kept with their dates, but a withdrawal
// erases the value from all of them; the change is audit-logged (dates only).
func (s *Service) SetIdentification(ctx context.Context, actor *web.Principal, id int64, in IdentificationInput, now time.Time) (Identifications, error) {
	// An admin records a statement the person gave; nobody records their own (Decides).
	if !actor.Has(web.RoleAdmin) || actor.ID == id {
		return Identifications{}, web.Forbidden()
	}
	if _, err := s.store.Get(ctx, s.db.R, id); err != nil {
		return Identifications{}, err
	}
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		cur, err := s.identifications(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := in.validate(now.In(web.Prague).Format(web.DateLayout), cur.Current).Err(); err != nil {
			return err
		}
		var roma, consentOn, withdrawnOn any
		if in.Withdraw {
			withdrawnOn = in.WithdrawnOn
		} else {
			roma, consentOn = *in.Roma, in.ConsentOn
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO identifications (person_id, roma, consent_on, withdrawn_on,
			recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`, id, roma, consentOn, withdrawnOn, actor.ID,
			db.Stamp(now)); err != nil {
			return err
		}
		if in.Withdraw {
			// Withdrawing consent erases the stated value itself, in every earlier entry too;
			// the dates of consent and withdrawal stay, as the proof of what was lawful when.
			if _, err := tx.ExecContext(ctx, `UPDATE identifications SET roma = NULL WHERE person_id = ?`, id); err != nil {
				return err
			}
		}
		var before any
		if c := cur.Current; c != nil {
			before = identificationAudit{ConsentOn: c.ConsentOn}
		}
		after := identificationAudit{WithdrawnOn: in.WithdrawnOn}
		if !in.Withdraw {
			after = identificationAudit{ConsentOn: in.ConsentOn}
		}
		return s.record(ctx, tx, now, actor.ID, "identification.update", id, before, after)
	})
	if err != nil {
		return Identifications{}, err
	}
	return s.identifications(ctx, s.db.R, id)
}

func (s *Service) identifications(ctx context.Context, q db.Querier, id int64) (Identifications, error) {
	out := Identifications{History: []Identification{}}
	if err := q.SelectContext(ctx, &out.History, `SELECT i.id, i.roma, COALESCE(i.consent_on, '') AS consent_on,
		COALESCE(i.withdrawn_on, '') AS withdrawn_on, COALESCE(p.name, '') AS recorded_by, i.created_at
		FROM identifications i LEFT JOIN persons p ON p.id = i.recorded_by
		WHERE i.person_id = ? ORDER BY i.id DESC`, id); err != nil {
		return out, err
	}
	// The newest entry decides: a statement is in force until a later withdrawal or statement.
	if len(out.History) > 0 && !out.History[0].Withdrawn() {
		cur := out.History[0]
		out.Current = &cur
	}
	return out, nil
}
