package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// axeSource reads axe-core, the accessibility engine, from MENTORLMS_AXE (a path to
// axe.min.js, which .ci/run installs with npm). Under CI a missing engine fails the test;
// elsewhere the test is skipped and says how to run it.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("MENTORLMS_AXE")
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("MENTORLMS_AXE is not set; .ci/run installs axe-core and sets it")
		}
		t.Skip("set MENTORLMS_AXE to axe-core's axe.min.js (npm install axe-core) to check accessibility")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return string(b)
}

// axeRun runs axe-core on the page (WCAG 2.1 A and AA) and returns the serious and critical
// violations, each with up to three of the elements it concerns.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
	.then(r => JSON.stringify(r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
		.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))))`

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAccessibility runs axe-core on the main pages of each role, the supervision pages
// among them, in Czech and in English, on a phone: no serious or critical violation.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	path := filepath.Join(t.TempDir(), "axe.db")
	srv := startServer(t, config{DB: path, Demo: true})
	d, err := db.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	var run int64
	err = d.R.Get(&run, `SELECT id FROM runs WHERE status = 'open' ORDER BY id LIMIT 1`)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	runPage := "/runs/" + itoa(run)
	for _, role := range []struct {
		email string
		pages []string
	}{
		{"", []string{"/", "/runs", runPage, "/login", "/verify"}},
		{"ucastnik@mentorlms.example", []string{"/", "/my/courses", "/my/certificates", "/my/supervision", "/my/sessions", "/inbox", "/account"}},
		{"lektor@mentorlms.example", []string{"/", "/my/sessions", runPage}},
		{"koordinator@mentorlms.example", []string{"/", "/people", "/queue", "/supervision", "/runs?status=all"}},
		{"admin@mentorlms.example", []string{"/", "/people", "/courses", "/certificates", "/audit", "/supervision", "/education/pending", "/jobs"}},
	} {
		who := role.email
		if who == "" {
			who = "visitor"
		}
		t.Run(who, func(t *testing.T) {
			var ctx context.Context
			if role.email == "" {
				ctx = newBrowser(t)
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile),
					chromedp.Navigate(srv.base+"/")); err != nil {
					t.Fatalf("start: %v", err)
				}
			} else {
				ctx = onAPhone(t, srv.base, "", role.email, people.DemoPassword, chromedp.CSS("main h1"))
			}
			for _, lang := range web.Languages {
				// As the language switch would remember it (the switch itself is tested elsewhere).
				in(t, ctx, "language "+lang, chromedp.Evaluate[chromedp.Void](`document.cookie = "`+web.LangCookie+`=`+lang+`; path=/"`))
				for _, page := range role.pages {
					in(t, ctx, page, chromedp.Steps(chromedp.Navigate(srv.base+page), chromedp.WaitVisible(chromedp.CSS("main"))))
					if got := in(t, ctx, "lang", chromedp.Evaluate[string](`document.documentElement.lang`)); got != lang {
						t.Fatalf("%s is in %q, want %q", page, got, lang)
					}
					in(t, ctx, "axe", chromedp.Evaluate[chromedp.Void](axe))
					found := in(t, ctx, "axe.run "+page, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
					var vs []axeViolation
					if err := json.Unmarshal([]byte(found), &vs); err != nil {
						t.Fatalf("%s: %v: %s", page, err, found)
					}
					for _, v := range vs {
						t.Errorf("%s (%s): %s %s: %s at %s", page, lang, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, ", "))
					}
				}
			}
		})
	}
}
