package enrollment

import (
	"context"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/web"
)

// logViewed records that actor was shown the eligibility outcomes of people — among them
// whether their criminal record is clean, which DOMAIN.md says is logged whenever it is viewed.
// One entry per person, in one transaction. A person looking at their own outcomes is not
// logged: it is their own data, and the apply page would otherwise write on every view.
func (s *Service) logViewed(ctx context.Context, actor *web.Principal, personIDs []int64, now time.Time) error {
	return LogViewed(ctx, s.db, actor, personIDs, now)
}

// LogViewed records that actor was shown the record facts of people (eligibility outcomes, a
// missing or unclean extract), one entry per person, as every page that shows them must.
func LogViewed(ctx context.Context, d *db.DB, actor *web.Principal, personIDs []int64, now time.Time) error {
	ids := slices.DeleteFunc(slices.Clone(personIDs), func(id int64) bool { return id == actor.ID })
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil
	}
	return d.Tx(ctx, func(tx *sqlx.Tx) error {
		for _, id := range ids {
			if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "eligibility.view",
				Entity: "person", EntityID: id}); err != nil {
				return err
			}
		}
		return nil
	})
}

// shownRules reports whether err is a refusal that lists the person's failing rules, which
// shows the one who asked the outcomes as surely as the eligibility page does.
func shownRules(err error) bool {
	e, ok := web.AsError(err)
	return ok && e.Code == web.CodeInvalid && slices.ContainsFunc(
		[]string{RuleAge, RuleRecord, RulePrerequisite, RuleRunOpen, RuleNotEnrolled}, func(r string) bool {
			_, ok := e.Fields[r]
			return ok
		})
}
