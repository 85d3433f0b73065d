package reminders

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-co-op/gocron/v2"

	"mentorlms/db"
	"mentorlms/web"
)

// Job is one scheduled reminder: a scan of the current state that enqueues what is due at an
// instant. A scan is idempotent (every message has its key), so running it again, late, or
// after a stop that skipped its time sends nothing twice and catches up what was missed. The
// rule of each scan lives with its domain; this package only runs them.
type Job struct {
	Name string
	// At lists the times of day (Prague) the job runs, "16:00"; Every, when set instead, is
	// the interval.
	At    []string
	Every time.Duration
	Scan  func(ctx context.Context, now time.Time) (enqueued int, err error)
}

// JobRun is the last run of a job.
type JobRun struct {
	Name     string `db:"name" json:"name"`
	LastAt   string `db:"last_at" json:"last_at"`
	Enqueued int    `db:"enqueued" json:"enqueued"`
	Error    string `db:"error" json:"error"`
	Runs     int    `db:"runs" json:"runs"`
}

// RunJob runs one job as if at now and records the run.
func RunJob(ctx context.Context, d *db.DB, j Job, now time.Time) (JobRun, error) {
	n, err := j.Scan(ctx, now)
	r := JobRun{Name: j.Name, LastAt: db.Stamp(now), Enqueued: n}
	if err != nil {
		r.Error = err.Error()
	}
	if _, werr := d.W.ExecContext(ctx, `INSERT INTO job_runs (name, last_at, enqueued, error, runs) VALUES (?, ?, ?, ?, 1)
		ON CONFLICT (name) DO UPDATE SET last_at = excluded.last_at, enqueued = excluded.enqueued,
		error = excluded.error, runs = runs + 1`, r.Name, r.LastAt, r.Enqueued, r.Error); werr != nil {
		return r, fmt.Errorf("reminders: record run of %s: %w", j.Name, werr)
	}
	return r, err
}

// RunAll runs one pass of every job as if at now (at start, and for `mentorlms remind --once`).
func RunAll(ctx context.Context, d *db.DB, jobs []Job, now time.Time) ([]JobRun, error) {
	var out []JobRun
	for _, j := range jobs {
		r, err := RunJob(ctx, d, j, now)
		out = append(out, r)
		if err != nil {
			return out, fmt.Errorf("reminders: %s: %w", j.Name, err)
		}
	}
	return out, nil
}

// JobRuns lists the last run of every job that has run, by name.
func JobRuns(ctx context.Context, d *db.DB) ([]JobRun, error) {
	var out []JobRun
	err := d.R.SelectContext(ctx, &out, `SELECT name, last_at, enqueued, error, runs FROM job_runs ORDER BY name`)
	return out, err
}

// Schedule runs every job once now, then on its schedule in Prague time, each in singleton
// mode (a run that lasts past the next time is not started twice), until the returned stop
// is called. gocron does not catch up missed runs; the scans need not be caught up, since each
// reads the state as it is.
func Schedule(ctx context.Context, d *db.DB, jobs []Job, clock func() time.Time, log *slog.Logger) (stop func() error, err error) {
	s, err := gocron.NewScheduler(gocron.WithLocation(web.Prague))
	if err != nil {
		return nil, err
	}
	for _, j := range jobs {
		def, err := definition(j)
		if err != nil {
			return nil, err
		}
		task := gocron.NewTask(func() {
			if _, err := RunJob(ctx, d, j, clock()); err != nil && ctx.Err() == nil {
				log.Error("reminder job", "job", j.Name, "err", err)
			}
		})
		if _, err := s.NewJob(def, task, gocron.WithName(j.Name), gocron.WithSingletonMode(gocron.LimitModeReschedule),
			gocron.WithStartAt(gocron.WithStartImmediately())); err != nil {
			return nil, fmt.Errorf("reminders: schedule %s: %w", j.Name, err)
		}
	}
	s.Start()
	return s.Shutdown, nil
}

// definition turns a job's times into gocron's.
func definition(j Job) (gocron.JobDefinition, error) {
	if j.Every > 0 {
		return gocron.DurationJob(j.Every), nil
	}
	if len(j.At) == 0 {
		return nil, fmt.Errorf("reminders: job %s has no time", j.Name)
	}
	var at []gocron.AtTime
	for _, s := range j.At {
		t, err := time.Parse("15:04", s)
		if err != nil {
			return nil, fmt.Errorf("reminders: job %s: time %q: %w", j.Name, s, err)
		}
		at = append(at, gocron.NewAtTime(uint(t.Hour()), uint(t.Minute()), 0))
	}
	return gocron.DailyJob(1, gocron.NewAtTimes(at[0], at[1:]...)), nil
}
