package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDashboardsOnAPhone signs in as each role of the demo on a phone and reads the
// dashboard: its panels with live content, no sideways scrolling, and a header that folds the
// navigation into a menu that opens without JavaScript's help.
func TestBrowserDashboardsOnAPhone(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "dashboards.db"), Demo: true})
	for _, tc := range []struct {
		email string
		panel string
		want  []string
	}{
		{"admin@mentorlms.example", "#panel-admin", []string{"Správa", "Čeká na osvědčení", "Romský mentor – rekvalifikační kurz",
			"Běhy, které tento týden začínají nebo končí", "Akreditace končící do 90 dní"}},
		{"koordinator@mentorlms.example", "#panel-coordinator", []string{"Kraj: Ústecký kraj", "Běhy v kraji začínající do 30 dní",
			"Výpisy z rejstříku trestů k obnovení"}},
		{"tomas.kucera@mentorlms.example", "#panel-lecturer", []string{"Výuka", "Dnes a příštích 7 dní", "Lekce bez zapsané docházky"}},
		{"ucastnik@mentorlms.example", "#panel-trainee", []string{"Moje vzdělávání", "Příští lekce",
			"Řešení finanční situace zadlužených osob", "Celkem absolvováno"}},
	} {
		t.Run(tc.email, func(t *testing.T) {
			ctx := onAPhone(t, srv.base, "", tc.email, "mentoring-demo", chromedp.CSS(tc.panel))
			text := in(t, ctx, "panel", chromedp.Text(chromedp.CSS(tc.panel)))
			for _, w := range tc.want {
				if !strings.Contains(strings.ToLower(text), strings.ToLower(w)) { // labels may be set in capitals
					t.Errorf("the panel lacks %q: %q", w, text)
				}
			}
			if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
				t.Errorf("dashboard: %s", s)
			}
			// The header is one row on a phone: the brand and the menu button.
			height := in(t, ctx, "header", chromedp.Evaluate[float64](`document.querySelector("header.top").getBoundingClientRect().height`))
			if height > 80 {
				t.Errorf("the header is %.0f px tall on a phone", height)
			}
			visible := `document.querySelector(".nav-menu nav a").checkVisibility()`
			if in(t, ctx, "closed menu", chromedp.Evaluate[bool](visible)) {
				t.Error("the menu is open before it is tapped")
			}
			in(t, ctx, "open the menu", chromedp.Click(chromedp.CSS(".nav-menu > summary")))
			if !in(t, ctx, "open menu", chromedp.Evaluate[bool](visible)) {
				t.Error("the menu does not open")
			}
			links := in(t, ctx, "menu links", chromedp.Text(chromedp.CSS(".nav-menu nav")))
			if !strings.Contains(links, "Přehled") || !strings.Contains(links, "Odhlásit se") {
				t.Errorf("the menu holds %q", links)
			}
		})
	}
}

// TestBrowserAuditOnAPhone reads the audit log of the demo on a phone: records are named as
// people know them, with links, and the page does not scroll sideways.
func TestBrowserAuditOnAPhone(t *testing.T) {
	srv := startServer(t, config{DB: filepath.Join(t.TempDir(), "audit.db"), Demo: true})
	// The applications' entries, whichever records the rest of the demo logged since.
	ctx := onAPhone(t, srv.base, "/audit?entity=enrollment", "admin@mentorlms.example", "mentoring-demo", chromedp.CSS("table.audit"))
	text := in(t, ctx, "log", chromedp.Text(chromedp.CSS("table.audit tbody")))
	for _, want := range []string{"Přihláška:", "Historie tohoto záznamu"} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
	if strings.Contains(text, "entity.") || strings.Contains(text, ": #") {
		t.Error("the log shows a raw key or a bare number for a record")
	}
	links := in(t, ctx, "record links", chromedp.Evaluate[int](`document.querySelectorAll('table.audit td a[href^="/runs/"], table.audit td a[href^="/people/"]').length`))
	if links == 0 {
		t.Error("no record links to its page")
	}
	if s := in(t, ctx, "width", chromedp.Evaluate[string](noSideways)); s != "" {
		t.Errorf("audit: %s", s)
	}
}
