package main

import (
	"context"
	"fmt"
	"time"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/cmd/internal/wire"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

// scale is the size of the installation the load tool builds: the demo, then history.
type scale struct {
	// Runs are finished runs of the requalification course, each with Seats trainees and
	// Sessions sessions, all marked.
	Runs, Seats, Sessions int
	// Seminars are one-day seminars just held, whose Seats trainees all attended: the
	// certificate batch issues theirs.
	Seminars int
	// Roster is the size of the running run whose roster the load tool saves again and again.
	Roster int
	// Times is how many times the default history this is.
	Times int
}

// defaultScale is the installation of issue #15: with the demo about 10,000 people, 526 runs,
// 10,560 sessions and 200,000 attendance marks, plus the seminars of the certificate batch.
func defaultScale(times int) scale {
	return scale{Runs: 500 * times, Seats: 20, Sessions: 20, Seminars: 50, Roster: 30, Times: times}
}

// world is what the load tool drives: the people and things it asks for.
type world struct {
	admin    *web.Principal
	trainee  string // e-mail of the demo trainee, who has runs under way
	open     int64  // an open run shown on its page
	session  int64  // a session of the running run whose roster is saved
	lecturer string // e-mail of its lecturer
	roster   []int64
	seminars []int64 // runs whose certificates the batch issues
	code     string  // a verification code of an issued certificate
	finished []int64 // the finished runs, whose pages a crowd reads one each
}

// seeder builds history through the product's own services, each step dated on the day it
// would have happened, as the demo does.
type seeder struct {
	ctx       context.Context
	d         *db.DB
	now       time.Time
	people    *people.Service
	courses   *courses.Service
	enrol     *enrollment.Service
	att       *attendance.Service
	admin     *web.Principal
	lecturers []people.Person
	n         int // people made so far, for unique addresses
	log       func(format string, args ...any)
}

var regions = []string{"PHA", "STC", "JHC", "PLK", "KVK", "ULK", "LBK", "HKK", "PAK", "VYS", "JHM", "OLK", "ZLK", "MSK"}

func seed(ctx context.Context, d *db.DB, now time.Time, sc scale, certs func(*certificates.Service), log func(string, ...any)) (world, error) {
	if _, err := wire.Demo(ctx, d, now, certs); err != nil {
		return world{}, err
	}
	es := enrollment.NewService(d)
	s := &seeder{ctx: ctx, d: d, now: now, people: people.NewService(d), courses: courses.NewService(d), enrol: es,
		att: attendance.NewService(d, es), log: log}
	var w world
	admin, err := s.people.Store().ByEmail(ctx, d.R, "admin@mentorlms.example")
	if err != nil {
		return w, fmt.Errorf("seed: the demo's admin: %w", err)
	}
	s.admin = admin.Principal("")
	w.admin, w.trainee = s.admin, "ucastnik@mentorlms.example"
	for i := range 100 {
		p, err := s.person(fmt.Sprintf("lektor%03d", i), "lecturer", regions[i%len(regions)], now.AddDate(-3, 0, 0))
		if err != nil {
			return w, err
		}
		s.lecturers = append(s.lecturers, p)
	}
	ids, err := s.courseIDs()
	if err != nil {
		return w, err
	}
	// History: requalification runs, one starting every day backwards from three weeks ago.
	for i := range sc.Runs {
		start := day(now, -21-70-i).Add(9 * time.Hour)
		if _, err := s.run(ids["RK-MENTOR"], i, start, sc.Seats, sc.Sessions, 1, true); err != nil {
			return w, fmt.Errorf("seed: run %d: %w", i, err)
		}
		if (i+1)%50 == 0 {
			log("%d of %d runs", i+1, sc.Runs)
		}
	}
	for i := range sc.Seminars {
		r, err := s.run(ids["S-DLUHY"], sc.Runs+i, day(now, -7-i%5).Add(9*time.Hour), sc.Seats, 1, 0, true)
		if err != nil {
			return w, fmt.Errorf("seed: seminar %d: %w", i, err)
		}
		w.seminars = append(w.seminars, r)
	}
	// The run under way whose roster a lecturer saves: its first session was yesterday.
	r, err := s.run(ids["RK-MENTOR"], sc.Runs+sc.Seminars, day(now, -1).Add(9*time.Hour), sc.Roster, 2, 7, false)
	if err != nil {
		return w, fmt.Errorf("seed: the running run: %w", err)
	}
	sessions, err := s.courses.Store().Sessions(ctx, d.R, r)
	if err != nil {
		return w, err
	}
	w.session = sessions[0].ID
	if err := d.R.GetContext(ctx, &w.lecturer, `SELECT p.email FROM persons p JOIN run_lecturers l ON l.person_id = p.id
		WHERE l.run_id = ? LIMIT 1`, r); err != nil {
		return w, fmt.Errorf("seed: the lecturer: %w", err)
	}
	if err := d.R.SelectContext(ctx, &w.roster, `SELECT person_id FROM enrollments WHERE run_id = ? AND status = 'enrolled'
		ORDER BY person_id`, r); err != nil {
		return w, err
	}
	if err := d.R.GetContext(ctx, &w.open, `SELECT id FROM runs WHERE status = 'open' ORDER BY id LIMIT 1`); err != nil {
		return w, fmt.Errorf("seed: an open run: %w", err)
	}
	if err := d.R.GetContext(ctx, &w.code, `SELECT code FROM certificates ORDER BY id LIMIT 1`); err != nil {
		return w, fmt.Errorf("seed: a certificate of the demo: %w", err)
	}
	if err := d.R.SelectContext(ctx, &w.finished, `SELECT id FROM runs WHERE status = 'finished' ORDER BY id`); err != nil {
		return w, err
	}
	if len(w.finished) == 0 {
		return w, fmt.Errorf("seed: no finished run")
	}
	return w, nil
}

// day is midnight in Prague offset days from now's day.
func day(now time.Time, offset int) time.Time {
	y, m, d := now.In(web.Prague).Date()
	return time.Date(y, m, d+offset, 0, 0, 0, 0, web.Prague)
}

func (s *seeder) courseIDs() (map[string]int64, error) {
	cs, err := s.courses.Store().Courses(s.ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, c := range cs {
		ids[c.Code] = c.ID
	}
	return ids, nil
}

// person creates someone with a role, born in 1990, with a clean record extract issued on the
// day before at.
func (s *seeder) person(prefix, role, region string, at time.Time) (people.Person, error) {
	s.n++
	in := people.Input{Name: fmt.Sprintf("Zátěžová Osoba %d", s.n), Email: fmt.Sprintf("%s.%d@zatez.example", prefix, s.n),
		BirthDate: "1990-05-17", BirthPlace: "Ústí nad Labem", Region: region, Roles: []string{role}}
	p, err := s.people.Create(s.ctx, s.admin, in, at)
	if err != nil || role != "trainee" {
		return p, err
	}
	clean, on := true, at.AddDate(0, 0, -1).In(web.Prague).Format(web.DateLayout)
	_, err = s.people.SetEvidence(s.ctx, s.admin, p.ID, people.EvidenceInput{
		RecordCheck: &people.RecordCheckInput{IssuedOn: on, Clean: &clean, VerifiedOn: on}}, at)
	return p, err
}

// run makes a run of a course whose first session begins at first, with one session every gap
// days (theory, the last two fifths practice), seats trainees enrolled three weeks before, every
// session already over marked by its lecturer half an hour after it ended, and, when over, the
// run finished the day after its last session.
func (s *seeder) run(course int64, i int, first time.Time, seats, sessions, gap int, over bool) (int64, error) {
	lecturer := s.lecturers[i%len(s.lecturers)]
	region := regions[i%len(regions)]
	last := first.AddDate(0, 0, gap*(sessions-1))
	opened := first.AddDate(0, 0, -30)
	r, err := s.courses.SaveRun(s.ctx, s.admin, course, 0, courses.RunInput{
		StartsOn: first.In(web.Prague).Format(web.DateLayout), EndsOn: last.In(web.Prague).Format(web.DateLayout),
		Town: "Ústí nad Labem", Address: "Mírové nám. 36/7", Region: region, Capacity: seats,
		LecturerIDs: []int64{lecturer.ID}, Status: courses.StatusOpen}, opened)
	if err != nil {
		return 0, err
	}
	minutes, practice := 225, sessions*3/5
	if sessions == 1 {
		minutes, practice = 270, 1
	}
	for _, part := range []struct {
		kind  courses.SessionKind
		from  int
		count int
	}{{courses.Theory, 0, practice}, {courses.Practice, practice, sessions - practice}} {
		if part.count == 0 {
			continue
		}
		in := courses.SessionInput{StartsAt: first.AddDate(0, 0, gap*part.from).Format(time.RFC3339), Minutes: minutes,
			Kind: part.kind, Topic: "Komunikace a motivace klienta", LecturerID: lecturer.ID}
		if part.count > 1 {
			in.Repeat = &courses.Repeat{EveryDays: gap, Count: part.count}
		}
		if _, err := s.courses.AddSessions(s.ctx, s.admin, r.ID, in, opened); err != nil {
			return 0, fmt.Errorf("sessions: %w", err)
		}
	}
	applied := first.AddDate(0, 0, -21)
	enrolled := make([]int64, 0, seats)
	for range seats {
		p, err := s.person("ucastnik", "trainee", region, applied)
		if err != nil {
			return 0, err
		}
		e, _, err := s.enrol.Apply(s.ctx, s.admin, r.ID, p.ID, applied)
		if err != nil {
			return 0, fmt.Errorf("apply: %w", err)
		}
		if e.Status == enrollment.Pending {
			if _, _, err := s.enrol.Approve(s.ctx, s.admin, e.ID, applied); err != nil {
				return 0, fmt.Errorf("approve: %w", err)
			}
		}
		enrolled = append(enrolled, p.ID)
	}
	if _, err := s.courses.SetStatus(s.ctx, s.admin, r.ID, courses.StatusRunning, "", first); err != nil {
		return 0, fmt.Errorf("running: %w", err)
	}
	list, err := s.courses.Store().Sessions(s.ctx, s.d.R, r.ID)
	if err != nil {
		return 0, err
	}
	teacher := lecturer.Principal("")
	for j, ss := range list {
		if !ss.End().Before(s.now) {
			continue
		}
		marks := make([]attendance.MarkInput, len(enrolled))
		for k, id := range enrolled {
			marks[k] = attendance.MarkInput{PersonID: id, Status: attendance.Present}
			if (k+j)%9 == 0 && sessions > 1 {
				marks[k].Status = attendance.Absent
			}
		}
		if _, err := s.att.SaveAttendance(s.ctx, teacher, ss.ID, marks, ss.End().Add(30*time.Minute)); err != nil {
			return 0, fmt.Errorf("attendance: %w", err)
		}
	}
	if over {
		if _, err := s.courses.SetStatus(s.ctx, s.admin, r.ID, courses.StatusFinished, "", last.AddDate(0, 0, 1)); err != nil {
			return 0, fmt.Errorf("finish: %w", err)
		}
	}
	return r.ID, nil
}
