package supervision

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"

	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

// settle works out one person's current status and the rows their history lacks.
func (st *state) settle(today string) (Current, []Change) {
	add := Settle(st.facts, st.last, today)
	d := Derive(st.facts.On(today), today)
	c := Current{Status: d.Status, Missing: d.Missing, RecordValidUntil: d.RecordValidUntil, ActiveSince: st.activeSince}
	if st.last != nil {
		c.Since = st.last.Since
	}
	for _, ch := range add {
		c.Since = ch.On
		if ch.Status == Active {
			c.ActiveSince = ch.On
		}
	}
	return c, add
}

// statuses reads in chunks from the reading pool and writes what is new in one transaction.
// Two requests settling the same person at once would add the same rows: the transaction
// adds a person's rows only while their newest row is still the one the reading saw. A scan
// of every mentor reads its chunks on two connections at once, which is most of what a pass
// of the reminders costs.
func (s *Service) statuses(ctx context.Context, ids []int64, now time.Time) (map[int64]Current, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	today := today(now)
	parts := slices.Collect(slices.Chunk(ids, chunk))
	type settled struct {
		current map[int64]Current
		todo    []pending
	}
	done := make([]settled, len(parts))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(2)
	for i, part := range parts {
		g.Go(func() error {
			sts, err := s.states(gctx, s.db.R, part)
			if err != nil {
				return err
			}
			r := settled{current: make(map[int64]Current, len(part))}
			for _, id := range part {
				c, add := sts[id].settle(today)
				r.current[id] = c
				if len(add) > 0 {
					r.todo = append(r.todo, pending{personID: id, lastID: sts[id].lastID, changes: add})
				}
			}
			done[i] = r
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := make(map[int64]Current, len(ids))
	var todo []pending
	for _, r := range done {
		maps.Copy(out, r.current)
		todo = append(todo, r.todo...)
	}
	if len(todo) == 0 {
		return out, nil
	}
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		who := make([]int64, len(todo))
		for i, p := range todo {
			who[i] = p.personID
		}
		seen, err := lastIDs(ctx, tx, who)
		if err != nil {
			return err
		}
		todo = slices.DeleteFunc(todo, func(p pending) bool { return seen[p.personID] != p.lastID })
		return insertChanges(ctx, tx, todo, db.Stamp(now))
	})
	return out, err
}

// settleIn settles one person's history inside the caller's transaction, so that a decision
// and the row it makes commit together. It returns the day of the newest row after, "" for
// none.
func (s *Service) settleIn(ctx context.Context, tx *sqlx.Tx, id int64, now time.Time) (string, error) {
	sts, err := s.states(ctx, tx, []int64{id})
	if err != nil {
		return "", err
	}
	c, add := sts[id].settle(today(now))
	if len(add) == 0 {
		return c.Since, nil
	}
	return c.Since, insertChanges(ctx, tx, []pending{{personID: id, changes: add}}, db.Stamp(now))
}

// viewer loads a person whose mentor status actor may read: admins anyone, a coordinator the
// trainees of their region, everyone themself. A coordinator learns that someone of another
// region exists (403); anyone else learns nothing (404).
func (s *Service) viewer(ctx context.Context, actor *web.Principal, id int64) (people.Person, error) {
	p, err := s.people.Get(ctx, s.db.R, id)
	if err != nil {
		return p, err
	}
	if !people.CanSee(actor, p) {
		if actor.Has(web.RoleCoordinator, web.RoleAdmin) {
			return people.Person{}, web.Forbidden()
		}
		return people.Person{}, people.ErrNotFound
	}
	return p, nil
}

// Mentor reads a person's mentor status, settling their history first. Staff who read it are
// shown whether the person's record extract is clean and current, which is logged as every
// view of criminal-record facts is.
func (s *Service) Mentor(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Mentor, error) {
	p, err := s.viewer(ctx, actor, id)
	if err != nil {
		return Mentor{}, err
	}
	cur, err := s.statuses(ctx, []int64{id}, now)
	if err != nil {
		return Mentor{}, err
	}
	m := Mentor{Person: p, Current: cur[id], Decides: p.DecidedBy(actor), RecheckMonths: s.recheckMonths()}
	if m.History, err = history(ctx, s.db.R, id); err != nil {
		return m, err
	}
	if m.Decision, err = standing(ctx, s.db.R, id); err != nil {
		return m, err
	}
	if m.Explain, err = s.explain(ctx, id, m.Current); err != nil {
		return m, err
	}
	return m, enrollment.LogViewed(ctx, s.db, actor, []int64{id}, now)
}

// explain says what keeps a certified mentor from being active: an extract that aged out, one
// that is not clean, none at all, the pledge.
func (s *Service) explain(ctx context.Context, id int64, c Current) ([]web.Msg, error) {
	var out []web.Msg
	for _, m := range c.Missing {
		switch {
		case m == "pledge":
			out = append(out, web.M("mentor_status.missing.pledge"))
		case c.RecordValidUntil != "":
			out = append(out, web.M("mentor_status.missing.record_old", "Count", s.recheckMonths(),
				"UntilDate", c.RecordValidUntil))
		default:
			var checks int
			if err := s.db.R.GetContext(ctx, &checks, `SELECT COUNT(*) FROM record_checks WHERE person_id = ?`, id); err != nil {
				return nil, err
			}
			if checks > 0 {
				out = append(out, web.M("mentor_status.missing.record_unclean"))
				continue
			}
			var purged string
			if err := s.db.R.GetContext(ctx, &purged, `SELECT COALESCE(record_checked_on, '') FROM persons WHERE id = ?`, id); err != nil {
				return nil, err
			}
			if purged != "" {
				out = append(out, web.M("mentor_status.missing.record_purged", "Date", purged))
				continue
			}
			out = append(out, web.M("mentor_status.missing.record_none"))
		}
	}
	return out, nil
}

func (s *Service) recheckMonths() int {
	if s.RecheckMonths <= 0 {
		return DefaultRecheckMonths
	}
	return s.RecheckMonths
}
