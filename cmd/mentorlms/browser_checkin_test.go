package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mentorlms/web"
)

// TestBrowserCheckinScreen: the lecturer's check-in screen is open in Chromium on a phone while
// a trainee checks in from their own phone; the name appears on the screen without a reload,
// the count follows, and the QR code is drawn. The run's completion table fits the phone too. The harness's clock holds still during the
// session, so the code on the screen is the one the trainee scans.
func TestBrowserCheckinScreen(t *testing.T) {
	chromium(t) // skip before building anything when there is no browser
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("eva@test.cz", "Eva Horváthová", "ULK", web.RoleTrainee)
	run, session := h.checkinRun("lektor@test.cz", "marie@test.cz", "eva@test.cz")
	screen := "/runs/" + itoa(run) + "/sessions/" + itoa(session) + "/checkin"

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go h.app.Listener(ln)
	t.Cleanup(func() { h.app.ShutdownWithTimeout(5 * time.Second) })
	base := "http://" + ln.Addr().String()

	ctx := onAPhone(t, base, screen, "lektor@test.cz", testPassword, chromedp.CSS("#checkin-qr svg"))
	// The QR code is drawn, square and big enough to scan on a phone.
	if s := in(t, ctx, "qr", chromedp.Evaluate[string](`(() => {
		const svg = document.querySelector("#checkin-qr svg");
		const r = svg.getBoundingClientRect();
		if (svg.querySelector("path").getAttribute("d").length < 200) return "the code has no modules";
		if (r.width < 250 || Math.abs(r.width - r.height) > 1) return "drawn " + r.width + "×" + r.height;
		return "";
	})()`)); s != "" {
		t.Errorf("QR code: %s", s)
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("check-in screen: %s", s)
	}
	code := strings.TrimSpace(in(t, ctx, "code", chromedp.Text(chromedp.ID("checkin-code"))))
	if len(code) != 16 {
		t.Fatalf("code on the screen %q", code)
	}
	// A mark on the window tells a reload (which would clear it) from a swap.
	in(t, ctx, "mark", chromedp.Evaluate[bool](`window.stillHere = true`))

	// The trainee scans: the page of the code, then the button.
	marie := h.browser("marie@test.cz")
	scan := "/checkin/" + itoa(session) + "/" + code
	readBody(t, marie.get(scan))
	if resp := marie.form("POST", scan, nil); resp.StatusCode != 303 {
		t.Fatalf("check-in: %d %s", resp.StatusCode, readBody(t, resp))
	}

	name := in(t, ctx, "arrival", chromedp.Poll[string](
		`document.querySelector("#checkin-arrivals li .arrival-name")?.textContent`,
		chromedp.WithPollingInterval(200*time.Millisecond)))
	if name != "Marie Giňová" {
		t.Errorf("arrival %q", name)
	}
	state := in(t, ctx, "state", chromedp.Evaluate[map[string]any](`({
		still: window.stillHere === true,
		count: document.getElementById("checkin-count").textContent,
		empty: document.getElementById("checkin-empty").hidden,
		qr: !!document.querySelector("#checkin-qr svg path"),
	})`))
	if state["still"] != true {
		t.Error("the screen reloaded instead of swapping the list in")
	}
	if state["count"] != "1 příchod · zapsáno: 2" || state["empty"] != true || state["qr"] != true {
		t.Errorf("screen after the arrival: %v", state)
	}

	// The completion table of the same run reads as cards on the phone, not wider than it.
	in(t, ctx, "completion", chromedp.Steps(
		chromedp.Navigate(base+"/runs/"+itoa(run)+"/completion"),
		chromedp.WaitVisible(chromedp.CSS("table.completion")),
	))
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("completion table: %s", s)
	}
	if rows := in(t, ctx, "rows", chromedp.Text(chromedp.CSS("table.completion tbody"))); !strings.Contains(rows, "Marie Giňová") {
		t.Errorf("completion rows %q", rows)
	}
}
