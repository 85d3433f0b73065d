package supervision

import (
	"fmt"
	"html"
	"html/template"
	"strings"

	"mentorlms/web"
)

// total sums the regions' counts into one row.
func total(sums []Summary) Summary {
	var t Summary
	for _, s := range sums {
		t.Trained += s.Trained
		t.Active += s.Active
		t.Overdue += s.Overdue
		t.DueSoon += s.DueSoon
	}
	return t
}

// chartBars are the bars of each region, in the order the legend names them, with their class
// in app.css (colours that keep 3:1 contrast on white).
var chartBars = []struct{ key, class string }{
	{"supervision.col.trained", "bar-trained"},
	{"supervision.col.active", "bar-active"},
	{"supervision.col.overdue", "bar-overdue"},
}

// Chart draws the overview as a small SVG: per region, bars of mentors trained, active and
// overdue for supervision, scaled to the largest count, each with its number. It is drawn on
// the server so that it needs no script and prints; the page's table holds the same numbers
// for screen readers, so the picture is described in one sentence.
func Chart(sums []Summary, l *web.Localizer) template.HTML {
	const (
		width, labelH, barH, gap, left, right = 640, 18, 14, 12, 8, 40
	)
	most := 1
	for _, s := range sums {
		most = max(most, s.Trained, s.Active, s.Overdue)
	}
	group := labelH + len(chartBars)*barH + gap
	height := 28 + len(sums)*group
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		width, height, html.EscapeString(l.T("supervision.overview.chart")))
	x := left
	for _, bar := range chartBars {
		label := html.EscapeString(l.T(bar.key))
		fmt.Fprintf(&b, `<rect class="%s" x="%d" y="4" width="12" height="12"/><text x="%d" y="14">%s</text>`,
			bar.class, x, x+16, label)
		x += 16 + 9*len([]rune(label)) + 24
	}
	y := 28
	for _, s := range sums {
		fmt.Fprintf(&b, `<text class="chart-label" x="%d" y="%d">%s</text>`, left, y+13, html.EscapeString(s.Name))
		y += labelH
		for i, n := range []int{s.Trained, s.Active, s.Overdue} {
			w := (width - left - right) * n / most
			fmt.Fprintf(&b, `<rect class="%s" x="%d" y="%d" width="%d" height="%d"/><text x="%d" y="%d">%d</text>`,
				chartBars[i].class, left, y+1, w, barH-2, left+w+4, y+barH-3, n)
			y += barH
		}
		y += gap
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // every text in it was escaped above
}
