package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mentorlms/db"
)

// TestBrowserApplyAndStaffEnrolment, on a phone over the demo: a trainee applies to an open run
// and is told what happens next, on the run's page that then shows where the application
// stands; an admin enrols another trainee from the run's roster after seeing the rules, and
// the roster says so.
func TestBrowserApplyAndStaffEnrolment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "enrol.db")
	srv := startServer(t, config{DB: path, Demo: true})
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var run, roman int64
	if err := d.R.Get(&run, `SELECT r.id FROM runs r JOIN courses c ON c.id = r.course_id WHERE c.code = 'S-JSEMOK'`); err != nil {
		t.Fatal(err)
	}
	if err := d.R.Get(&roman, `SELECT id FROM persons WHERE email = 'roman.balog@mentorlms.example'`); err != nil {
		t.Fatal(err)
	}

	trainee := onAPhone(t, srv.base, "/runs/"+itoa(run)+"/apply", "ucastnik@mentorlms.example", "mentoring-demo", chromedp.CSS("ul.rules"))
	in(t, trainee, "apply", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(".own-state")),
	))
	text := in(t, trainee, "run page", chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Přihláška je odeslaná", "Vaše přihláška čeká na posouzení.", "Zrušit přihlášku"} {
		if !strings.Contains(text, want) {
			t.Errorf("after applying the run's page lacks %q", want)
		}
	}
	if s := in(t, trainee, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("run page: %s", s)
	}

	admin := onAPhone(t, srv.base, "/runs/"+itoa(run)+"/roster?q=balog", "admin@mentorlms.example", "mentoring-demo",
		chromedp.CSS(`a[href="/runs/`+itoa(run)+`/enrol/`+itoa(roman)+`"]`))
	in(t, admin, "enrol page", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`a[href="/runs/`+itoa(run)+`/enrol/`+itoa(roman)+`"]`)),
		chromedp.WaitVisible(chromedp.ID("confirm-title")),
	))
	text = in(t, admin, "enrol page", chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Zapsat do běhu: Roman Balog", "✓ Splněno:", "Rejstřík trestů: výpis je čistý"} {
		if !strings.Contains(text, want) {
			t.Errorf("the enrol page lacks %q: %s", want, text)
		}
	}
	in(t, admin, "enrol", chromedp.Steps(
		chromedp.Click(chromedp.CSS("main form .actions button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	if n := in(t, admin, "notice", chromedp.Text(chromedp.CSS("p.notice"))); n != "Roman Balog: zapsáno do běhu." {
		t.Errorf("after enrolling: %q", n)
	}
}
