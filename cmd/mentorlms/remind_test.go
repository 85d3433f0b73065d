package main

import (
	"context"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/reminders"
	"mentorlms/web"
)

// notificationKeys lists the outbox's keys that begin with prefix, sorted.
func notificationKeys(t *testing.T, d *db.DB, prefix string) []string {
	t.Helper()
	var keys []string
	if err := d.R.Select(&keys, `SELECT key FROM notifications WHERE key LIKE ? ORDER BY key`, prefix+"%"); err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestSessionReminderOnTheDaysTheClocksChange: the reminder of a session comes at 16:00 the
// day before in Prague, once, also on the Saturdays before the clocks change (Sunday 29. 3.
// 2026 and Sunday 25. 10. 2026), neither doubled nor skipped.
func TestSessionReminderOnTheDaysTheClocksChange(t *testing.T) {
	for _, tc := range []struct {
		name, day string
		offset    string // Prague's offset the day before
	}{{"spring", "2026-03-29", "+01:00"}, {"autumn", "2026-10-25", "+02:00"}} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			h.person("spravce@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
			h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
			h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
			before := prague("2026-02-01 12:00")
			run, _ := h.course("DST", "lektor@test.cz", tc.day, tc.day, before, prague(tc.day+" 09:00"), prague(tc.day+" 13:00"))
			h.enrol(run, before, "ucastnik@test.cz")
			att := attendanceOf(h.d)
			prev, err := time.Parse(web.DateLayout, tc.day)
			if err != nil {
				t.Fatal(err)
			}
			saturday := prev.AddDate(0, 0, -1).Format(web.DateLayout)
			at := func(clock string) time.Time {
				t.Helper()
				v, err := time.Parse(time.RFC3339, saturday+"T"+clock+":00"+tc.offset)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for _, step := range []struct {
				clock string
				want  int
			}{{"15:59", 0}, {"16:00", 4}, {"16:00", 0}, {"23:30", 0}} {
				n, err := att.RemindSessions(context.Background(), at(step.clock))
				if err != nil || n != step.want {
					t.Errorf("at %s: %d new, want %d (%v)", step.clock, n, step.want, err)
				}
			}
			// Two sessions, each to the trainee and to the lecturer.
			if keys := notificationKeys(t, h.d, "session-tomorrow:"); len(keys) != 4 {
				t.Errorf("keys %v", keys)
			}
		})
	}
}

// TestRemindOverTheDemo runs one pass of every reminder over the demo, loaded on a fixed day,
// as if at 16:00 that day, and checks the set it enqueues; a second pass enqueues nothing.
func TestRemindOverTheDemo(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // a Monday
	if err := loadDemo(ctx, d, now, nil, io.Discard); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 24, 15, 0, 0, 0, time.UTC) // Tuesday, 16:00 in Prague
	runs, err := reminders.RunAll(ctx, d, jobsOf(d, 0), at)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range runs {
		got[r.Name] = r.Enqueued
	}
	// Supervision: Josef Lakatoš due soon, Kristýna Berkyová overdue (to her and to the
	// coordinator of Ústecký kraj).
	var who []string
	if err := d.R.Select(&who, `SELECT n.kind || ' ' || p.email FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.key LIKE 'supervision-%' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	wantSupervision := []string{
		"supervision_due josef.lakatos@mentorlms.example",
		"supervision_overdue kristyna.berkyova@mentorlms.example",
		"supervision_overdue_coordinator koordinator@mentorlms.example",
	}
	if !slices.Equal(who, wantSupervision) || got["supervision"] != len(wantSupervision) {
		t.Errorf("supervision reminders %v (%d), want %v", who, got["supervision"], wantSupervision)
	}
	sessions := notificationKeys(t, d, "session-tomorrow:")
	var to []string
	if err := d.R.Select(&to, `SELECT n.kind || ' ' || p.email FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.key LIKE 'session-tomorrow:%' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	// Wednesday's session of the running course in Ostrava: its three trainees and its lecturer.
	wantSessions := []string{
		"session_tomorrow milan.kotlar@mentorlms.example",
		"session_tomorrow roman.balog@mentorlms.example",
		"session_tomorrow zaneta.cervenakova@mentorlms.example",
		"session_tomorrow_lecturer tomas.kucera@mentorlms.example",
	}
	if !slices.Equal(to, wantSessions) {
		t.Errorf("session reminders %v, want %v", to, wantSessions)
	}
	if got["session_tomorrow"] != len(sessions) {
		t.Errorf("session reminders: %d counted, %d stored", got["session_tomorrow"], len(sessions))
	}
	var late int
	if err := d.R.Get(&late, `SELECT COUNT(*) FROM notifications n JOIN sessions s ON s.id = CAST(substr(n.key, 18, instr(substr(n.key, 18), ':') - 1) AS INTEGER)
		WHERE n.key LIKE 'session-tomorrow:%' AND (s.starts_at <= ? OR s.starts_at > ?)`, db.Stamp(at), db.Stamp(at.Add(33*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if late != 0 {
		t.Errorf("%d reminders of sessions not tomorrow", late)
	}
	// Helena Danielová (Děčín) and Milan Kotlár (Ostrava) can no longer reach the threshold:
	// each was told when it happened, and so were the coordinators of their regions (two in
	// Moravskoslezský kraj); certificates came with their verification address.
	var short []string
	if err := d.R.Select(&short, `SELECT n.kind || ' ' || p.email FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.kind LIKE 'attendance_short%' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if want := []string{"attendance_short helena.danielova@mentorlms.example", "attendance_short milan.kotlar@mentorlms.example",
		"attendance_short_coordinator koordinator@mentorlms.example", "attendance_short_coordinator renata.lakatosova@mentorlms.example",
		"attendance_short_coordinator tomas.kucera@mentorlms.example"}; !slices.Equal(short, want) {
		t.Errorf("attendance short %v, want %v", short, want)
	}
	var args string
	if err := d.R.Get(&args, `SELECT args FROM notifications WHERE kind = 'certificate_issued' ORDER BY id LIMIT 1`); err != nil ||
		!strings.Contains(args, `/verify/`) {
		t.Errorf("certificate message %s %v", args, err)
	}
	// The demo's lecturers recorded every session so far: nobody is reminded of attendance.
	if keys := notificationKeys(t, d, "attendance-missing"); len(keys) != 0 {
		t.Errorf("attendance reminders over the demo: %v", keys)
	}
	again, err := reminders.RunAll(ctx, d, jobsOf(d, 0), at.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if r.Enqueued != 0 {
			t.Errorf("the second pass enqueued %d of %s", r.Enqueued, r.Name)
		}
	}
	last, err := reminders.JobRuns(ctx, d)
	if err != nil || len(last) != len(again) || last[0].Runs != 2 || !strings.HasPrefix(last[0].LastAt, "2026-11-24T16:00") {
		t.Errorf("job runs %+v %v", last, err)
	}
}

// TestRemindCommand runs `mentorlms remind --once --at` over a demo database: it reports each
// job by name; without --once, or with an instant that is none, it says what to write.
func TestRemindCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := runCLI(t, "", "demo", "--db", path); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "", "remind", "--once", "--at", "2026-12-24T16:00+01:00", "--db", path)
	if code != 0 || strings.Count(out, "mentorlms: ") != 7 || !strings.Contains(out, "16:00") || !strings.Contains(out, "7:00") {
		t.Errorf("remind: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "", "remind", "--db", path); code != 2 || !strings.Contains(errOut, "--once") {
		t.Errorf("without --once: %d %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "", "remind", "--once", "--at", "zítra", "--db", path); code != 2 || !strings.Contains(errOut, "zítra") || !strings.Contains(errOut, "2026-12-24T16:00+01:00") {
		t.Errorf("a bad instant: %d %q", code, errOut)
	}
}

// TestUnmarkedAttendanceReminders: a day after a session whose sheet is not complete, its
// lecturer is reminded; after three days the region's coordinator too; each once.
func TestUnmarkedAttendanceReminders(t *testing.T) {
	h := newHarness(t)
	h.person("spravce@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	// Two sessions on 2. 3. 2026 in Prague, 9:30–11:00 and 11:15–12:15, nobody marked.
	h.checkinRun("lektor@test.cz", "ucastnik@test.cz")
	att := attendanceOf(h.d)
	for _, step := range []struct {
		at   string
		want int
	}{{"2026-03-02 12:00", 0}, {"2026-03-03 10:59", 0}, {"2026-03-03 11:00", 1}, {"2026-03-03 12:15", 1},
		{"2026-03-04 11:00", 0}, {"2026-03-05 11:00", 1}, {"2026-03-05 12:15", 1}, {"2026-03-06 11:00", 0}} {
		n, err := att.RemindUnmarked(context.Background(), prague(step.at))
		if err != nil || n != step.want {
			t.Errorf("at %s: %d new, want %d (%v)", step.at, n, step.want, err)
		}
	}
	var who []string
	if err := h.d.R.Select(&who, `SELECT n.kind || ' ' || p.email FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.key LIKE 'attendance-missing%' ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	want := []string{"attendance_missing lektor@test.cz", "attendance_missing lektor@test.cz",
		"attendance_missing_coordinator koordinator@test.cz", "attendance_missing_coordinator koordinator@test.cz"}
	if !slices.Equal(who, want) {
		t.Errorf("reminded %v, want %v", who, want)
	}
}

// TestExpiryReminders: an accreditation ending within 90 days while a run is planned on it (to
// admins), a certificate expiring within 60 days (to its holder) and an active mentor's clean
// extract ageing out within 30 days (to the region's coordinator and admins), each once.
func TestExpiryReminders(t *testing.T) {
	w := newSupervisionWorld(t) // the harness's day is 2. 3. 2026
	h := w.h
	exec := func(q string, args ...any) int64 { t.Helper(); return w.exec(t, q, args...) }
	w.certify(t, w.marie.ID, "2025-04-01")
	// Clean on 20. 3. 2025: counts until 20. 3. 2026, within 30 days of 2. 3. 2026.
	exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2025-03-20', 1, '2025-03-21', '')`, w.marie.ID)

	seminar := exec(`INSERT INTO courses (code, title, kind, validity_months, created_at, updated_at)
		VALUES ('S', 'Práce s dluhy', 'accredited_seminar', 12, '', '')`)
	exec(`INSERT INTO accreditations (course_id, body, number, valid_from, valid_until, theory_hours, practice_hours)
		VALUES (?, 'MPSV', 'A-1', '2023-01-01', '2026-05-31', 6, 0)`, seminar)
	exec(`INSERT INTO runs (course_id, starts_on, ends_on, region_code, capacity, status, created_at, updated_at)
		VALUES (?, '2026-04-20', '2026-04-20', 'ULK', 10, 'open', '', '')`, seminar)
	old := exec(`INSERT INTO runs (course_id, starts_on, ends_on, region_code, capacity, status, created_at, updated_at)
		VALUES (?, '2025-04-20', '2025-04-20', 'ULK', 10, 'finished', '', '')`, seminar)
	e2 := exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
		VALUES (?, ?, 'enrolled', '', '', '2025-04-20T16:00:00Z')`, old, w.jan.ID)
	exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on, issued_at,
		issued_by, content, pdf, valid_until) VALUES (?, ?, ?, 'S', 2025, 1, 'S/2025/0001', 'BBBBBBBBBBBB', '2025-04-22', '', ?, '{}', x'00', '2026-04-22')`,
		e2, w.jan.ID, old, w.jan.ID)

	runs, err := reminders.RunAll(context.Background(), h.d, jobsOf(h.d, 0), h.clock())
	if err != nil {
		t.Fatal(err)
	}
	var who []string
	if err := h.d.R.Select(&who, `SELECT n.kind || ' ' || p.email FROM notifications n JOIN persons p ON p.id = n.person_id
		WHERE n.kind IN ('record_stale', 'accreditation_expiring', 'certificate_expiring') ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	want := []string{"accreditation_expiring admin@test.cz", "certificate_expiring jan@test.cz",
		"record_stale admin@test.cz", "record_stale koordinator@test.cz"}
	if !slices.Equal(who, want) {
		t.Errorf("reminded %v, want %v (%+v)", who, want, runs)
	}
	again, err := reminders.RunAll(context.Background(), h.d, jobsOf(h.d, 0), h.clock().Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if r.Enqueued != 0 && r.Name != "supervision" {
			t.Errorf("the next day %s enqueued %d again", r.Name, r.Enqueued)
		}
	}
}
