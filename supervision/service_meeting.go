package supervision

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/web"
)

// mayRun reports whether actor records and reads the supervision of region: an admin any
// region, a coordinator their own.
func mayRun(actor *web.Principal, region string) bool {
	return actor.Has(web.RoleAdmin) || actor.CoordinatesRegion(region)
}

// Record records a supervision meeting held in the past: the region's coordinator or an admin,
// the mentors attending and excused all of that region, the supervisor a person who may lead
// supervision or an external name. It is audit-logged.
func (s *Service) Record(ctx context.Context, actor *web.Principal, in Input, now time.Time) (Meeting, error) {
	return s.save(ctx, actor, 0, in, now)
}

// Correct overwrites a recorded meeting; the audit log keeps what it was before.
func (s *Service) Correct(ctx context.Context, actor *web.Principal, id int64, in Input, now time.Time) (Meeting, error) {
	return s.save(ctx, actor, id, in, now)
}

func (s *Service) save(ctx context.Context, actor *web.Principal, id int64, in Input, now time.Time) (Meeting, error) {
	if !actor.Has(web.RoleAdmin, web.RoleCoordinator) {
		return Meeting{}, web.Forbidden()
	}
	at, f := in.Validate(now)
	if in.Region != "" && !mayRun(actor, in.Region) {
		if actor.Has(web.RoleAdmin) {
			f.Add("region", "supervision.region.unknown")
		} else {
			return Meeting{}, web.Forbidden()
		}
	}
	var out Meeting
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var before *Meeting
		if id != 0 {
			m, err := meeting(ctx, tx, id)
			if err != nil {
				return err
			}
			if !mayRun(actor, m.Region) {
				return web.Forbidden()
			}
			before = &m
		}
		var already map[int64]bool
		if before != nil {
			already = before.named()
		}
		if err := s.checkNames(ctx, tx, &in, already, &f); err != nil {
			return err
		}
		if err := f.Err(); err != nil {
			return err
		}
		newID, err := saveMeeting(ctx, tx, id, in, at, actor.ID, now)
		if err != nil {
			return err
		}
		if out, err = meeting(ctx, tx, newID); err != nil {
			return err
		}
		action := "supervision.record"
		if id != 0 {
			action = "supervision.correct"
		}
		ch := audit.Change{ActorID: actor.ID, Action: action, Entity: "supervision", EntityID: newID, After: out}
		if before != nil {
			ch.Before = *before
		}
		return audit.Record(ctx, tx, now, ch)
	})
	return out, err
}

// checkNames checks what the database knows: the region exists, the supervisor may lead
// supervision, every mentor named is a mentor of the region. A correction keeps those the
// meeting already names (already) even when they have since moved, left or been deactivated:
// their attendance stays a fact of that day.
func (s *Service) checkNames(ctx context.Context, tx *sqlx.Tx, in *Input, already map[int64]bool, f *web.Fields) error {
	if in.Region != "" {
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT COUNT(*) FROM regions WHERE code = ?`, in.Region); err != nil {
			return err
		}
		if n == 0 {
			f.Add("region", "supervision.region.unknown")
			return nil
		}
	}
	if in.SupervisorID > 0 {
		ok, err := isSupervisor(ctx, tx, in.SupervisorID)
		if err != nil {
			return err
		}
		if !ok {
			f.Add("supervisor_id", "supervision.supervisor.unknown")
		}
	}
	if in.Region == "" || len(in.AttendeeIDs) > maxMentors || len(in.ExcusedIDs) > maxMentors {
		return nil // nothing to look up, or lists Validate refused already
	}
	mentors, err := mentorsAmong(ctx, tx, in.Region, append(append([]int64{}, in.AttendeeIDs...), in.ExcusedIDs...))
	if err != nil {
		return err
	}
	for field, ids := range map[string][]int64{"attendee_ids": in.AttendeeIDs, "excused_ids": in.ExcusedIDs} {
		for _, id := range ids {
			if !mentors[id] && !already[id] {
				f.Add(field, "supervision.attendees.other_region")
				break
			}
		}
	}
	return nil
}

// Delete removes a meeting recorded by mistake; the audit log keeps it.
func (s *Service) Delete(ctx context.Context, actor *web.Principal, id int64, now time.Time) error {
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		m, err := meeting(ctx, tx, id)
		if err != nil {
			return err
		}
		if !mayRun(actor, m.Region) {
			return web.Forbidden()
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM supervisions WHERE id = ?`, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "supervision.delete",
			Entity: "supervision", EntityID: id, Before: m})
	})
}

// Meeting returns a meeting to its region's coordinator or an admin.
func (s *Service) Meeting(ctx context.Context, actor *web.Principal, id int64) (Meeting, error) {
	m, err := meeting(ctx, s.db.R, id)
	if err != nil {
		return m, err
	}
	if !mayRun(actor, m.Region) {
		return Meeting{}, web.Forbidden()
	}
	return m, nil
}

// Meetings lists meetings: an admin's of the region asked for (or all), a coordinator's of
// their own region whatever they ask for.
func (s *Service) Meetings(ctx context.Context, actor *web.Principal, f MeetingFilter) ([]Listed, int, error) {
	switch {
	case actor.Has(web.RoleAdmin):
	case actor.Has(web.RoleCoordinator) && (f.Region == "" || f.Region == actor.Region):
		f.Region = actor.Region
	default:
		return nil, 0, web.Forbidden()
	}
	return meetings(ctx, s.db.R, f)
}

// Own lists the meetings that name the signed-in person, newest first.
func (s *Service) Own(ctx context.Context, actor *web.Principal, limit, offset int) ([]Own, int, error) {
	if actor == nil {
		return nil, 0, web.Unauthorized()
	}
	return ownMeetings(ctx, s.db.R, actor.ID, limit, offset)
}

// Supervisors lists the people of the system who may lead supervision.
func (s *Service) Supervisors(ctx context.Context) ([]Supervisor, error) {
	return supervisors(ctx, s.db.R)
}
