package main

import (
	"context"
	"fmt"
	"time"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/reminders"
	"mentorlms/supervision"
)

// jobsOf lists the scheduled reminders, each rule taken from its domain: sessions tomorrow at
// 16:00 (the day before, Prague time); every morning supervision due or overdue and record
// extracts of active mentors going stale within 30 days (one scan of the mentors), attendance
// not recorded a day after a session (the coordinator after three days), accreditations ending within 90 days while runs
// are planned on them, and certificates expiring within 60 days; every night the facts of
// criminal record extracts past the re-check period are deleted, and so are dead sessions,
// expired password links and old failed sign-ins (retention).
func jobsOf(d *db.DB, recheckMonths int) []reminders.Job {
	att := attendance.NewService(d, enrollment.NewService(d))
	sup := supervision.NewService(d)
	if recheckMonths > 0 {
		sup.RecheckMonths = recheckMonths
	}
	cs := courses.NewService(d)
	certs := certificates.NewService(d, att)
	return []reminders.Job{
		{Name: "session_tomorrow", At: []string{fmt.Sprintf("%d:00", attendance.ReminderHour)}, Scan: att.RemindSessions},
		{Name: "supervision", At: []string{"7:00"}, Scan: sup.RemindMentors},
		{Name: "attendance_missing", At: []string{"8:00"}, Scan: att.RemindUnmarked},
		{Name: "accreditation_expiring", At: []string{"7:00"}, Scan: cs.RemindAccreditations},
		{Name: "certificate_expiring", At: []string{"7:00"}, Scan: certs.RemindExpiring},
		{Name: "record_retention", At: []string{"3:00"}, Scan: sup.PurgeRecordChecks},
		{Name: "account_retention", At: []string{"3:00"}, Scan: people.NewService(d).PurgeExpired},
	}
}

// cmdRemind runs one pass of every reminder as if at an instant (--at, now unless given):
// what is due is enqueued, each message once however often it runs. The server sends it.
func cmdRemind(e *env, args []string) error {
	f := newFlags(e, "remind")
	path := f.db()
	once := f.boolean("once", "cli.flag.once")
	at := f.str("at", "", "cli.arg.instant", "cli.flag.at")
	recheck := f.integer("recheck-months", supervision.DefaultRecheckMonths, "cli.arg.months", "cli.flag.recheck_months")
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	if !*once {
		return misuse("cli.error.remind_once")
	}
	now := e.now()
	if *at != "" {
		t, err := time.Parse(time.RFC3339, *at)
		if err != nil {
			if t, err = time.Parse("2006-01-02T15:04Z07:00", *at); err != nil {
				return misuse("cli.error.at", "Value", *at)
			}
		}
		now = t
	}
	d, err := db.OpenExisting(e.ctx, *path)
	if err != nil {
		return err
	}
	defer d.Close()
	runs, err := reminders.RunAll(context.WithoutCancel(e.ctx), d, jobsOf(d, *recheck), now)
	for _, r := range runs {
		fmt.Fprintln(e.stdout, "mentorlms:", e.l.N("cli.remind.ran", r.Enqueued, "Job", e.l.T("job."+r.Name)))
	}
	return err
}
