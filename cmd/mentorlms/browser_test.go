package main

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser. CI installs it and sets CI, so there a missing browser fails the
// run; on a developer's machine without one the browser tests are skipped, and say so.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("Chromium is not installed; .ci/run installs it")
	}
	t.Skip("Chromium is not installed: apt-get install chromium to run the browser tests")
	return ""
}

// newBrowser starts headless Chromium with a phone-sized window, as a lecturer would hold it.
// The browser lives as long as the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(390, 844),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	return ctx
}

// in runs one step with a deadline, so that a page that never shows fails the test instead of
// hanging it.
func in[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// onAPhone opens a phone-sized browser at base, signs in as email with password, lands on next
// (the dashboard when "") and waits until ready is visible there. The browser is closed before
// the server, which then has no open connections to wait for.
func onAPhone[S chromedp.Selectable](t *testing.T, base, next, email, password string, ready S) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	login := base + "/login"
	if next != "" {
		login += "?next=" + url.QueryEscape(next)
	}
	// The first run starts the browser; it must not carry a deadline, which would end the browser.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
		chromedp.Navigate(login),
	); err != nil {
		t.Fatalf("start: %v", err)
	}
	in(t, ctx, "sign-in", chromedp.Steps(
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), password),
		chromedp.Submit(chromedp.ID("password")),
		// The sign-in page has what some callers wait for (main h1), so first wait for a page
		// only a signed-in person sees: a navigation started before it has loaded would abort it.
		chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)),
		chromedp.WaitVisible(ready),
	))
	return ctx
}

// noSideways is "" when the page does not scroll sideways.
const noSideways = `document.documentElement.scrollWidth <= document.documentElement.clientWidth ? "" : "the page scrolls sideways"`

// TestBrowserSignInOnAPhone signs in on a phone-sized screen, checks that no page scrolls
// sideways, that the people list reads as cards, and that the language switch works.
func TestBrowserSignInOnAPhone(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "browser.db"), Demo: true})
	ctx := onAPhone(t, srv.base, "", "koordinator@mentorlms.example", "mentoring-demo", chromedp.CSS(".tiles"))
	heading := in(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1")))
	if heading != "Dobrý den, Petr Horváth" {
		t.Errorf("dashboard heading %q", heading)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("dashboard: %s", s)
	}

	in(t, ctx, "people", chromedp.Steps(
		chromedp.Navigate(srv.base+"/people"),
		chromedp.WaitVisible(chromedp.CSS("table.cards")),
	))
	names := in(t, ctx, "names", chromedp.Text(chromedp.CSS("table.cards tbody")))
	if !strings.Contains(names, "Marie Giňová") || strings.Contains(names, "Roman Balog") {
		t.Errorf("the coordinator of Ústecký kraj sees: %q", names)
	}
	cards := in(t, ctx, "cards", chromedp.Evaluate[bool](
		`getComputedStyle(document.querySelector("table.cards thead")).position === "absolute"`))
	if !cards {
		t.Error("on a phone the people list should read as cards")
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("people: %s", s)
	}

	in(t, ctx, "language", chromedp.Steps(
		chromedp.Click(chromedp.CSS(".nav-menu > summary")),
		chromedp.Click(chromedp.CSS(`.nav-menu button[name="lang"][value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en"] body`)),
		chromedp.Navigate(srv.base+"/"),
		chromedp.WaitVisible(chromedp.CSS(".tiles")),
	))
	if h := in(t, ctx, "heading", chromedp.Text(chromedp.CSS("h1"))); h != "Hello, Petr Horváth" {
		t.Errorf("after switching to English: heading %q", h)
	}
}
