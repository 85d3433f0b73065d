package main

import (
	"context"
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

// TestBrowserRunPageOnAPhone: the page of a run, with a long schedule, a cancelled session and
// the admin's controls, the catalog and the course page read on a phone without scrolling
// sideways, and a cancelled session is drawn struck through.
func TestBrowserRunPageOnAPhone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "browser.db")
	runPath, coursePath := scheduleForBrowser(t, path)
	srv := startServer(t, config{DB: path})
	ctx := onAPhone(t, srv.base, "", "admin@test.cz", testPassword, chromedp.CSS(".tiles"))
	for _, page := range []string{runPath, "/runs?status=all", coursePath, runPath + "/sessions/new"} {
		in(t, ctx, page, chromedp.Steps(
			chromedp.Navigate(srv.base+page),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		))
		if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
			t.Errorf("%s: %s", page, s)
		}
	}
	in(t, ctx, "run", chromedp.Navigate(srv.base+runPath))
	struck := in(t, ctx, "struck", chromedp.Evaluate[string](
		`getComputedStyle(document.querySelector("tr.cancelled del")).textDecorationLine`))
	if !strings.Contains(struck, "line-through") {
		t.Errorf("a cancelled session is drawn %q", struck)
	}
}

// scheduleForBrowser fills the database at path with an admin, a lecturer and a run of a
// course with long names and a schedule of ten sessions, one of them cancelled.
func scheduleForBrowser(t *testing.T, path string) (runPath, coursePath string) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	now := time.Now()
	ps := people.NewService(d)
	if _, err := ps.Create(ctx, nil, people.Input{Email: "admin@test.cz", Name: "Jana Dvořáková", Region: "PHA",
		Password: testPassword, Roles: []string{string(web.RoleAdmin)}}, now); err != nil {
		t.Fatal(err)
	}
	l, err := ps.Create(ctx, nil, people.Input{Email: "lektor@test.cz", Name: "Mgr. Evženie Svobodová-Červeňáková",
		Region: "ULK", Password: testPassword, Roles: []string{string(web.RoleLecturer)}}, now)
	if err != nil {
		t.Fatal(err)
	}
	svc := courses.NewService(d)
	c, err := svc.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "REKV-100",
		Title: "Rekvalifikační kurz Mentor pro klienty Probační a mediační služby České republiky",
		Kind:  courses.KindRequalification, TheoryHours: 60, PracticeHours: 40,
		Accreditation: &courses.AccreditInput{Body: courses.BodyMSMT, Number: "MSMT-12345/2025-1/REKV/2025-0998-PC",
			ValidFrom: "2025-01-01", ValidUntil: "2030-12-31"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddModule(ctx, nil, courses.Module{CourseID: c.ID, Title: "Komunikace s klientem", TheoryHours: 20},
		now); err != nil {
		t.Fatal(err)
	}
	r, err := svc.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2027-03-02", EndsOn: "2027-05-25",
		Town: "Ústí nad Labem", Address: "Velká Hradební 3118/48, budova Krajského úřadu Ústeckého kraje, zasedací místnost č. 214",
		Region: "ULK", Capacity: 12, Status: courses.StatusOpen, LecturerIDs: []int64{l.ID}}, now)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := svc.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: "2027-03-02T09:00:00+01:00", Minutes: 180,
		Kind: courses.Theory, Topic: "Transakční analýza a komunikace s klientem v obtížné životní situaci",
		LecturerID: l.ID, Repeat: &courses.Repeat{EveryDays: 7, Count: 10}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CancelSession(ctx, nil, ss[2].ID, "Lektorka onemocněla; náhradní termín bude oznámen e-mailem všem přihlášeným účastníkům.",
		now); err != nil {
		t.Fatal(err)
	}
	return "/runs/" + itoa(r.ID), "/courses/" + itoa(c.ID)
}
