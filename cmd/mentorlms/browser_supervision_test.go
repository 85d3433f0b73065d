package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorlms/web"
)

// TestBrowserSupervisionOnAPhone walks the supervision pages of the demo on a phone: the
// coordinator's list reads as cards with the overdue mentor first, a meeting is recorded by
// tapping each mentor's choice, the overview draws its chart, and a mentor reads their own
// supervisions. No page scrolls sideways.
func TestBrowserSupervisionOnAPhone(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "supervision.db"), Demo: true})
	ctx := onAPhone(t, srv.base, "/supervision", "koordinator@mentorlms.example", "mentoring-demo", chromedp.CSS("table.cards"))
	first := in(t, ctx, "first row", chromedp.Text(chromedp.CSS("table.cards tbody tr")))
	if !strings.Contains(first, "Kristýna Berkyová") || !strings.Contains(first, "po termínu") {
		t.Errorf("the first mentor is %q", first)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("list: %s", s)
	}

	// Record yesterday's group supervision (today's 8:00 may lie ahead when the test runs
	// early): Renata attended, Josef excused, an external supervisor.
	yesterday := time.Now().In(web.Prague).AddDate(0, 0, -1).Format(web.DateLayout)
	in(t, ctx, "form", chromedp.Steps(
		chromedp.Navigate(srv.base+"/supervision/meetings/new"),
		chromedp.WaitVisible(chromedp.CSS(".mark-list")),
	))
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("form: %s", s)
	}
	// Each choice is tapped on its label, found by the mentor's name.
	mark := func(name, value string) {
		t.Helper()
		id := in(t, ctx, "find "+name, chromedp.Evaluate[string](`[...document.querySelectorAll(".mark-row")]
			.find(li => li.querySelector("legend").textContent.trim() === "`+name+`")
			.querySelector('input[value="`+value+`"]').id`))
		in(t, ctx, "tap "+name, chromedp.Click(chromedp.CSS(`label[for="`+id+`"]`)))
	}
	mark("Renata Mirgová", "a")
	mark("Josef Lakatoš", "e")
	in(t, ctx, "marks", chromedp.Steps(
		chromedp.SetValue(chromedp.ID("held_on"), yesterday),
		chromedp.SetValue(chromedp.ID("time"), "8:00"),
		chromedp.SendKeys(chromedp.ID("supervisor"), "PhDr. Alena Krátká"),
		chromedp.SendKeys(chromedp.ID("note"), "Téma: první měsíce po kurzu."),
		chromedp.Submit(chromedp.ID("note")),
		chromedp.WaitVisible(chromedp.CSS(".notice")),
	))
	page := in(t, ctx, "meeting", chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Supervize je zapsaná", "PhDr. Alena Krátká", "Renata Mirgová", "Josef Lakatoš", "1 omluvený"} {
		if !strings.Contains(page, want) {
			t.Errorf("the meeting's page lacks %q: %q", want, page)
		}
	}

	in(t, ctx, "overview", chromedp.Steps(
		chromedp.Navigate(srv.base+"/supervision/overview"),
		chromedp.WaitVisible(chromedp.CSS("svg.chart")),
	))
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("overview: %s", s)
	}

	mentor := onAPhone(t, srv.base, "/my/supervision", "renata.mirgova@mentorlms.example", "mentoring-demo", chromedp.CSS("table.cards"))
	own := in(t, mentor, "own", chromedp.Text(chromedp.CSS("main")))
	for _, want := range []string{"Moje supervize", "v pořádku", "PhDr. Alena Krátká", "Mgr. Eva Svobodová"} {
		if !strings.Contains(own, want) {
			t.Errorf("the mentor's page lacks %q: %q", want, own)
		}
	}
	if strings.Contains(own, "Kristýna Berkyová") {
		t.Error("a mentor sees who else attended")
	}
	if s := in(t, mentor, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("own: %s", s)
	}
}
