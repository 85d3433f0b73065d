package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/web"
)

// ErrMeetingNotFound answers a meeting that does not exist, or that the asker may not see.
var ErrMeetingNotFound = web.NotFound("supervision.not_found")

// fullName is a person's name with academic titles, as lists print it; p is the persons alias.
const fullName = `TRIM(p.titles_before || ' ' || p.name) || CASE WHEN p.titles_after <> '' THEN ', ' || p.titles_after ELSE '' END`

const selectMeeting = `
	SELECT s.id, s.region_code, g.name AS region_name, s.held_at, s.held_on, s.kind, s.supervisor_id,
	       COALESCE(` + fullName + `, s.supervisor_name) AS supervisor, s.note, s.created_at, s.updated_at
	FROM supervisions s JOIN regions g ON g.code = s.region_code LEFT JOIN persons p ON p.id = s.supervisor_id`

// meeting reads one meeting with its attendees.
func meeting(ctx context.Context, q db.Querier, id int64) (Meeting, error) {
	m, err := byID[Meeting](ctx, q, selectMeeting+` WHERE s.id = ?`, id, ErrMeetingNotFound, "meeting")
	if err != nil {
		return m, err
	}
	var as []Attendee
	if err := q.SelectContext(ctx, &as, `
		SELECT a.person_id, `+fullName+` AS name, a.excused
		FROM supervision_attendees a JOIN persons p ON p.id = a.person_id
		WHERE a.supervision_id = ? ORDER BY p.sort_key, p.id`, id); err != nil {
		return m, fmt.Errorf("supervision: attendees of %d: %w", id, err)
	}
	m.Attended, m.Excused = []Attendee{}, []Attendee{}
	for _, a := range as {
		if a.Excused {
			m.Excused = append(m.Excused, a)
		} else {
			m.Attended = append(m.Attended, a)
		}
	}
	return m, nil
}

// saveMeeting inserts a meeting (id 0) or overwrites one, and sets its attendees anew.
func saveMeeting(ctx context.Context, tx *sqlx.Tx, id int64, in Input, at time.Time, actor int64, now time.Time) (int64, error) {
	var supervisor any
	if in.SupervisorID != 0 {
		supervisor = in.SupervisorID
	}
	stamp := db.Stamp(now)
	if id == 0 {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO supervisions (region_code, held_at, held_on, kind, supervisor_id, supervisor_name, note,
			                          recorded_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			in.Region, db.Stamp(at), in.HeldOn, in.Kind, supervisor, in.Supervisor, in.Note, actor, stamp, stamp)
		if err != nil {
			return 0, fmt.Errorf("supervision: insert meeting: %w", err)
		}
		if id, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	} else {
		if _, err := tx.ExecContext(ctx, `
			UPDATE supervisions SET region_code = ?, held_at = ?, held_on = ?, kind = ?, supervisor_id = ?,
			       supervisor_name = ?, note = ?, updated_at = ?
			WHERE id = ?`,
			in.Region, db.Stamp(at), in.HeldOn, in.Kind, supervisor, in.Supervisor, in.Note, stamp, id); err != nil {
			return 0, fmt.Errorf("supervision: update meeting %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM supervision_attendees WHERE supervision_id = ?`, id); err != nil {
			return 0, err
		}
	}
	for _, list := range []struct {
		ids     []int64
		excused int
	}{{in.AttendeeIDs, 0}, {in.ExcusedIDs, 1}} {
		for _, pid := range list.ids {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO supervision_attendees (supervision_id, person_id, excused, held_on) VALUES (?, ?, ?, ?)`,
				id, pid, list.excused, in.HeldOn); err != nil {
				return 0, fmt.Errorf("supervision: attendee %d: %w", pid, err)
			}
		}
	}
	return id, nil
}

// mentorsAmong returns which of ids are mentors of region: active people there with the
// trainee role.
func mentorsAmong(ctx context.Context, q db.Querier, region string, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(`
		SELECT p.id FROM persons p JOIN person_roles r ON r.person_id = p.id AND r.role = 'trainee'
		WHERE p.region_code = ? AND p.active = 1 AND p.id IN (?)`, region, ids)
	if err != nil {
		return nil, err
	}
	var found []int64
	if err := q.SelectContext(ctx, &found, query, args...); err != nil {
		return nil, fmt.Errorf("supervision: mentors of %s: %w", region, err)
	}
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}

// Supervisor is a person of the system who may lead supervision: staff (admins, coordinators,
// lecturers) who are active.
type Supervisor struct {
	ID   int64  `db:"id" json:"id"`
	Name string `db:"name" json:"name"`
}

// supervisors lists the people who may lead supervision, by name.
func supervisors(ctx context.Context, q db.Querier) ([]Supervisor, error) {
	var out []Supervisor
	err := q.SelectContext(ctx, &out, `
		SELECT p.id, `+fullName+` AS name FROM persons p
		WHERE p.active = 1 AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role <> 'trainee')
		ORDER BY p.sort_key, p.id`)
	return out, err
}

// isSupervisor reports whether id may lead supervision.
func isSupervisor(ctx context.Context, q db.Querier, id int64) (bool, error) {
	var n int
	err := q.GetContext(ctx, &n, `
		SELECT COUNT(*) FROM persons p WHERE p.id = ? AND p.active = 1
		AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role <> 'trainee')`, id)
	return n > 0, err
}

// MeetingFilter narrows the list of meetings: a region ("" for every region), days from and
// to (both included, "" open), and a page.
type MeetingFilter struct {
	Region        string
	From, To      string
	Limit, Offset int
}

// meetings lists meetings newest first, with the number of mentors who attended, and the total.
func meetings(ctx context.Context, q db.Querier, f MeetingFilter) ([]Listed, int, error) {
	where, args := `WHERE (? = '' OR s.region_code = ?) AND (? = '' OR s.held_on >= ?) AND (? = '' OR s.held_on <= ?)`,
		[]any{f.Region, f.Region, f.From, f.From, f.To, f.To}
	var total int
	if err := q.GetContext(ctx, &total, `SELECT COUNT(*) FROM supervisions s `+where, args...); err != nil {
		return nil, 0, fmt.Errorf("supervision: count meetings: %w", err)
	}
	out := []Listed{}
	err := q.SelectContext(ctx, &out, `
		SELECT s.id, s.region_code, g.name AS region_name, s.held_at, s.held_on, s.kind, s.supervisor_id,
		       COALESCE(`+fullName+`, s.supervisor_name) AS supervisor, s.note, s.created_at, s.updated_at,
		       (SELECT COUNT(*) FROM supervision_attendees a WHERE a.supervision_id = s.id AND a.excused = 0) AS attended_count,
		       (SELECT COUNT(*) FROM supervision_attendees a WHERE a.supervision_id = s.id AND a.excused = 1) AS excused_count
		FROM supervisions s JOIN regions g ON g.code = s.region_code
		LEFT JOIN persons p ON p.id = s.supervisor_id `+where+`
		ORDER BY s.held_at DESC, s.id DESC LIMIT ? OFFSET ?`, append(args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("supervision: meetings: %w", err)
	}
	return out, total, nil
}

// Listed is a meeting in a list: without names, with how many attended and were excused.
type Listed struct {
	Meeting
	AttendedCount int `db:"attended_count" json:"attended_count"`
	ExcusedCount  int `db:"excused_count" json:"excused_count"`
}

// Own is a meeting as the mentor it names sees it: whether they attended or were excused.
type Own struct {
	ID         int64  `db:"id" json:"id"`
	HeldAt     string `db:"held_at" json:"held_at"`
	HeldOn     string `db:"held_on" json:"held_on"`
	Kind       Kind   `db:"kind" json:"kind"`
	Supervisor string `db:"supervisor" json:"supervisor"`
	Excused    bool   `db:"excused" json:"excused"`
}

// ownMeetings lists the meetings that name a person, newest first, and their total.
func ownMeetings(ctx context.Context, q db.Querier, personID int64, limit, offset int) ([]Own, int, error) {
	var total int
	if err := q.GetContext(ctx, &total, `SELECT COUNT(*) FROM supervision_attendees WHERE person_id = ?`, personID); err != nil {
		return nil, 0, err
	}
	out := []Own{}
	err := q.SelectContext(ctx, &out, `
		SELECT s.id, s.held_at, s.held_on, s.kind, COALESCE(`+fullName+`, s.supervisor_name) AS supervisor, a.excused
		FROM supervision_attendees a JOIN supervisions s ON s.id = a.supervision_id
		LEFT JOIN persons p ON p.id = s.supervisor_id
		WHERE a.person_id = ? ORDER BY s.held_at DESC, s.id DESC LIMIT ? OFFSET ?`, personID, limit, offset)
	return out, total, err
}
