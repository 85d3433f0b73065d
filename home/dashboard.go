package home

import (
	"context"
	"slices"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/reminders"
	"mentorlms/supervision"
	"mentorlms/web"
)

// Windows of the dashboard, in days: what "soon" means for each list.
const (
	lecturerDays  = 7  // today's and the coming week's sessions
	unmarkedDays  = 60 // how far back unmarked sessions are chased
	startingDays  = 30 // runs starting soon in a coordinator's region
	recordWarn    = 14 // an extract this close to the approval limit needs renewing now
	expiringDays  = 90 // accreditations expiring
	runsWeekDays  = 6  // runs starting or ending this week: today and six days on
	maxNextCourse = 5  // enrolled runs shown with their progress
	maxOverdue    = 5  // mentors overdue for supervision named on the coordinator's panel
	maxFailed     = 5  // e-mails that failed for good, named on the admin's panel
)

// dashboard is what a signed-in person sees first: one panel per role they hold, each with
// what needs doing now.
type dashboard struct {
	Trainee     *traineePanel
	Lecturer    *lecturerPanel
	Coordinator *coordinatorPanel
	Admin       *adminPanel
}

type traineePanel struct {
	// Supervision is where a mentor stands with supervision; nil for someone not a mentor.
	Supervision *supervision.Row
	Next        *nextSession
	Courses     []attendance.MyCourse
	Unread      int
	Pending     int // applications waiting for a decision
}

// nextSession is the nearest session ahead of a trainee, with the run's place.
type nextSession struct {
	courses.Session
	Course string
	Place  string
	RunID  int64
}

type lecturerPanel struct {
	Week     []sessionItem
	Unmarked []sessionItem
	Now      time.Time
}

type coordinatorPanel struct {
	Region   string
	Pending  int
	Starting []courses.Listing
	Stale    []staleRecord
	Limit    string // the day before which an extract no longer does for approval
	// Overdue names the mentors longest overdue for supervision (at most maxOverdue); the
	// totals count all of them and those due soon.
	Overdue      []supervision.Row
	OverdueTotal int
	DueSoonTotal int
}

type adminPanel struct {
	// Supervision counts the mentors of every region: trained, active, overdue.
	Supervision supervision.Summary
	// PendingHours counts the external hours of further education awaiting an admin.
	PendingHours int
	// Failed names the newest e-mails that failed after their last attempt, with the error;
	// FailedTotal counts them all.
	Failed      []reminders.Failed
	FailedTotal int
	Issuer      string // why certificates cannot be issued yet; "" when they can
	Due         []certificateDue
	DueTotal    int
	Week        []courses.Listing
	Expiring    []expiring
}

// build assembles the panels of the roles me holds.
func (h *Handlers) build(ctx context.Context, l *web.Localizer, me *web.Principal, now time.Time) (dashboard, error) {
	var d dashboard
	var err error
	if me.Has(web.RoleTrainee) {
		if d.Trainee, err = h.trainee(ctx, l, me, now); err != nil {
			return d, err
		}
	}
	if me.Has(web.RoleLecturer) {
		if d.Lecturer, err = h.lecturer(ctx, me, now); err != nil {
			return d, err
		}
	}
	if me.Has(web.RoleCoordinator) && me.Region != "" {
		if d.Coordinator, err = h.coordinator(ctx, me, now); err != nil {
			return d, err
		}
	}
	if me.Has(web.RoleAdmin) {
		if d.Admin, err = h.admin(ctx, l, me, now); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (h *Handlers) trainee(ctx context.Context, l *web.Localizer, me *web.Principal, now time.Time) (*traineePanel, error) {
	p := &traineePanel{}
	var err error
	if p.Unread, err = reminders.Unread(ctx, h.db, me.ID); err != nil {
		return nil, err
	}
	if row, ok, err := h.supervision.Standing(ctx, me.ID, now); err != nil {
		return nil, err
	} else if ok {
		p.Supervision = &row
	}
	as, err := enrollment.Applications(ctx, h.db.R, me.ID)
	if err != nil {
		return nil, err
	}
	// Only runs still under way need a progress bar here; finished ones are on "my courses".
	var live []enrollment.Application
	for _, a := range as {
		switch {
		case a.Status == enrollment.Pending:
			p.Pending++
		case a.Status == enrollment.Enrolled && a.RunStatus != string(courses.StatusFinished) &&
			a.RunStatus != string(courses.StatusCancelled) && len(live) < maxNextCourse:
			live = append(live, a)
		}
	}
	if p.Courses, err = h.att.Mine(ctx, l, me.ID, live, now); err != nil {
		return nil, err
	}
	for _, c := range p.Courses {
		for _, u := range c.Next {
			if u.Cancelled() || (p.Next != nil && !u.Start().Before(p.Next.Start())) {
				continue
			}
			p.Next = &nextSession{Session: u.Session, Course: c.CourseTitle, RunID: c.RunID}
		}
	}
	if p.Next != nil {
		r, err := h.courses.Run(ctx, h.db.R, p.Next.RunID)
		if err != nil {
			return nil, err
		}
		p.Next.Place = r.Place()
		if r.Online {
			p.Next.Place = l.T("home.trainee.online")
		}
	}
	return p, nil
}

func (h *Handlers) lecturer(ctx context.Context, me *web.Principal, now time.Time) (*lecturerPanel, error) {
	day := startOfDay(now)
	week, err := teaching(ctx, h.db.R, me.ID, day, day.AddDate(0, 0, lecturerDays+1))
	if err != nil {
		return nil, err
	}
	open, err := unmarked(ctx, h.db.R, me.ID, now.AddDate(0, 0, -unmarkedDays), now)
	if err != nil {
		return nil, err
	}
	return &lecturerPanel{Week: week, Unmarked: open, Now: now}, nil
}

func (h *Handlers) coordinator(ctx context.Context, me *web.Principal, now time.Time) (*coordinatorPanel, error) {
	today := courses.PragueDay(now)
	p := &coordinatorPanel{Region: me.Region}
	queue, err := enrollment.Queue(ctx, h.db.R, me.Region, false)
	if err != nil {
		return nil, err
	}
	p.Pending = len(slices.DeleteFunc(queue, func(a enrollment.Application) bool { return !me.Decides(a.PersonID, a.Region, a.Staff) }))
	if p.Starting, err = h.courses.Listings(ctx, courses.RunFilter{Region: me.Region, From: today,
		To: courses.PragueDay(now.AddDate(0, 0, startingDays)), Status: []courses.Status{courses.StatusPlanned, courses.StatusOpen}}); err != nil {
		return nil, err
	}
	// An extract must be at most RecordMaxAge days old on the day of approval; one that will
	// pass that within recordWarn days cannot wait for the decision.
	p.Limit = courses.PragueDay(now.AddDate(0, 0, recordWarn-h.recordMaxAge))
	if p.Stale, err = staleRecords(ctx, h.db.R, me.Region, p.Limit); err != nil {
		return nil, err
	}
	// The panel tells whose record is missing or not clean: viewing that is logged, one entry
	// per person shown, like every other showing of record facts.
	shown := make([]int64, len(p.Stale))
	for i, s := range p.Stale {
		shown[i] = s.PersonID
	}
	if err := enrollment.LogViewed(ctx, h.db, me, shown, now); err != nil {
		return nil, err
	}
	rows, err := h.supervision.Standings(ctx, me, me.Region, now)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		switch {
		case !r.Binds():
		case r.Status == supervision.StatusOverdue:
			if p.OverdueTotal++; len(p.Overdue) < maxOverdue {
				p.Overdue = append(p.Overdue, r)
			}
		case r.Status == supervision.StatusDueSoon:
			p.DueSoonTotal++
		}
	}
	return p, nil
}

func (h *Handlers) admin(ctx context.Context, l *web.Localizer, me *web.Principal, now time.Time) (*adminPanel, error) {
	today := courses.PragueDay(now)
	p := &adminPanel{}
	sums, err := h.supervision.Summaries(ctx, me, now)
	if err != nil {
		return nil, err
	}
	if err := h.db.R.GetContext(ctx, &p.PendingHours, `SELECT COUNT(*) FROM external_hours WHERE approved_at IS NULL`); err != nil {
		return nil, err
	}
	if p.Failed, p.FailedTotal, err = reminders.FailedMail(ctx, h.db, maxFailed); err != nil {
		return nil, err
	}
	for _, s := range sums {
		p.Supervision.Trained += s.Trained
		p.Supervision.Active += s.Active
		p.Supervision.Overdue += s.Overdue
	}
	if h.Issuable != nil {
		if e, ok := web.AsError(h.Issuable()); ok {
			p.Issuer = l.Msg(e.Msg)
		}
	}
	if p.Due, err = certificatesDue(ctx, h.db.R, today); err != nil {
		return nil, err
	}
	for _, d := range p.Due {
		p.DueTotal += d.Count
	}
	if p.Week, err = runsThisWeek(ctx, h.courses, h.db.R, today, courses.PragueDay(now.AddDate(0, 0, runsWeekDays))); err != nil {
		return nil, err
	}
	if p.Expiring, err = expiringAccreditations(ctx, h.db.R, today, courses.PragueDay(now.AddDate(0, 0, expiringDays))); err != nil {
		return nil, err
	}
	return p, nil
}

// startOfDay is midnight in Prague of the day of t.
func startOfDay(t time.Time) time.Time {
	p := t.In(web.Prague)
	return time.Date(p.Year(), p.Month(), p.Day(), 0, 0, 0, 0, web.Prague)
}
