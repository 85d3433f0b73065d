package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserCertificatesOnAPhone: on the demo, the admin's register (with its filters), a
// certificate's page, the run's completion table and the public verification read on a phone
// without scrolling sideways; the verification of the demo's (sample) certificate says it is one.
func TestBrowserCertificatesOnAPhone(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "browser.db"), Demo: true})
	ctx := onAPhone(t, srv.base, "/certificates?year=all", "admin@mentorlms.example", "mentoring-demo", chromedp.CSS("form.filters"))
	if s := in(t, ctx, "register", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("register: %s", s)
	}
	detail := in(t, ctx, "detail link", chromedp.Evaluate[string](`document.querySelector('a[href^="/certificates/"]').getAttribute("href")`))
	in(t, ctx, "detail", chromedp.Steps(
		chromedp.Navigate(srv.base+detail),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	))
	if s := in(t, ctx, "detail width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("%s: %s", detail, s)
	}
	verify := in(t, ctx, "verify link", chromedp.Evaluate[string](`document.querySelector('a[href^="/verify/"]').getAttribute("href")`))
	in(t, ctx, "verify", chromedp.Steps(
		chromedp.Navigate(srv.base+verify),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	))
	if s := in(t, ctx, "verify width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("%s: %s", verify, s)
	}
	// The demo's certificates are samples: their verification must not call them valid.
	verdict := in(t, ctx, "verdict", chromedp.Evaluate[string](`[...document.querySelectorAll(".verdict")].map(v => v.className + ": " + v.innerText).join(" | ")`))
	if !strings.Contains(verdict, "verdict-sample: ! Toto je VZOR") || strings.Contains(verdict, "verdict-valid") {
		t.Errorf("%s: the verdict of a sample is %q", verify, verdict)
	}
}
