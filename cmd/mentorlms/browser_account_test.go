package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"mentorlms/db"
	"mentorlms/people"
)

// TestBrowserSecondFactorOnAPhone: on an installation that requires it, an admin signing in
// on a phone is led to set up two-step verification; the QR code shows, the code from the app
// turns it on and the recovery codes appear once; the account lists where they are signed in;
// signing in again asks for the code, and a recovery code lets them in. No page scrolls
// sideways.
func TestBrowserSecondFactorOnAPhone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "second.db")
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := people.NewService(d).Create(context.Background(), nil, people.Input{Email: "admin@test.cz",
		Name: "Jana Dvořáková", Roles: []string{"admin"}, Password: testPassword}, time.Now()); err != nil {
		t.Fatal(err)
	}
	d.Close()
	srv := startServer(t, config{DB: path, SecondFactor: true})
	ctx := onAPhone(t, srv.base, "", "admin@test.cz", testPassword, chromedp.CSS(`img[src^="data:image/png"]`))
	if loaded := in(t, ctx, "QR", chromedp.Evaluate[bool](`document.querySelector('img[src^="data:image/png"]').naturalWidth > 0`)); !loaded {
		t.Error("the QR code does not load")
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("enrolment: %s", s)
	}
	secret := in(t, ctx, "key", chromedp.Text(chromedp.CSS("main ol code")))
	code, err := totp.GenerateCode(strings.TrimSpace(secret), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	in(t, ctx, "code", chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("code"), code),
		chromedp.Submit(chromedp.ID("code")),
		chromedp.WaitVisible(chromedp.CSS("ul.codes")),
	))
	codes := in(t, ctx, "codes", chromedp.Evaluate[[]string](`[...document.querySelectorAll("ul.codes code")].map(c => c.textContent)`))
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes: %v", len(codes), codes)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("recovery codes: %s", s)
	}
	in(t, ctx, "account", chromedp.Steps(
		chromedp.Navigate(srv.base+"/account"),
		chromedp.WaitVisible(chromedp.ID("signins")),
	))
	list := in(t, ctx, "sign-ins", chromedp.Text(chromedp.ID("signins")))
	if !strings.Contains(list, "Chrome") || !strings.Contains(list, "toto zařízení") {
		t.Errorf("the sign-ins read %q", list)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("account: %s", s)
	}
	in(t, ctx, "sign out and in", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`#signins form[action$="/end"] button`)),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "admin@test.cz"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Submit(chromedp.ID("password")),
		chromedp.WaitVisible(chromedp.ID("code")),
	))
	in(t, ctx, "recovery code", chromedp.Steps(
		chromedp.SendKeys(chromedp.ID("code"), codes[3]),
		chromedp.Submit(chromedp.ID("code")),
		chromedp.WaitVisible(chromedp.CSS(".tiles")),
	))
}
