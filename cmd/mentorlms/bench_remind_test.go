package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/reminders"
	"mentorlms/web"
)

// BenchmarkRemindPass runs one pass of every scheduled reminder over an installation of
// 100,000 people and about 1,000,000 attendance marks: a day of the scheduler. Each
// iteration is the next day's pass, so it enqueues what that day brings. The database is
// seeded in SQL (the product's services would take an hour to make this much) and settled by
// one pass the day before, as a running server's would be. It reports the highest resident
// memory of the process sampled during the passes.
func BenchmarkRemindPass(b *testing.B) {
	d := dbtest.Open(b)
	at := time.Date(2026, 11, 10, 16, 0, 0, 0, web.Prague)
	scale := seedScale{People: 100_000, Runs: 1_700, Seats: 30, Sessions: 21}
	if err := scale.seed(context.Background(), d, at); err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded %s", scale)
	jobs := jobsOf(d, 0)
	if _, err := reminders.RunAll(context.Background(), d, jobs, at.AddDate(0, 0, -1)); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	peak := sampleRSS()
	b.ReportAllocs()
	b.ResetTimer()
	day := 0
	for b.Loop() {
		// RunAll's jobs one by one, so that the first day's log shows what each costs.
		for _, j := range jobs {
			start := time.Now()
			r, err := reminders.RunJob(context.Background(), d, j, at.AddDate(0, 0, day))
			if err != nil {
				b.Fatal(err)
			}
			if day == 0 {
				b.Logf("%s: %d enqueued in %v", r.Name, r.Enqueued, time.Since(start).Round(time.Millisecond))
			}
		}
		day++
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-RSS-MB")
}

// sampleRSS samples the process's resident memory every few milliseconds until the returned
// function is called, which reports the highest seen (0 where /proc is not).
func sampleRSS() func() int64 {
	var peak atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			if rss := residentBytes(); rss > peak.Load() {
				peak.Store(rss)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() int64 {
		close(stop)
		wg.Wait()
		return peak.Load()
	}
}

// residentBytes is the process's resident memory from /proc/self/statm.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// seedScale is the shape of a large installation: People of whom a few hundred are staff,
// Runs of a requalification course and a seminar (most finished, some running, some planned),
// each with Seats trainees and Sessions sessions, every past session marked.
type seedScale struct {
	People, Runs, Seats, Sessions int
	marks                         int
}

func (s seedScale) String() string {
	return fmt.Sprintf("%d people, %d runs × %d seats × %d sessions, %d attendance marks",
		s.People, s.Runs, s.Seats, s.Sessions, s.marks)
}

// The staff of a seeded installation: the rest of its people are trainees.
const (
	seedAdmins       = 5
	seedCoordinators = 28
	seedLecturers    = 2_000
)

// seed fills an empty database as of at, in one transaction of plain inserts.
func (s *seedScale) seed(ctx context.Context, d *db.DB, at time.Time) error {
	regions := []string{"PHA", "STC", "JHC", "PLK", "KVK", "ULK", "LBK", "HKK", "PAK", "VYS", "JHM", "OLK", "ZLK", "MSK"}
	day := func(t time.Time) string { return t.In(web.Prague).Format(time.DateOnly) }
	stamp := db.Stamp(at.AddDate(-4, 0, 0))
	return d.Tx(ctx, func(tx *sqlx.Tx) error {
		ins := map[string]*sqlx.Stmt{}
		exec := func(query string, args ...any) error {
			st, ok := ins[query]
			if !ok {
				var err error
				if st, err = tx.PreparexContext(ctx, query); err != nil {
					return err
				}
				ins[query] = st
			}
			_, err := st.ExecContext(ctx, args...)
			return err
		}
		defer func() {
			for _, st := range ins {
				st.Close()
			}
		}()
		var trainees []int64
		for id := int64(1); id <= int64(s.People); id++ {
			role, region := "trainee", regions[int(id)%len(regions)]
			switch {
			case id <= seedAdmins:
				role = "admin"
			case id <= seedAdmins+seedCoordinators:
				role = "coordinator"
			case id <= seedAdmins+seedCoordinators+seedLecturers:
				role = "lecturer"
			default:
				trainees = append(trainees, id)
			}
			if err := exec(`INSERT INTO persons (id, email, name, birth_date, region_code, created_at, updated_at)
				VALUES (?, ?, ?, '1990-05-17', ?, ?, ?)`, id, fmt.Sprintf("osoba%d@test.cz", id),
				fmt.Sprintf("Osoba Číslo %d", id), region, stamp, stamp); err != nil {
				return err
			}
			if err := exec(`INSERT INTO person_roles (person_id, role) VALUES (?, ?)`, id, role); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO courses (id, code, title, kind, theory_hours, practice_hours, validity_months, created_at, updated_at)
			VALUES (1, 'REK', 'Mentor – rekvalifikační kurz', 'requalification', 70, 30, 0, ?, ?),
			       (2, 'DLUH', 'Dluhová problematika', 'accredited_seminar', 8, 0, 24, ?, ?)`, stamp, stamp, stamp, stamp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO accreditations (course_id, body, number, valid_from, valid_until, theory_hours, practice_hours)
			VALUES (1, 'MSMT', 'MSMT-1/2023', '2023-01-01', ?, 70, 30), (2, 'MPSV', 'A2023/0001', '2023-01-01', '2029-12-31', 8, 0)`,
			day(at.AddDate(0, 2, 0))); err != nil {
			return err
		}
		finished, running := s.Runs*94/100, s.Runs*97/100
		seq := 0
		for r := range s.Runs {
			course := 1 + r%4/3 // every fourth run is the seminar
			var start time.Time
			status := "finished"
			switch {
			case r < finished:
				start = at.AddDate(0, 0, -40-r*1000/finished) // spread over almost three years
			case r < running:
				start, status = at.AddDate(0, 0, -10), "running"
			default:
				start, status = at.AddDate(0, 0, 30), "planned"
			}
			start = time.Date(start.Year(), start.Month(), start.Day(), 9, 0, 0, 0, web.Prague)
			end := start.AddDate(0, 0, s.Sessions-1)
			runID, lecturer := int64(r+1), int64(seedAdmins+seedCoordinators+1+r%seedLecturers)
			if err := exec(`INSERT INTO runs (id, course_id, starts_on, ends_on, town, region_code, capacity, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'Ústí nad Labem', ?, ?, ?, ?, ?)`, runID, course, day(start), day(end),
				regions[r%len(regions)], s.Seats, status, stamp, db.Stamp(end.Add(24*time.Hour))); err != nil {
				return err
			}
			if err := exec(`INSERT INTO run_lecturers (run_id, person_id) VALUES (?, ?)`, runID, lecturer); err != nil {
				return err
			}
			seats := make([]int64, s.Seats)
			for j := range seats {
				seats[j] = int64(r*s.Seats + j + 1)
				pid := trainees[(r*s.Seats+j)%len(trainees)]
				if err := exec(`INSERT INTO enrollments (id, run_id, person_id, status, created_at, updated_at, decided_at)
					VALUES (?, ?, ?, 'enrolled', ?, ?, ?)`, seats[j], runID, pid, db.Stamp(start.AddDate(0, -1, 0)),
					db.Stamp(start.AddDate(0, 0, -20)), db.Stamp(start.AddDate(0, 0, -20))); err != nil {
					return err
				}
				if status != "finished" || j >= s.Seats*9/10 {
					continue // a tenth do not finish
				}
				issued := end.AddDate(0, 0, 7)
				var until any
				if course == 2 {
					until = day(issued.AddDate(2, 0, 0))
				}
				seq++
				if err := exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code,
					issued_on, issued_at, issued_by, valid_until, content, pdf) VALUES (?, ?, ?, 'M', ?, ?, ?, ?, ?, ?, 1, ?, '{}', x'25504446')`,
					seats[j], pid, runID, issued.Year(), seq, fmt.Sprintf("M-%d/%06d", issued.Year(), seq), fmt.Sprintf("code%07d", seq),
					day(issued), db.Stamp(issued), until); err != nil {
					return err
				}
				if course != 1 {
					continue
				}
				// The mentor's extract ages over a year and a quarter, so some are stale and some go stale soon.
				checked := at.AddDate(0, 0, -int(pid%400))
				if err := exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, verified_by, created_at)
					VALUES (?, ?, 1, ?, 1, ?)`, pid, day(checked), day(checked), db.Stamp(checked)); err != nil {
					return err
				}
				if err := exec(`INSERT INTO pledges (person_id, signed_on, recorded_by, created_at) VALUES (?, ?, 1, ?)`,
					pid, day(start), db.Stamp(start)); err != nil {
					return err
				}
			}
			for k := range s.Sessions {
				from := start.AddDate(0, 0, k)
				until := from.Add(7 * time.Hour)
				sessionID := int64(r*s.Sessions + k + 1)
				if err := exec(`INSERT INTO sessions (id, run_id, starts_at, ends_at, minutes, kind, lecturer_id)
					VALUES (?, ?, ?, ?, 420, 'theory', ?)`, sessionID, runID, db.Stamp(from), db.Stamp(until), lecturer); err != nil {
					return err
				}
				// A running run in five leaves its last days unmarked.
				if !until.Before(at) || status == "running" && r%5 == 0 && at.Sub(until) < 5*24*time.Hour {
					continue
				}
				for j, e := range seats {
					mark := "present"
					if (j+k)%17 == 0 {
						mark = "absent"
					}
					if err := exec(`INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, recorded_by, recorded_at)
						VALUES (?, ?, ?, 420, 'lecturer', ?, ?)`, sessionID, e, mark, lecturer, db.Stamp(until)); err != nil {
						return err
					}
					s.marks++
				}
			}
		}
		return seedSupervisions(ctx, tx, exec, regions, at)
	})
}

// seedSupervisions holds a group supervision a month in every region over the last year, each
// region on its own day; a certified mentor has stopped coming none to three months ago, so
// some are overdue and some due soon.
func seedSupervisions(ctx context.Context, tx *sqlx.Tx, exec func(string, ...any) error, regions []string, at time.Time) error {
	var mentors []struct {
		ID     int64  `db:"id"`
		Region string `db:"region"`
	}
	if err := tx.SelectContext(ctx, &mentors, `SELECT DISTINCT p.id, p.region_code AS region FROM persons p
		JOIN certificates c ON c.person_id = p.id JOIN runs r ON r.id = c.run_id WHERE r.course_id = 1`); err != nil {
		return err
	}
	byRegion := map[string][]int64{}
	for _, m := range mentors {
		byRegion[m.Region] = append(byRegion[m.Region], m.ID)
	}
	id := int64(0)
	for i, region := range regions {
		for m := range 12 {
			held := time.Date(at.Year(), at.Month(), 1+2*i, 14, 0, 0, 0, web.Prague).AddDate(0, -m, 0)
			if held.After(at) {
				continue
			}
			id++
			on := held.Format(time.DateOnly)
			if err := exec(`INSERT INTO supervisions (id, region_code, held_at, held_on, kind, supervisor_name, created_at, updated_at)
				VALUES (?, ?, ?, ?, 'group', 'Mgr. Eva Nová', ?, ?)`, id, region, db.Stamp(held), on, db.Stamp(held), db.Stamp(held)); err != nil {
				return err
			}
			for _, p := range byRegion[region] {
				if int64(m) < p%8/2 {
					continue
				}
				if err := exec(`INSERT INTO supervision_attendees (supervision_id, person_id, held_on) VALUES (?, ?, ?)`, id, p, on); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
