package main

import (
	"context"
	"io"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/enrollment"
	"mentorlms/supervision"
	"mentorlms/web"
)

// TestDemoShowsCompletion loads the demo on a fixed day and reads the completion tables of the
// finished and the running requalification runs: every state a coordinator meets is there.
func TestDemoShowsCompletion(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	if err := loadDemo(ctx, d, now, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	admin := &web.Principal{ID: 1, Roles: []web.Role{web.RoleAdmin}}
	svc := attendanceOf(d)
	table := func(town string) map[string]attendance.Row {
		var run int64
		if err := d.R.Get(&run, `SELECT r.id FROM runs r JOIN courses c ON c.id = r.course_id WHERE c.code = 'RK-MENTOR' AND r.town = ?`, town); err != nil {
			t.Fatal(err)
		}
		tb, err := svc.Completion(ctx, admin, run, now)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[string]attendance.Row{}
		for _, r := range tb.Rows {
			rows[r.PersonName] = r
		}
		return rows
	}
	finished := table("Děčín")
	want := map[string]attendance.Completion{"Marie Giňová": attendance.Complete, "Jan Bandy": attendance.Complete,
		"Lucie Oláhová": attendance.Complete, "Helena Danielová": attendance.Failed}
	for name, st := range want {
		if got := finished[name].Report.Status; got != st {
			t.Errorf("%s: %s, want %s", name, got, st)
		}
	}
	if f := finished["František Dužda"]; f.Status != enrollment.Withdrawn || f.Report.Status != attendance.WithdrawnOut {
		t.Errorf("the withdrawal is missing: %+v", finished["František Dužda"])
	}
	if n := len(finished["Jan Bandy"].Report.Attempts); n != 2 {
		t.Errorf("Jan Bandy's resit: %d attempts", n)
	}
	running := table("Ostrava")
	if r := running["Milan Kotlár"].Report; r.Reachable || r.Status != attendance.InProgress {
		t.Errorf("Milan Kotlár: %+v", r)
	}
	if r := running["Roman Balog"].Report; !r.Reachable || r.AttendedMinutes == 0 {
		t.Errorf("Roman Balog: %+v", r)
	}
	var waiting, apologies int
	if err := d.R.Get(&waiting, `SELECT COUNT(*) FROM enrollments WHERE status = 'waitlisted'`); err != nil || waiting == 0 {
		t.Errorf("no waitlist in the demo (%v)", err)
	}
	if err := d.R.Get(&apologies, `SELECT COUNT(*) FROM attendance WHERE source = 'apology'`); err != nil || apologies == 0 {
		t.Errorf("no apology in the demo (%v)", err)
	}
	t.Run("supervision", func(t *testing.T) { demoShowsSupervision(t, d, now) })
}

// demoShowsSupervision reads the obligations after the course in the demo: every cadence
// status among the mentors of Ústecký kraj, a mentor's own interval, every mentor status in the
// history, evaluations of two periods in two regions and external hours awaiting approval.
func demoShowsSupervision(t *testing.T, d *db.DB, now time.Time) {
	ctx := context.Background()
	admin := &web.Principal{ID: 1, Roles: []web.Role{web.RoleAdmin}}
	rows, err := supervision.NewService(d).Standings(ctx, admin, "ULK", now)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]supervision.Row{}
	for _, r := range rows {
		got[r.Name] = r
	}
	for name, want := range map[string]supervision.Status{"Kristýna Berkyová": supervision.StatusOverdue,
		"Josef Lakatoš": supervision.StatusDueSoon, "Renata Mirgová": supervision.StatusOK,
		"Dušan Tancoš": supervision.StatusOK, "Marie Giňová": supervision.StatusNone} {
		if r := got[name]; r.MentorStatus != supervision.Active || r.Status != want {
			t.Errorf("%s: %s, %s; want active, %s", name, r.MentorStatus, r.Status, want)
		}
	}
	if r := got["Dušan Tancoš"]; r.Interval != 1 || r.OverrideReason == "" {
		t.Errorf("Dušan Tancoš's own interval: %+v", r)
	}
	if len(rows) == 0 || rows[0].Name != "Kristýna Berkyová" {
		t.Errorf("the overdue mentor is not first: %+v", rows)
	}
	count := func(q string) int {
		var n int
		if err := d.R.Get(&n, q); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT COUNT(DISTINCT status) FROM mentor_statuses`); n != 4 {
		t.Errorf("the history holds %d of the 4 mentor statuses", n)
	}
	if n := count(`SELECT COUNT(DISTINCT year * 10 + period) FROM evaluations`); n < 2 {
		t.Errorf("evaluations of %d periods", n)
	}
	if n := count(`SELECT COUNT(DISTINCT c.region_code) FROM evaluations e JOIN pms_centres c ON c.id = e.centre_id`); n < 2 {
		t.Errorf("evaluations in %d regions", n)
	}
	if n := count(`SELECT COUNT(*) FROM external_hours WHERE approved_at IS NULL`); n == 0 {
		t.Error("no external hours await approval")
	}
	if n := count(`SELECT COUNT(*) FROM supervision_intervals WHERE months = 1`); n == 0 {
		t.Error("no region meets monthly")
	}
}

// TestDemoLoadsAllYear: the demo is dated relative to the day it is loaded; it loads on any day
// of the year, holidays and the turn of the year included.
func TestDemoLoadsAllYear(t *testing.T) {
	days := []time.Time{time.Date(2026, 12, 22, 10, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)}
	for m := time.January; m <= time.December; m += 2 {
		days = append(days, time.Date(2026, m, 5, 10, 0, 0, 0, time.UTC))
	}
	for _, now := range days {
		d := dbtest.Open(t)
		if err := loadDemo(context.Background(), d, now, nil, io.Discard); err != nil {
			t.Errorf("loaded on %s: %v", now.Format("2. 1. 2006"), err)
		}
		d.Close()
	}
}
