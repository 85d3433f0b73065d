package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mentorlms/db"
)

// TestBrowserLapsedSessionKeepsMarks: the lecturer marks the roster on a phone, but the session
// ends before they save (it is deleted on the server, as a lapse would). Saving asks them to
// sign in again and keeps the marks; after signing in, one button sends them, and they are
// stored.
func TestBrowserLapsedSessionKeepsMarks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lapse.db")
	sheet, ids := attendanceForBrowser(t, path)
	srv := startServer(t, config{DB: path})
	ctx := onAPhone(t, srv.base, sheet, "lektor@test.cz", testPassword, chromedp.CSS("ol.mark-list"))
	in(t, ctx, "marks", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`label[for="st-`+ids[0]+`-present"]`)),
		chromedp.Click(chromedp.CSS(`label[for="st-`+ids[1]+`-absent"]`)),
	))
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.W.Exec(`DELETE FROM auth_sessions`); err != nil {
		t.Fatal(err)
	}
	in(t, ctx, "save after the lapse", chromedp.Steps(
		chromedp.Click(chromedp.CSS(".save-bar button")),
		chromedp.WaitVisible(chromedp.ID("replay-title")),
	))
	text := in(t, ctx, "replay page", chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(text, "Přihlášení vypršelo") || !strings.Contains(text, "vyplněné údaje zůstanou") {
		t.Errorf("the lapse page reads %q", text)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("lapse page: %s", s)
	}
	in(t, ctx, "sign in again", chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("email"), "lektor@test.cz"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.CSS("main form .actions button")),
	))
	if h := in(t, ctx, "heading", chromedp.Text(chromedp.ID("replay-title"))); h != "Formulář je potřeba odeslat znovu" {
		t.Errorf("after sign-in: %q", h)
	}
	in(t, ctx, "send again", chromedp.Steps(
		chromedp.Click(chromedp.CSS("main form .actions button")),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	))
	var marks []string
	if err := d.R.Select(&marks, `SELECT a.status FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id
		WHERE e.person_id IN (?, ?) ORDER BY e.person_id`, ids[0], ids[1]); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(marks) != "[present absent]" {
		t.Errorf("stored marks %v, want [present absent]", marks)
	}
}
