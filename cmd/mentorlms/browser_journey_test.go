package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// journey is the world of TestBrowserJourney: an accredited seminar with an exam, one day
// (9. 3. 2026, 9:00–13:30 in Děčín), taught by two lecturers; Marie about to apply, Jan
// already enrolled.
type journey struct {
	run, session, marie, jan int64
}

func journeyWorld(t *testing.T, path string, at time.Time) journey {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ps := people.NewService(d)
	made := map[string]people.Person{}
	for _, p := range []struct{ email, name, role, region string }{
		{"admin@test.cz", "Jana Dvořáková", "admin", "PHA"}, {"koordinator@test.cz", "Petr Horváth", "coordinator", "ULK"},
		{"lektor1@test.cz", "Eva Svobodová", "lecturer", "ULK"}, {"lektor2@test.cz", "Tomáš Kučera", "lecturer", "ULK"},
		{"marie@test.cz", "Marie Giňová", "trainee", "ULK"}, {"jan@test.cz", "Jan Bandy", "trainee", "ULK"},
	} {
		in := people.Input{Email: p.email, Name: p.name, Region: p.region, Password: testPassword, Roles: []string{p.role}}
		if p.role == "trainee" {
			in.BirthDate, in.BirthPlace = "1990-05-17", "Děčín"
		}
		if made[p.email], err = ps.Create(ctx, nil, in, at); err != nil {
			t.Fatal(err)
		}
	}
	admin := made["admin@test.cz"].Principal("")
	day := at.AddDate(0, 0, -3).In(web.Prague).Format(web.DateLayout)
	for _, who := range []string{"marie@test.cz", "jan@test.cz"} {
		clean := true
		if _, err := ps.SetEvidence(ctx, admin, made[who].ID, people.EvidenceInput{RecordCheck: &people.RecordCheckInput{
			IssuedOn: day, Clean: &clean, VerifiedOn: day}}, at); err != nil {
			t.Fatal(err)
		}
	}
	cs := courses.NewService(d)
	c, err := cs.SaveCourse(ctx, admin, 0, courses.CourseInput{Code: "S-DLUHY", Title: "Řešení finanční situace zadlužených osob",
		Kind: courses.KindAccreditedSeminar, TheoryHours: 6, RequiresExam: true, Accreditation: &courses.AccreditInput{
			Body: courses.BodyMPSV, Number: "2014/0998-PC/SP/VP/PP", ValidFrom: "2025-01-01", ValidUntil: "2030-12-31"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, admin, c.ID, 0, courses.RunInput{StartsOn: "2026-03-09", EndsOn: "2026-03-09", Town: "Děčín",
		Address: "Husovo nám. 69/14", Region: "ULK", Capacity: 9, Status: courses.StatusOpen,
		LecturerIDs: []int64{made["lektor1@test.cz"].ID, made["lektor2@test.cz"].ID}}, at)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := cs.AddSessions(ctx, admin, r.ID, courses.SessionInput{StartsAt: "2026-03-09T09:00:00+01:00", Minutes: 270,
		Kind: courses.Theory, Topic: "Dluhy, exekuce a insolvence", LecturerID: made["lektor1@test.cz"].ID}, at)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := enrollment.NewService(d).Apply(ctx, admin, r.ID, made["jan@test.cz"].ID, at); err != nil {
		t.Fatal(err)
	}
	return journey{run: r.ID, session: ss[0].ID, marie: made["marie@test.cz"].ID, jan: made["jan@test.cz"].ID}
}

// clearNotices takes away the notices a page shows, so that the notice waited for after a
// click is the answer's, not one the page had before.
var clearNotices = chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("p.notice").forEach(n => n.remove())`)

// shots saves a screenshot of each step into MENTORLMS_E2E_SHOTS, when it names a directory.
type shots struct {
	t   *testing.T
	dir string
	n   int
}

func (s *shots) take(ctx context.Context, name string) {
	s.t.Helper()
	if s.dir == "" {
		return
	}
	s.n++
	png := in(s.t, ctx, "screenshot "+name, chromedp.FullScreenshot(90))
	if err := os.WriteFile(filepath.Join(s.dir, fmt.Sprintf("%02d-%s.png", s.n, name)), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// TestBrowserJourney walks the whole path of a trainee through a seminar in real Chromium, on a
// phone where people would hold one, the server's clock moving through the days: Marie applies
// and reads why she may; the coordinator approves; on the day, one lecturer marks her present
// on a phone while the other saves the list he opened before, without overwriting her mark;
// the exam is recorded; the admin issues the certificate; Marie downloads it and it says what
// it should; the public verification shows it valid, then revoked with the reason.
func TestBrowserJourney(t *testing.T) {
	chromium(t)
	pdftest.Available(t)
	var clock atomic.Pointer[time.Time]
	set := func(s string) {
		at := prague(s)
		clock.Store(&at)
	}
	set("2026-03-02 10:00")
	path := filepath.Join(t.TempDir(), "journey.db")
	w := journeyWorld(t, path, *clock.Load())
	srv := startServer(t, config{DB: path, clock: func() time.Time { return *clock.Load() }, Certificates: withTestIssuer})
	sh := &shots{t: t, dir: os.Getenv("MENTORLMS_E2E_SHOTS")}
	if sh.dir != "" {
		if err := os.MkdirAll(sh.dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	run := itoa(w.run)

	// Monday a week before: Marie applies and reads why she may.
	marie := onAPhone(t, srv.base, "/runs/"+run+"/apply", "marie@test.cz", testPassword, chromedp.CSS("ul.rules"))
	rules := in(t, marie, "rules", chromedp.Text(chromedp.CSS("ul.rules")))
	for _, want := range []string{"Rejstřík trestů", "18"} {
		if !strings.Contains(rules, want) {
			t.Errorf("the eligibility explanation lacks %q: %s", want, rules)
		}
	}
	sh.take(marie, "prihlaska")
	in(t, marie, "apply", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".own-state")),
	))
	if s := in(t, marie, "applied", chromedp.Text(chromedp.CSS(".own-state"))); !strings.Contains(s, "čeká na posouzení") {
		t.Errorf("after applying: %q", s)
	}

	// The coordinator approves from the run's roster.
	set("2026-03-02 11:00")
	coordinator := onAPhone(t, srv.base, "/runs/"+run+"/roster", "koordinator@test.cz", testPassword,
		chromedp.CSS(`form[action$="/approve"] button`))
	sh.take(coordinator, "schvaleni")
	in(t, coordinator, "approve", chromedp.Steps(
		clearNotices,
		chromedp.Click(chromedp.CSS(`form.inline[action$="/approve"] button`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	if n := in(t, coordinator, "approved", chromedp.Text(chromedp.CSS("p.notice"))); n != "Marie Giňová: zapsáno do běhu." {
		t.Errorf("after approving: %q", n)
	}
	var status string
	sheetOf := func() *db.DB {
		d, err := db.OpenExisting(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := sheetOf()
	defer d.Close()
	if err := d.R.Get(&status, `SELECT status FROM enrollments WHERE run_id = ? AND person_id = ?`, w.run, w.marie); err != nil || status != "enrolled" {
		t.Fatalf("after approving Marie is %q (%v)", status, err)
	}

	// On the day, an hour into the session: Tomáš opens the list first, Eva marks Marie on her
	// phone and saves, then Tomáš marks Jan on the page he opened before and saves.
	set("2026-03-09 10:00")
	sheet := fmt.Sprintf("/runs/%s/sessions/%d/attendance", run, w.session)
	tomas := onAPhone(t, srv.base, sheet, "lektor2@test.cz", testPassword, chromedp.CSS("ol.mark-list"))
	eva := onAPhone(t, srv.base, sheet, "lektor1@test.cz", testPassword, chromedp.CSS("ol.mark-list"))
	in(t, eva, "mark Marie", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="st-`+itoa(w.marie)+`-present"]`)),
		clearNotices,
		chromedp.Click(chromedp.CSS(".save-bar button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	sh.take(eva, "dochazka")
	in(t, tomas, "mark Jan", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="st-`+itoa(w.jan)+`-present"]`)),
		clearNotices,
		chromedp.Click(chromedp.CSS(".save-bar button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	checked := in(t, tomas, "marks", chromedp.Evaluate[string](`[...document.querySelectorAll(".seg-options input:checked")].map(i => i.id).sort().join(" ")`))
	if want := fmt.Sprintf("st-%d-present st-%d-present", w.jan, w.marie); checked != want && checked != fmt.Sprintf("st-%d-present st-%d-present", w.marie, w.jan) {
		t.Errorf("after both saves the list shows %q, want Marie and Jan present", checked)
	}
	var by string
	if err := d.R.Get(&by, `SELECT p.email FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id
		JOIN persons p ON p.id = a.recorded_by WHERE a.session_id = ? AND e.person_id = ?`, w.session, w.marie); err != nil || by != "lektor1@test.cz" {
		t.Errorf("Marie's mark was recorded by %q (%v), want Eva's", by, err)
	}

	// After the session Eva records the exam.
	set("2026-03-09 14:00")
	var enrolment int64
	if err := d.R.Get(&enrolment, `SELECT id FROM enrollments WHERE run_id = ? AND person_id = ?`, w.run, w.marie); err != nil {
		t.Fatal(err)
	}
	// Four hours on, her session has lapsed: she signs in again, straight to the exam.
	eva = onAPhone(t, srv.base, fmt.Sprintf("/enrollments/%d/exam", enrolment), "lektor1@test.cz", testPassword,
		chromedp.ID("member-0"))
	in(t, eva, "exam", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="part-written-passed"]`)),
		chromedp.Click(chromedp.CSS(`label[for="part-oral-passed"]`)),
		chromedp.Click(chromedp.CSS(`input[name="identity_checked"]`)),
		chromedp.SendKeys(chromedp.ID("member-0"), "Eva Svobodová"),
		chromedp.SendKeys(chromedp.ID("member-1"), "Tomáš Kučera"),
		chromedp.SendKeys(chromedp.ID("member-2"), "Jana Dvořáková"),
		chromedp.Click(chromedp.CSS(`input[name="chair"][value="0"]`)),
	))
	sh.take(eva, "zkouska")
	// The notice to wait for is the answer's: one the form's own page showed is taken away first.
	in(t, eva, "save exam", chromedp.Steps(
		clearNotices,
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	var outcome string
	if err := d.R.Get(&outcome, `SELECT outcome FROM exams WHERE enrollment_id = ? ORDER BY id DESC LIMIT 1`, enrolment); err != nil || outcome != "passed" {
		t.Fatalf("the exam is recorded as %q (%v), want passed", outcome, err)
	}

	// The next morning the admin issues the certificate from the completion table.
	set("2026-03-10 09:00")
	admin := onAPhone(t, srv.base, "/runs/"+run+"/completion", "admin@test.cz", testPassword,
		chromedp.CSS(fmt.Sprintf(`form[action="/enrollments/%d/certificate"] button`, enrolment)))
	in(t, admin, "issue", chromedp.Steps(
		clearNotices,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`form[action="/enrollments/%d/certificate"] button`, enrolment))),
		// It asks first: a number of the register is taken for good.
		chromedp.WaitVisible(chromedp.CSS(`form .actions button.danger`)),
		chromedp.Click(chromedp.CSS(`form .actions button.danger`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	sh.take(admin, "vydani")
	var id int64
	var number, code string
	if err := d.R.QueryRow(`SELECT id, number, code FROM certificates WHERE enrollment_id = ?`, enrolment).Scan(&id, &number, &code); err != nil {
		t.Fatalf("no certificate after issuing: %v", err)
	}

	// Marie, told by e-mail, signs in on her phone and downloads it; the PDF says who, what and
	// its number.
	marie = onAPhone(t, srv.base, "/my/certificates", "marie@test.cz", testPassword,
		chromedp.CSS(fmt.Sprintf(`a[href="/certificates/%d/pdf"]`, id)))
	sh.take(marie, "moje-osvedceni")
	b64 := in(t, marie, "download", chromedp.Evaluate[string](fmt.Sprintf(`fetch("/certificates/%d/pdf").then(r => r.arrayBuffer()).then(b => {
		let s = ""; const u = new Uint8Array(b); for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]); return btoa(s) })`, id),
		chromedp.EvalAwaitPromise))
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, raw)
	for _, want := range []string{"Marie Giňová", "Řešení finanční situace zadlužených osob", number, "17. 5. 1990"} {
		if !strings.Contains(text, want) {
			t.Errorf("the certificate Marie downloaded lacks %q:\n%s", want, text)
		}
	}

	// Anyone checks it by its code: valid; the admin revokes it with a reason; now it says so.
	visitor := newBrowser(t)
	if err := chromedp.Do(visitor, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(srv.base+"/verify/"+code)); err != nil {
		t.Fatal(err)
	}
	if s := in(t, visitor, "verify", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(s, "Osvědčení je platné.") {
		t.Errorf("the verification page of a fresh certificate: %s", s)
	}
	sh.take(visitor, "overeni-platne")
	reason := "Vydáno omylem na jiný běh."
	in(t, admin, "revoke", chromedp.Steps(
		chromedp.Navigate(srv.base+fmt.Sprintf("/certificates/%d", id)),
		chromedp.WaitVisible(chromedp.ID("reason")),
		chromedp.SendKeys(chromedp.ID("reason"), reason),
		chromedp.Click(chromedp.CSS(`form[action$="/revoke"] button`)),
		chromedp.WaitVisible(chromedp.ID("confirm-title")),
	))
	sh.take(admin, "zneplatneni")
	in(t, admin, "confirm", chromedp.Steps(
		clearNotices,
		chromedp.Click(chromedp.CSS("main form .actions button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	in(t, visitor, "verify again", chromedp.Steps(chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("main"))))
	s := in(t, visitor, "verify", chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(s, "Osvědčení bylo zneplatněno 10. 3. 2026 a neplatí.") || !strings.Contains(s, reason) {
		t.Errorf("the verification page of the revoked certificate: %s", s)
	}
	sh.take(visitor, "overeni-zneplatnene")
	for name, ctx := range map[string]context.Context{"Marie": marie, "Eva": eva, "admin": admin, "visitor": visitor} {
		if w := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); w != "" {
			t.Errorf("%s's last page: %s", name, w)
		}
	}
}
