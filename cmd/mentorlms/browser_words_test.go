package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mentorlms/db"
)

// brokenWords lists the text of the elements matching a selector in which a word is split
// across lines: two letters of one word (no white space between them) on different lines.
// A break between words is fine; one inside a word ("Nepřítome-n/a", "Withdra-w") is not.
const brokenWords = `((selector) => {
	const out = [];
	for (const el of document.querySelectorAll(selector)) {
		if (!el.getClientRects().length) continue; // not shown
		const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			let top = null;
			for (let i = 0; i < n.length; i++) {
				if (/\s/.test(n.data[i])) { top = null; continue; }
				const r = document.createRange();
				r.setStart(n, i);
				r.setEnd(n, i + 1);
				const box = r.getClientRects()[0];
				if (!box) continue;
				if (top !== null && Math.abs(box.top - top) > 2) { out.push(el.textContent.trim()); break; }
				top = box.top;
			}
		}
	}
	return out.join(" | ");
})`

// overflowing lists the text of the elements matching a selector whose text is wider than
// their content box: a whole word that does not fit runs into the padding or over the
// neighbour instead.
const overflowing = `((selector) => [...document.querySelectorAll(selector)].filter(el => {
	if (!el.getClientRects().length) return false;
	const r = document.createRange();
	r.selectNodeContents(el);
	const css = getComputedStyle(el);
	const room = el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight);
	return r.getBoundingClientRect().width > room + 1;
}).map(el => el.textContent.trim()).join(" | "))`

// TestBrowserWordsStayWhole: on the narrowest phone the lecturer's marks ("Nepřítomen/a") do
// not break inside a word, nor does the trainee's "Withdraw" button on a 1280 px screen; and
// neither page scrolls sideways.
func TestBrowserWordsStayWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "browser.db")
	sheet, _ := attendanceForBrowser(t, path)
	// A course title as long as real ones: it takes the width the table's other columns need.
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.W.Exec(`UPDATE courses SET title = ?`, "Řešení finanční situace zadlužených osob – úvod do "+
		"problematiky pro pracovníky v sociálních službách a mentory Probační a mediační služby ČR"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	srv := startServer(t, config{DB: path})

	ctx := onAPhone(t, srv.base, sheet, "lektor@test.cz", testPassword, chromedp.CSS("ol.mark-list"))
	for _, width := range []int64{320, 360, 390, 640, 768} {
		in(t, ctx, "resize", chromedp.Steps(chromedp.EmulateViewport(width, 800, chromedp.EmulateScale(2),
			chromedp.EmulateMobile), chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("ol.mark-list"))))
		if s := in(t, ctx, "words", chromedp.Evaluate[string](brokenWords+`(".seg-options label, .badge, button, .button")`)); s != "" {
			t.Errorf("%d px: broken inside a word: %s", width, s)
		}
		if s := in(t, ctx, "fit", chromedp.Evaluate[string](overflowing+`(".seg-options label")`)); s != "" {
			t.Errorf("%d px: wider than their box: %s", width, s)
		}
		if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
			t.Errorf("%d px: %s", width, s)
		}
	}
	if !strings.Contains(in(t, ctx, "labels", chromedp.Text(chromedp.CSS(".seg-options"))), "Nepřítomen/a") {
		t.Error("the marks do not offer Nepřítomen/a")
	}

	trainee := onAPhone(t, srv.base, "/my/courses", "ucastnik0@test.cz", testPassword, chromedp.CSS("table.cards"))
	in(t, trainee, "English", chromedp.Steps(
		chromedp.Click(chromedp.CSS(".nav-menu > summary")),
		chromedp.Click(chromedp.CSS(`.nav-menu button[name="lang"][value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] table.cards`)),
	))
	for _, width := range []int64{1280, 1024, 390, 320} {
		in(t, trainee, "resize", chromedp.Steps(chromedp.EmulateViewport(width, 800), chromedp.Reload(),
			chromedp.WaitVisible(chromedp.CSS("table.cards"))))
		if !strings.Contains(in(t, trainee, "button", chromedp.Text(chromedp.CSS("table.cards a.button"))), "Withdraw") {
			t.Fatal("no Withdraw button")
		}
		if s := in(t, trainee, "words", chromedp.Evaluate[string](brokenWords+`("a.button, button, .badge")`)); s != "" {
			t.Errorf("%d px: broken inside a word: %s", width, s)
		}
		if s := in(t, trainee, "fit", chromedp.Evaluate[string](overflowing+`("table.cards a.button")`)); s != "" {
			t.Errorf("%d px: wider than their box: %s", width, s)
		}
		if s := in(t, trainee, "width", chromedp.Evaluate[string](noSideways)); s != "" {
			t.Errorf("%d px: %s", width, s)
		}
	}
}
