package supervision

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// RegionInterval is a region's interval between supervisions.
type RegionInterval struct {
	Region string `db:"code" json:"region"`
	Name   string `db:"name" json:"name"`
	Months int    `db:"months" json:"months"`
	// Set tells a region's own choice from the default.
	Set bool `db:"set" json:"set"`
}

// intervals reads the interval of every region (region "" ) or of one.
func intervals(ctx context.Context, q db.Querier, region string) ([]RegionInterval, error) {
	var out []RegionInterval
	err := q.SelectContext(ctx, &out, `
		SELECT g.code, g.name, COALESCE(i.months, ?) AS months, i.months IS NOT NULL AS "set"
		FROM regions g LEFT JOIN supervision_intervals i ON i.region_code = g.code
		WHERE ? = '' OR g.code = ? ORDER BY g.code`, DefaultInterval, region, region)
	return out, err
}

// Intervals lists the regions' intervals that actor may see and set: every region's for an
// admin, their own for a coordinator.
func (s *Service) Intervals(ctx context.Context, actor *web.Principal) ([]RegionInterval, error) {
	switch {
	case actor.Has(web.RoleAdmin):
		return intervals(ctx, s.db.R, "")
	case actor.Has(web.RoleCoordinator) && actor.Region != "":
		return intervals(ctx, s.db.R, actor.Region)
	}
	return nil, web.Forbidden()
}

// SetInterval sets a region's interval, 1 or 2 months: its coordinator or an admin.
func (s *Service) SetInterval(ctx context.Context, actor *web.Principal, region string, months int, now time.Time) error {
	region = strings.ToUpper(strings.TrimSpace(region))
	if !mayRun(actor, region) {
		return web.Forbidden()
	}
	var f web.Fields
	if !ValidInterval(months) {
		f.Add("months", "supervision.interval.invalid")
		return f.Err()
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		// An empty code would read every region's interval (see intervals); it names none.
		before, err := intervals(ctx, tx, region)
		if err != nil {
			return err
		}
		if region == "" || len(before) == 0 {
			return web.NotFound("supervision.region.unknown")
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO supervision_intervals (region_code, months, set_by, set_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (region_code) DO UPDATE SET months = excluded.months, set_by = excluded.set_by,
			set_at = excluded.set_at`, region, months, actor.ID, db.Stamp(now)); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "supervision.interval",
			Entity: "region", Before: map[string]any{"region": region, "months": before[0].Months},
			After: map[string]any{"region": region, "months": months}})
	})
}

// Override is one mentor's own interval and why.
type Override struct {
	Months int    `db:"months" json:"months"`
	Reason string `db:"reason" json:"reason"`
	SetAt  string `db:"set_at" json:"set_at"`
}

const maxReason = 300

// SetOverride gives one mentor an interval of their own, with a reason (a coordinator of the
// mentor's region or an admin). months 0 removes it, returning the mentor to the region's.
func (s *Service) SetOverride(ctx context.Context, actor *web.Principal, personID int64, months int, reason string, now time.Time) error {
	reason = strings.TrimSpace(reason)
	var f web.Fields
	if months != 0 {
		if !ValidInterval(months) {
			f.Add("months", "supervision.interval.invalid")
		}
		switch {
		case reason == "":
			f.Add("reason", "supervision.override.reason_required")
		case utf8.RuneCountInString(reason) > maxReason || !web.CleanText(reason):
			f.Add("reason", "supervision.override.reason_invalid", "Max", maxReason)
		}
	}
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		p, err := s.mentor(ctx, tx, actor, personID)
		if err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		before, err := override(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if months == 0 {
			if before == nil {
				return nil
			}
			_, err = tx.ExecContext(ctx, `DELETE FROM supervision_overrides WHERE person_id = ?`, p.ID)
		} else {
			_, err = tx.ExecContext(ctx, `
				INSERT INTO supervision_overrides (person_id, months, reason, set_by, set_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (person_id) DO UPDATE SET months = excluded.months, reason = excluded.reason,
				set_by = excluded.set_by, set_at = excluded.set_at`, p.ID, months, reason, actor.ID, db.Stamp(now))
		}
		if err != nil {
			return err
		}
		var after any
		if months != 0 {
			after = Override{Months: months, Reason: reason, SetAt: db.Stamp(now)}
		}
		ch := audit.Change{ActorID: actor.ID, Action: "supervision.override", Entity: "person", EntityID: p.ID, After: after}
		if before != nil {
			ch.Before = *before
		}
		return audit.Record(ctx, tx, now, ch)
	})
}

// override reads one mentor's own interval, nil when they have none.
func override(ctx context.Context, q db.Querier, personID int64) (*Override, error) {
	var o Override
	err := q.GetContext(ctx, &o, `SELECT months, reason, set_at FROM supervision_overrides WHERE person_id = ?`, personID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &o, err
}

// ErrNotMentor answers a person who is not a mentor that actor looks after.
var ErrNotMentor = web.NotFound("supervision.mentor.not_found")

// mentor loads a person that actor looks after as a mentor: someone with the trainee role, of
// the coordinator's region (an admin: of any region). Nobody acts on their own cadence.
func (s *Service) mentor(ctx context.Context, q db.Querier, actor *web.Principal, id int64) (people.Person, error) {
	p, err := s.people.Get(ctx, q, id)
	if errors.Is(err, people.ErrNotFound) || (err == nil && !p.Has(web.RoleTrainee)) {
		return p, ErrNotMentor
	}
	if err != nil {
		return p, err
	}
	if actor == nil || actor.ID == p.ID || !mayRun(actor, p.Region) {
		return p, web.Forbidden()
	}
	return p, nil
}
