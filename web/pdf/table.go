package pdf

import "math"

// Column is one column of a table: its heading, its width in millimetres (0 shares the width
// left over equally with the other columns of width 0) and how its cells align ("L", "C", "R").
type Column struct {
	Title string
	Width float64
	Align string
}

// Style changes how one row looks.
type Style struct {
	Bold  bool
	Muted bool // grey text, for what is listed but does not count (a cancelled session)
}

// Table draws rows under a heading row that is repeated at the top of every page the table
// spans. A row is never split across pages; its cells wrap and the row grows to the tallest.
// The heading is drawn with the first row (or by Start), so the fields below may be set first.
type Table struct {
	d       *Doc
	cols    []Column
	widths  []float64
	started bool
	// FontSize is the size of the cells' text in points.
	FontSize float64
	// LineHeight is the height of one line of text in millimetres.
	LineHeight float64
	// MinRowHeight makes every row at least this tall: room to sign in.
	MinRowHeight float64
}

// padding is the space above and below a cell's text.
const padding = 1.2

// Table makes a table across the width of the page.
func (d *Doc) Table(cols []Column) *Table {
	t := &Table{d: d, cols: cols, FontSize: 9.5, LineHeight: 4.5}
	fixed, shared := 0.0, 0
	for _, c := range cols {
		if c.Width > 0 {
			fixed += c.Width
		} else {
			shared++
		}
	}
	rest := math.Max(d.Width()-fixed, 0)
	for _, c := range cols {
		w := c.Width
		if w == 0 {
			w = rest / float64(shared)
		}
		t.widths = append(t.widths, w)
	}
	return t
}

// Start draws the heading row unless it is drawn already; Row calls it, so only a table that
// may stay empty needs to.
func (t *Table) Start() {
	if t.started {
		return
	}
	t.started = true
	// A heading alone at the foot of a page would be separated from its first row.
	if t.d.GetY()+t.height(t.lines(t.titles(), Style{Bold: true}), 0)+t.height(nil, t.MinRowHeight) > t.d.Bottom() {
		t.d.AddPage()
	}
	t.heading()
}

func (t *Table) titles() []string {
	titles := make([]string, len(t.cols))
	for i, c := range t.cols {
		titles[i] = c.Title
	}
	return titles
}

// heading draws the heading row, bold on grey.
func (t *Table) heading() {
	t.d.SetFillColor(225, 225, 225)
	t.draw(t.titles(), Style{Bold: true}, 0, true)
}

// Row adds a row; cells beyond the columns are ignored and missing ones are empty.
func (t *Table) Row(cells ...string) { t.RowStyled(Style{}, cells...) }

// RowStyled adds a row in style s.
func (t *Table) RowStyled(s Style, cells ...string) {
	t.Start()
	if t.fits(cells, s, t.MinRowHeight) {
		t.draw(cells, s, t.MinRowHeight, false)
		return
	}
	t.d.AddPage()
	t.heading()
	t.draw(cells, s, t.MinRowHeight, false)
}

// lines wraps the cells of a row in its style's font; a cell that would not fit on an empty
// page is cut short, so that a row always fits on one.
func (t *Table) lines(cells []string, s Style) [][]string {
	t.font(s)
	_, top, _, _ := t.d.GetMargins()
	most := max(1, int((t.d.Bottom()-top-2*padding)/t.LineHeight)-6) // leave room for the heading row
	out := make([][]string, len(t.cols))
	for i := range t.cols {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		out[i] = Wrap(t.d, text, t.widths[i])
		if len(out[i]) > most {
			out[i] = append(out[i][:most-1], Fit(t.d, out[i][most-1]+" …", t.widths[i]))
		}
	}
	return out
}

func (t *Table) height(lines [][]string, minHeight float64) float64 {
	n := 1
	for _, l := range lines {
		n = max(n, len(l))
	}
	return math.Max(float64(n)*t.LineHeight+2*padding, minHeight)
}

func (t *Table) fits(cells []string, s Style, minHeight float64) bool {
	return t.d.GetY()+t.height(t.lines(cells, s), minHeight) <= t.d.Bottom()
}

func (t *Table) font(s Style) {
	if s.Bold {
		t.d.Font("B", t.FontSize)
	} else {
		t.d.Font("", t.FontSize)
	}
}

// draw puts one row at the current position; the caller has made sure it fits.
func (t *Table) draw(cells []string, s Style, minHeight float64, fill bool) {
	d := t.d
	lines := t.lines(cells, s)
	h := t.height(lines, minHeight)
	l, _, _, _ := d.GetMargins()
	y := d.GetY()
	if s.Muted {
		d.SetTextColor(110, 110, 110)
	}
	x := l
	for i, w := range t.widths {
		style := "D"
		if fill {
			style = "FD"
		}
		d.Rect(x, y, w, h, style)
		align := t.cols[i].Align
		if align == "" {
			align = "L"
		}
		for j, line := range lines[i] {
			d.SetXY(x, y+padding+float64(j)*t.LineHeight)
			d.CellFormat(w, t.LineHeight, line, "", 0, align, false, 0, "")
		}
		x += w
	}
	d.SetTextColor(0, 0, 0)
	d.SetXY(l, y+h)
	d.Font("", 10)
}
