package pdf

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/jung-kurt/gofpdf"
)

// Orientation is how an A4 page lies.
type Orientation string

// The orientations of a page.
const (
	Portrait  Orientation = "P"
	Landscape Orientation = "L"
)

// Family is the font family every document has: the Go fonts, which cover Czech (and the rest
// of Latin Extended-A), in regular ("") and bold ("B") styles, with a short hyphen (see fonts).
const Family = "go"

// Page and Pages stand in a footer's text for the current page number and the number of pages;
// Pages is gofpdf's alias, replaced when the document is written.
const (
	Page  = "{page}"
	Pages = "{nb}"
)

// Margins of every page, in millimetres. The bottom one leaves room for the footer.
const (
	MarginSide   = 15.0
	MarginTop    = 15.0
	MarginBottom = 20.0
)

// Doc is one document being built. It embeds gofpdf, so a caller can draw any shape gofpdf
// can; the helpers here cover what most documents need. Text goes only through Doc's own
// CellFormat, Cell, Text and GetStringWidth, which pick the font that can write it (see
// compact.go); gofpdf's other text methods (MultiCell, Write, SplitLines) would write UTF-8
// under a single-byte font. The font is chosen with Font. SetProtection is not used: it would
// encrypt in place the font file every document shares.
type Doc struct {
	*gofpdf.Fpdf
	faces [2]*face // nil when every text is drawn with the UTF-8 fonts
	style string
	size  float64
	wide  bool // the UTF-8 fonts have been added
}

// New starts an A4 document with the Go fonts loaded and one empty page.
func New(o Orientation) *Doc {
	f := gofpdf.New(string(o), "mm", "A4", "")
	d := &Doc{Fpdf: f}
	// The prepared fonts cannot fail to be prepared unless the fonts shipped with the binary
	// change shape; every text then takes the UTF-8 fonts, slower but the same on paper.
	d.faces, _ = prepared()
	if d.faces[0] != nil {
		f.AddFontFromBytes(Family, "", d.faces[0].def, d.faces[0].file)
		f.AddFontFromBytes(Family, "B", d.faces[1].def, d.faces[1].file)
	} else {
		d.addWide()
	}
	f.SetMargins(MarginSide, MarginTop, MarginSide)
	f.SetAutoPageBreak(true, MarginBottom)
	f.SetCellMargin(1.5)
	f.AliasNbPages(Pages)
	f.SetProducer("mentorlms", false)
	d.Font("", 10)
	d.AddPage()
	return d
}

// addWide adds the UTF-8 fonts. gofpdf writes into the font bytes it is given, so documents
// built at the same time must not share them: each gets its own copy.
func (d *Doc) addWide() {
	reg, bold := fonts()
	d.AddUTF8FontFromBytes(wideFamily, "", bytes.Clone(reg))
	d.AddUTF8FontFromBytes(wideFamily, "B", bytes.Clone(bold))
	d.wide = true
}

// Font selects the document's font in style ("" or "B") and size (points).
func (d *Doc) Font(style string, size float64) {
	d.style, d.size = style, size
	if d.faces[0] == nil {
		d.SetFont(wideFamily, style, size)
		return
	}
	d.SetFont(Family, style, size)
}

// SetFooterFunc is gofpdf's, keeping the font Doc knows across the footer: gofpdf restores its
// own after it, and Doc's measuring must follow.
func (d *Doc) SetFooterFunc(fn func()) { d.Fpdf.SetFooterFunc(d.keeping(fn)) }

// SetHeaderFunc is gofpdf's, keeping the font Doc knows across the header (see SetFooterFunc).
func (d *Doc) SetHeaderFunc(fn func()) { d.Fpdf.SetHeaderFunc(d.keeping(fn)) }

func (d *Doc) keeping(fn func()) func() {
	return func() {
		style, size := d.style, d.size
		fn()
		d.style, d.size = style, size
	}
}

// draw draws text with the prepared fonts when it can be written in Windows-1250, and with the
// UTF-8 fonts, in the same style and size, when it cannot.
func (d *Doc) draw(text string, with func(string)) {
	text = Clean(text) // a stray tab is a space, not a reason for the UTF-8 fonts
	if d.faces[0] == nil {
		with(text)
		return
	}
	if s, ok := encode(text); ok {
		with(s)
		return
	}
	if !d.wide {
		d.addWide()
	}
	d.SetFont(wideFamily, d.style, d.size)
	with(text)
	d.SetFont(Family, d.style, d.size)
}

// CellFormat is gofpdf's CellFormat for text in any script (see Doc).
func (d *Doc) CellFormat(w, h float64, text, border string, ln int, align string, fill bool, link int, linkStr string) {
	d.draw(text, func(s string) { d.Fpdf.CellFormat(w, h, s, border, ln, align, fill, link, linkStr) })
}

// Cell is gofpdf's Cell for text in any script (see Doc).
func (d *Doc) Cell(w, h float64, text string) { d.CellFormat(w, h, text, "", 0, "L", false, 0, "") }

// Text is gofpdf's Text for text in any script (see Doc).
func (d *Doc) Text(x, y float64, text string) {
	d.draw(text, func(s string) { d.Fpdf.Text(x, y, s) })
}

// GetStringWidth is the width of s in the current font and size, in millimetres, whichever
// font draws it.
func (d *Doc) GetStringWidth(s string) float64 {
	if d.faces[0] == nil {
		return d.Fpdf.GetStringWidth(Clean(s))
	}
	fc := d.faces[0]
	if d.style == "B" {
		fc = d.faces[1]
	}
	w := 0
	for _, r := range s {
		if n, ok := fc.widths[printable(r)]; ok {
			w += n
		} else {
			w += fc.missing
		}
	}
	_, unit := d.GetFontSize()
	return float64(w) * unit / 1000
}

// Width is the width between the side margins.
func (d *Doc) Width() float64 {
	w, _ := d.GetPageSize()
	l, _, r, _ := d.GetMargins()
	return w - l - r
}

// Bottom is where the text area of a page ends: below it is the footer.
func (d *Doc) Bottom() float64 {
	_, h := d.GetPageSize()
	_, m := d.GetAutoPageBreak()
	return h - m
}

// Need starts a new page unless h millimetres are left on this one, so that what belongs
// together (a signature line and its label) is not split across pages.
func (d *Doc) Need(h float64) {
	if d.GetY()+h > d.Bottom() {
		d.AddPage()
	}
}

// Footer prints note on the left and pages on the right at the foot of every page; in pages,
// Page and Pages are replaced by the numbers ("Strana {page} z {nb}"). Call it before the first
// page is finished.
func (d *Doc) Footer(note, pages string) {
	note, pages = Clean(note), Clean(pages)
	d.SetFooterFunc(func() {
		_, h := d.GetPageSize()
		l, _, _, _ := d.GetMargins()
		d.SetXY(l, h-MarginBottom+8)
		d.Font("", 8)
		d.SetTextColor(90, 90, 90)
		numbers := strings.ReplaceAll(pages, Page, strconv.Itoa(d.PageNo()))
		nw := d.GetStringWidth(numbers) + 10
		if note != "" {
			d.CellFormat(d.Width()-nw, 4, Fit(d, note, d.Width()-nw-3), "", 0, "L", false, 0, "")
		}
		d.SetX(l + d.Width() - nw)
		d.CellFormat(nw, 4, numbers, "", 0, "R", false, 0, "")
		d.SetTextColor(0, 0, 0)
	})
}

// Heading prints a title in bold, wrapped to the width of the page.
func (d *Doc) Heading(text string, size float64) {
	d.Font("B", size)
	d.Lines(Wrap(d, text, d.Width()), size*0.5, "L")
	d.Font("", 10)
}

// Section starts a section of a document with its heading, kept on one page with what
// follows it.
func (d *Doc) Section(title string) {
	d.Ln(5)
	d.Need(20)
	d.Heading(title, 13)
	d.Ln(1)
}

// Note prints one line of plain text, such as what an empty section says.
func (d *Doc) Note(text string) {
	d.Font("", 10)
	d.Lines([]string{text}, 5, "L")
}

// Lines prints lines one under another at the left margin, each h millimetres tall.
func (d *Doc) Lines(lines []string, h float64, align string) {
	for _, line := range lines {
		d.CellFormat(d.Width(), h, Clean(line), "", 1, align, false, 0, "")
	}
}

// Field is a label and its value, as a document's header lists them.
type Field struct {
	Label, Value string
}

// Fields prints label–value pairs in two columns, the label in bold, the value wrapped; fields
// without a value are left out, so that a document shows no empty lines.
func (d *Doc) Fields(labelWidth float64, fields []Field) {
	const h = 5.0
	l, _, _, _ := d.GetMargins()
	for _, f := range fields {
		if strings.TrimSpace(f.Value) == "" {
			continue
		}
		d.Font("B", 10)
		labels := Wrap(d, f.Label, labelWidth)
		d.Font("", 10)
		values := Wrap(d, f.Value, d.Width()-labelWidth)
		d.Need(h * float64(max(len(labels), len(values))))
		y := d.GetY()
		d.Font("B", 10)
		for i, s := range labels {
			d.SetXY(l, y+h*float64(i))
			d.CellFormat(labelWidth, h, s, "", 0, "L", false, 0, "")
		}
		d.Font("", 10)
		for i, s := range values {
			d.SetXY(l+labelWidth, y+h*float64(i))
			d.CellFormat(d.Width()-labelWidth, h, s, "", 0, "L", false, 0, "")
		}
		d.SetXY(l, y+h*float64(max(len(labels), len(values))))
	}
}

// Write finishes the document and writes it to w.
func (d *Doc) Write(w io.Writer) error {
	if err := d.Output(w); err != nil {
		return errors.Join(errors.New("pdf: write"), err)
	}
	return nil
}

// Clean makes text safe to print: control characters become spaces and characters beyond the
// Basic Multilingual Plane (emoji) a question mark, because gofpdf's UTF-8 fonts address
// glyphs with 16 bits and would fail or panic on them.
func Clean(s string) string { return strings.Map(printable, s) }

// printable is what Clean prints for r.
func printable(r rune) rune {
	switch {
	case r == unicode.ReplacementChar, r > 0xFFFF:
		return '?'
	case unicode.IsControl(r):
		return ' '
	}
	return r
}
