package supervision

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Row is one mentor on the coordinator's list: their status and where they stand with
// supervision. A mentor is someone the course made one: who holds a valid requalification
// certificate or is active or inactive.
type Row struct {
	PersonID int64  `db:"id" json:"person_id"`
	Name     string `db:"name" json:"name"`
	Region   string `db:"region" json:"region"`
	Trained  bool   `db:"trained" json:"trained"`
	// MentorStatus is the mentor's status today; Missing what keeps a trained one from active.
	MentorStatus MentorStatus `db:"-" json:"mentor_status"`
	Missing      []string     `db:"-" json:"missing,omitempty"`
	// Interval is the months that apply: the mentor's own (Override) or the region's.
	Interval       int    `db:"-" json:"interval_months"`
	Override       *int   `db:"override_months" json:"-"`
	OverrideReason string `db:"override_reason" json:"override_reason,omitempty"`
	LastOn         string `db:"last_on" json:"last_on"`
	// DueOn and Status are the cadence; it binds active mentors only, for the others Status is
	// "none" and DueOn "".
	DueOn       string `db:"-" json:"due_on"`
	Status      Status `db:"-" json:"status"`
	DaysOverdue int    `db:"-" json:"days_overdue"`
	// order is the row's place in the Czech order of names.
	order int
	// recordUntil is the last day the clean extract counts; kept from the lists and the API
	// (a record fact), it serves the reminder of extracts going stale.
	recordUntil string
}

// Binds reports whether the cadence binds the mentor: only an active one owes supervision.
func (r Row) Binds() bool { return r.MentorStatus == Active }

// selection names whose rows the list reads: the people with the trainee role of a region
// ("" for all) or the one person an id names (0 for all); trained keeps only those holding a
// valid requalification certificate, the only ones who can be active (the reminders' scan).
type selection struct {
	region  string
	person  int64
	trained bool
}

// mentorRows reads the rows of a selection with the facts of the list, in one query. The
// scan of mentors is driven by their certificates, a third of the trainees or fewer.
func mentorRows(ctx context.Context, q db.Querier, sel selection) ([]Row, error) {
	// The scan of mentors reads only the trained, whom the filter already names as such.
	trained := `EXISTS (SELECT 1 FROM certificates c JOIN runs r ON r.id = c.run_id JOIN courses k ON k.id = r.course_id
		               WHERE c.person_id = p.id AND c.revoked_on IS NULL AND k.kind = 'requalification')`
	if sel.trained {
		trained = "1"
	}
	where, args := "p.active = 1", []any{}
	if sel.region != "" {
		where, args = where+" AND p.region_code = ?", append(args, sel.region)
	}
	if sel.person != 0 {
		where, args = where+" AND p.id = ?", append(args, sel.person)
	}
	if sel.trained {
		where += ` AND p.id IN (SELECT c.person_id FROM certificates c JOIN runs r ON r.id = c.run_id
			JOIN courses k ON k.id = r.course_id WHERE c.revoked_on IS NULL AND k.kind = 'requalification')`
	}
	var rows []Row
	err := q.SelectContext(ctx, &rows, `
		SELECT p.id, `+fullName+` AS name, COALESCE(p.region_code, '') AS region,
		       `+trained+` AS trained,
		       COALESCE((SELECT MAX(a.held_on) FROM supervision_attendees a WHERE a.person_id = p.id AND a.excused = 0), '') AS last_on,
		       o.months AS override_months, COALESCE(o.reason, '') AS override_reason
		FROM persons p JOIN person_roles pr ON pr.person_id = p.id AND pr.role = 'trainee'
		LEFT JOIN supervision_overrides o ON o.person_id = p.id
		WHERE `+where+`
		ORDER BY p.sort_key, p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("supervision: mentors of %q: %w", sel.region, err)
	}
	return rows, nil
}

// Standings works out the list of a region's mentors ("" for every region, admins only) as of
// now: each one's status and cadence, overdue first (the longest overdue on top), then due
// soon (the nearest first), then the rest by name; mentors the cadence does not bind come last.
// The cost is a fixed number of queries however many mentors the region has.
func (s *Service) Standings(ctx context.Context, actor *web.Principal, region string, now time.Time) ([]Row, error) {
	if region == "" && !actor.Has(web.RoleAdmin) || region != "" && !mayRun(actor, region) {
		return nil, web.Forbidden()
	}
	return s.standings(ctx, selection{region: region}, now)
}

// Standing is one person's row of the list, for their own page; false when they are not a
// mentor (yet).
func (s *Service) Standing(ctx context.Context, personID int64, now time.Time) (Row, bool, error) {
	rows, err := s.standings(ctx, selection{person: personID}, now)
	if err != nil || len(rows) == 0 {
		return Row{}, false, err
	}
	return rows[0], true, nil
}

func (s *Service) standings(ctx context.Context, sel selection, now time.Time) ([]Row, error) {
	rows, err := mentorRows(ctx, s.db.R, sel)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.PersonID
	}
	statuses, err := s.Statuses(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	regional, err := intervals(ctx, s.db.R, sel.region)
	if err != nil {
		return nil, err
	}
	months := map[string]int{}
	for _, ri := range regional {
		months[ri.Region] = ri.Months
	}
	day := today(now)
	out := rows[:0]
	for i, r := range rows {
		r.order = i
		st := statuses[r.PersonID]
		r.MentorStatus, r.Missing, r.recordUntil = cmp.Or(st.Status, Candidate), st.Missing, st.RecordValidUntil
		if !r.Trained && r.MentorStatus != Active && r.MentorStatus != Inactive {
			continue // not a mentor yet: on the enrolment's side of things
		}
		r.Interval = cmp.Or(months[r.Region], DefaultInterval)
		if r.Override != nil {
			r.Interval = *r.Override
		}
		r.Status = StatusNone
		if r.Binds() {
			c := Cadence(r.LastOn, st.ActiveSince, r.Interval, day)
			r.DueOn, r.Status, r.DaysOverdue = c.DueOn, c.Status, c.DaysOverdue
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, compareRows)
	return out, nil
}

// compareRows orders the list: bound mentors first, overdue (longest first), due soon (nearest
// first), none yet, ok; then the rest; the query's Czech name order within each.
func compareRows(a, b Row) int {
	rank := func(r Row) int {
		if !r.Binds() {
			return 4
		}
		switch r.Status {
		case StatusOverdue:
			return 0
		case StatusDueSoon:
			return 1
		case StatusNone:
			return 2
		}
		return 3
	}
	if c := cmp.Compare(rank(a), rank(b)); c != 0 {
		return c
	}
	switch a.Status {
	case StatusOverdue:
		return cmp.Compare(b.DaysOverdue, a.DaysOverdue)
	case StatusDueSoon:
		return cmp.Compare(a.DueOn, b.DueOn)
	}
	return 0
}

// Summary is a region's count of mentors: trained (holding a valid requalification
// certificate), active, and of the active ones overdue and due soon for supervision.
type Summary struct {
	Region  string `json:"region"`
	Name    string `json:"name"`
	Trained int    `json:"trained"`
	Active  int    `json:"active"`
	Overdue int    `json:"overdue"`
	DueSoon int    `json:"due_soon"`
}

// Summaries counts the mentors of every region for an admin, of their own for a coordinator,
// regions in the order of their names.
func (s *Service) Summaries(ctx context.Context, actor *web.Principal, now time.Time) ([]Summary, error) {
	region := ""
	switch {
	case actor.Has(web.RoleAdmin):
	case actor.Has(web.RoleCoordinator) && actor.Region != "":
		region = actor.Region
	default:
		return nil, web.Forbidden()
	}
	rows, err := s.standings(ctx, selection{region: region}, now)
	if err != nil {
		return nil, err
	}
	regions, err := s.people.Regions(ctx)
	if err != nil {
		return nil, err
	}
	by := map[string]*Summary{}
	var out []Summary
	for _, g := range regions {
		if region == "" || g.Code == region {
			out = append(out, Summary{Region: g.Code, Name: g.Name})
		}
	}
	for i := range out {
		by[out[i].Region] = &out[i]
	}
	for _, r := range rows {
		sm := by[r.Region]
		if sm == nil {
			continue
		}
		if r.Trained {
			sm.Trained++
		}
		if r.MentorStatus == Active {
			sm.Active++
		}
		switch r.Status {
		case StatusOverdue:
			sm.Overdue++
		case StatusDueSoon:
			sm.DueSoon++
		}
	}
	return out, nil
}

// Regions lists the regions for the filters of the supervision pages.
func (s *Service) Regions(ctx context.Context) ([]people.Region, error) { return s.people.Regions(ctx) }
