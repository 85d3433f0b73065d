package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// TestBrowserAttendanceOnAPhone: the lecturer opens the attendance list of a session that is on
// now, on a phone, taps a mark for each person, types the minutes of a late one, saves, and
// finds the marks kept; the page never scrolls sideways and the segments are big enough to tap.
func TestBrowserAttendanceOnAPhone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "browser.db")
	sheet, ids := attendanceForBrowser(t, path)
	srv := startServer(t, config{DB: path})
	ctx := onAPhone(t, srv.base, sheet, "lektor@test.cz", testPassword, chromedp.CSS("ol.mark-list"))
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("attendance list: %s", s)
	}
	small := in(t, ctx, "tap targets", chromedp.Evaluate[int](
		`[...document.querySelectorAll(".seg-options label")].filter(l => l.getBoundingClientRect().height < 44).length`))
	if small != 0 {
		t.Errorf("%d segments are smaller than 44 px", small)
	}
	if apology := in(t, ctx, "apology", chromedp.Text(chromedp.ID("person-"+ids[2]))); !strings.Contains(apology, "Omluva předem") {
		t.Errorf("the apologised row reads %q", apology)
	}
	in(t, ctx, "marks", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="st-`+ids[0]+`-present"]`)),
	))
	shown := func(id string) string {
		return in(t, ctx, "minutes field", chromedp.Evaluate[string](`getComputedStyle(document.getElementById("min-`+id+`").parentElement).display`))
	}
	if d := shown(ids[1]); d != "none" {
		t.Errorf("the minutes field shows before 'late' is chosen: %q", d)
	}
	in(t, ctx, "late", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="st-`+ids[1]+`-late"]`)),
	))
	if d := shown(ids[1]); d == "none" {
		t.Error("the minutes field stays hidden for a late arrival")
	}
	in(t, ctx, "save", chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("min-"+ids[1]), "45"),
		chromedp.Click(chromedp.CSS(".save-bar button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	notice := in(t, ctx, "notice", chromedp.Text(chromedp.CSS("p.notice")))
	count := in(t, ctx, "count", chromedp.Text(chromedp.ID("unmarked")))
	if notice != "Docházka je uložená." || count != "Docházka je zapsaná u všech." {
		t.Errorf("after saving: %q, %q", notice, count)
	}
	checked := in(t, ctx, "checked", chromedp.Evaluate[string](`[...document.querySelectorAll(".seg-options input:checked")].map(i => i.id).join(" ")`))
	want := fmt.Sprintf("st-%s-present st-%s-late st-%s-excused", ids[0], ids[1], ids[2])
	if checked != want {
		t.Errorf("checked after saving: %q, want %q", checked, want)
	}
	if v := in(t, ctx, "minutes", chromedp.Value(chromedp.ID("min-"+ids[1]))); v != "45" {
		t.Errorf("minutes after saving: %q", v)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("after saving: %s", s)
	}
}

// attendanceForBrowser fills the database at path with a lecturer and a run of hers whose
// session began within the last two hours, three trainees with long names enrolled in it, the last of whom
// apologised the day before. It returns the list's path and the trainees' ids in the list's
// order (by surname).
func attendanceForBrowser(t *testing.T, path string) (string, [3]string) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	now := time.Now()
	ps := people.NewService(d)
	l, err := ps.Create(ctx, nil, people.Input{Email: "lektor@test.cz", Name: "Mgr. Evženie Svobodová-Červeňáková",
		Region: "ULK", Password: testPassword, Roles: []string{string(web.RoleLecturer)}}, now)
	if err != nil {
		t.Fatal(err)
	}
	var ids [3]string
	var persons [3]people.Person
	for i, name := range []string{"Anna Adamová-Wolfensteinová", "Bohumil Bartoloměj Braunschweiger", "Cecílie Czernínová"} {
		p, err := ps.Create(ctx, nil, people.Input{Email: fmt.Sprintf("ucastnik%d@test.cz", i), Name: name, Region: "ULK",
			BirthDate: "1990-05-17", Password: testPassword, Roles: []string{string(web.RoleTrainee)}}, now)
		if err != nil {
			t.Fatal(err)
		}
		persons[i], ids[i] = p, itoa(p.ID)
	}
	svc := courses.NewService(d)
	c, err := svc.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "DLUHY", Title: "Řešení finanční situace zadlužených osob",
		Kind: courses.KindAccreditedSeminar, TheoryHours: 6, Accreditation: &courses.AccreditInput{Body: courses.BodyMPSV,
			Number: "2014/0998-PC/SP/VP/PP", ValidFrom: "2025-01-01", ValidUntil: "2035-12-31"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	day, start := sessionNow(now)
	minutes := min(270, int(day.AddDate(0, 0, 1).Sub(start).Minutes()))
	r, err := svc.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: courses.PragueDay(start),
		EndsOn: courses.PragueDay(start.Add(24 * time.Hour)), Town: "Děčín", Address: "Masarykovo nám. 1", Region: "ULK",
		Capacity: 9, Status: courses.StatusOpen, LecturerIDs: []int64{l.ID}}, now)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := svc.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: start.Format(time.RFC3339), Minutes: minutes,
		Kind: courses.Theory, Topic: "Dluhy, exekuce a insolvence: jak číst usnesení soudu", LecturerID: l.ID}, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range persons {
		if _, err := d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, 'enrolled', '', '')`, r.ID, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	me := &web.Principal{ID: persons[2].ID, Roles: []web.Role{web.RoleTrainee}}
	if _, err := attendanceOf(d).Apologise(ctx, me, ss[0].ID, "Lékař, objednáno už před měsícem",
		start.Add(-24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/runs/%d/sessions/%d/attendance", r.ID, ss[0].ID), ids
}

// sessionNow is the Prague day of now and the start of a session under way then: it began up
// to two hours ago, on the same day, as every session must end on its Prague day.
func sessionNow(now time.Time) (day, start time.Time) {
	day, _ = time.ParseInLocation(web.DateLayout, courses.PragueDay(now), web.Prague)
	start = now.Add(-time.Hour).Truncate(time.Hour)
	if start.Before(day) {
		start = day
	}
	return day, start
}
