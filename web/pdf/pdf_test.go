package pdf_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"mentorlms/web/pdf"
	"mentorlms/web/pdf/pdftest"
)

// czech is every letter with a diacritic that Czech uses, and the punctuation of Czech text.
const czech = "ěščřžýáíéúůďťňóĚŠČŘŽÝÁÍÉÚŮĎŤŇÓ„“–…"

func TestFontsCoverCzech(t *testing.T) {
	for name, ttf := range map[string][]byte{"regular": goregular.TTF, "bold": gobold.TTF} {
		f, err := sfnt.Parse(ttf)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		for _, r := range czech {
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 {
				t.Errorf("%s lacks %q", name, r)
			}
		}
	}
}

func render(t testing.TB, build func(d *pdf.Doc)) []byte {
	t.Helper()
	d := pdf.New(pdf.Portrait)
	build(d)
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A long table runs over several pages with its heading on each, page numbers in the footer,
// and Czech text comes back as it went in.
func TestTableOverPages(t *testing.T) {
	out := render(t, func(d *pdf.Doc) {
		d.Footer("Prezenční listina – Žluťoučký kůň", "Strana "+pdf.Page+" z "+pdf.Pages)
		d.Heading("Příliš žluťoučký kůň úpěl ďábelské ódy", 16)
		d.Fields(40, []pdf.Field{{"Místo", "Ústí nad Labem, Čechova 5"}, {"Prázdné", ""}, {"Znaky", czech}})
		tb := d.Table([]pdf.Column{{Title: "Č.", Width: 10, Align: "R"}, {Title: "Jméno"}, {Title: "Podpis", Width: 50}})
		tb.MinRowHeight = 11
		for i := 1; i <= 60; i++ {
			tb.Row(fmt.Sprint(i), fmt.Sprintf("Řezníčková-Šťastná Žofie %02d", i), "")
		}
	})
	pages := pdftest.Pages(t, out)
	if len(pages) < 3 {
		t.Fatalf("%d pages for 60 rows of 11 mm, want at least 3", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(p, "Podpis") || !strings.Contains(p, "Jméno") {
			t.Errorf("page %d lacks the table's heading:\n%s", i+1, p)
		}
		if want := fmt.Sprintf("Strana %d z %d", i+1, len(pages)); !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if !strings.Contains(p, "Prezenční listina – Žluťoučký kůň") {
			t.Errorf("page %d lacks the footer's note", i+1)
		}
	}
	all := strings.Join(pages, "\n")
	for _, want := range []string{"Příliš žluťoučký kůň úpěl ďábelské ódy", "Ústí nad Labem, Čechova 5", czech,
		"Řezníčková-Šťastná Žofie 01", "Řezníčková-Šťastná Žofie 60"} {
		if !strings.Contains(all, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(all, "Prázdné") {
		t.Error("a field without a value was printed")
	}
}

// Wrapped lines never run past their cell, and nothing of the text is lost.
func TestWrapFits(t *testing.T) {
	d := pdf.New(pdf.Portrait)
	d.Font("", 10)
	texts := []string{
		"prof. PhDr. Žofie Řezníčková-Šťastná-Vojtěchovská, Ph.D., DSc., MBA",
		"Nejdelšíslovobezmezerkterésevůbecnevejdedoúzkéhosloupcetabulkyanikdyby",
		"2014/0998-PC/SP/VP/PP/2026/0001-PC/SP",
		"Юлия Ковальова-Шевченко, Hélène Muñoz-Øvergård",
		"", "a", "dva\nřádky",
	}
	for _, width := range []float64{12, 25, 40, 180} {
		for _, text := range texts {
			lines := pdf.Wrap(d, text, width)
			if len(lines) == 0 {
				t.Fatalf("Wrap(%q, %v) gave no line", text, width)
			}
			for _, l := range lines {
				if w := d.GetStringWidth(l) + 2*d.GetCellMargin(); w > width+0.01 {
					t.Errorf("Wrap(%q, %v): line %q is %.1f mm wide", text, width, l, w)
				}
			}
			if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(text), ""); got != want {
				t.Errorf("Wrap(%q, %v) lost text: %q", text, width, got)
			}
		}
	}
	if lines := pdf.Wrap(d, "Jana Řezníčková-Šťastná", 30); len(lines) < 2 || !strings.HasSuffix(lines[len(lines)-2], "-") {
		t.Errorf("a double-barrelled name should break after its hyphen: %q", lines)
	}
}

// Text a font cannot address (emoji, control characters) prints as something, never a panic.
func TestUnprintableText(t *testing.T) {
	out := render(t, func(d *pdf.Doc) {
		d.Heading("Kurz 🙂\x00\tnaruby", 14)
		d.Table([]pdf.Column{{Title: "A"}}).Row("\U0001F600\U00010000 \uFFFD ☃")
	})
	if text := pdftest.Words(pdftest.Text(t, out)); !strings.Contains(text, "Kurz ?") || !strings.Contains(text, "naruby") {
		t.Errorf("text = %q", text)
	}
}

// Documents rendered at the same time must not share the font bytes that gofpdf writes into;
// run under -race.
func TestParallelRender(t *testing.T) {
	var wg sync.WaitGroup
	outs := make([][]byte, 24)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := pdf.New(pdf.Landscape)
			d.Footer("", pdf.Page+"/"+pdf.Pages)
			d.Heading(fmt.Sprintf("Dokument %d – Šťastná", i), 14)
			tb := d.Table([]pdf.Column{{Title: "Jméno"}, {Title: "Pozn."}})
			for j := range 40 {
				tb.Row(fmt.Sprintf("Žofie Řezníčková %d", j), "úplně dlouhá poznámka, která se zalomí do více řádků")
				if i%3 == 0 { // and some take the UTF-8 fonts, whose bytes gofpdf writes into
					tb.Row(fmt.Sprintf("Юлия Ковальова %d", j), "Hélène")
				}
			}
			var b bytes.Buffer
			if err := d.Write(&b); err != nil {
				t.Error(err)
			}
			outs[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i, b := range outs {
		if !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("document %d is not a PDF", i)
		}
	}
	if text := pdftest.Text(t, outs[7]); !strings.Contains(text, "Dokument 7 – Šťastná") {
		t.Errorf("document 7 reads %q", text[:min(len(text), 200)])
	}
}

// Czech text is drawn with the Windows-1250 fonts, which no document parses again; a text
// beyond them (Cyrillic, a French è, a Spanish ñ) takes the UTF-8 fonts for itself, in the
// same style, and every line reads back as written, however it is aligned.
func TestTextBeyondWindows1250(t *testing.T) {
	czechOnly := render(t, func(d *pdf.Doc) {
		d.Footer("Osvědčení č. 2026/0001", "Strana "+pdf.Page+" z "+pdf.Pages)
		d.Heading(czech+" §1 × 2 · „ok“", 12)
	})
	if bytes.Contains(czechOnly, []byte("/Identity-H")) {
		t.Error("a document in Czech carries the UTF-8 fonts")
	}
	lines := []string{"Юлия Ковальова", "Hélène Muñoz-Øvergård", "Šťastná – Юлия … Ñandú", "Žluťoučký kůň"}
	mixed := render(t, func(d *pdf.Doc) {
		d.Footer("Юлия", "Strana "+pdf.Page+" z "+pdf.Pages)
		for i, l := range lines {
			d.Font([]string{"", "B"}[i%2], 11)
			d.CellFormat(d.Width(), 6, l, "", 1, []string{"L", "C", "R"}[i%3], false, 0, "")
		}
		d.Font("", 10)
		d.Text(20, 200, "Text: Юлия Šťastná")
	})
	if !bytes.Contains(mixed, []byte("/Identity-H")) {
		t.Error("a document with Cyrillic lacks the UTF-8 fonts")
	}
	text := pdftest.Text(t, mixed)
	for _, want := range append(lines, "Text: Юлия Šťastná", "Strana 1 z 1") {
		if !strings.Contains(text, want) {
			t.Errorf("text = %q, want %q", text, want)
		}
	}
	d := pdf.New(pdf.Portrait)
	d.Font("B", 10)
	bold := d.GetStringWidth("Юлия Šťastná")
	d.Font("", 10)
	if reg := d.GetStringWidth("Юлия Šťastná"); reg <= 0 || bold <= reg {
		t.Errorf("widths: regular %.2f mm, bold %.2f mm", reg, bold)
	}
}

// The text checks of every PDF rest on the extractor: in CI its absence is a failure.
func TestPDFExtractorPresent(t *testing.T) {
	if !pdftest.Available(t) {
		return
	}
	out := render(t, func(d *pdf.Doc) { d.Heading(czech, 12) })
	if got := strings.TrimSpace(pdftest.Text(t, out)); got != czech {
		t.Errorf("extracted %q, want %q", got, czech)
	}
}

// A hyphen prints as a hyphen, shorter than an en dash (the Go fonts' own is a minus sign as
// long as a dash: "MSMT–18457"), and still reads back as the hyphen-minus that was written.
func TestHyphenIsShort(t *testing.T) {
	d := pdf.New(pdf.Portrait)
	for _, style := range []string{"", "B"} {
		d.Font(style, 10)
		if h, n := d.GetStringWidth("-"), d.GetStringWidth("–"); h >= n {
			t.Errorf("style %q: a hyphen is %.2f mm wide, an en dash %.2f mm", style, h, n)
		}
	}
	out := render(t, func(d *pdf.Doc) {
		d.Heading("MSMT-18457/2024-2", 12)
		d.Lines([]string{"akreditováno MŠMT pod č. MSMT-18457 – Řezníčková-Šťastná"}, 5, "L")
	})
	text := pdftest.Words(pdftest.Text(t, out))
	for _, want := range []string{"MSMT-18457/2024-2", "MSMT-18457 – Řezníčková-Šťastná"} {
		if !strings.Contains(text, want) {
			t.Errorf("text = %q, want %q", text, want)
		}
	}
}

// A page break runs the footer in its own small font; the text after it is measured in the
// font it is drawn in, whichever font draws it.
func TestFontKeptAcrossPageBreak(t *testing.T) {
	d := pdf.New(pdf.Portrait)
	d.Footer("Poznámka", "Strana "+pdf.Page)
	d.Font("B", 12)
	for d.PageNo() < 2 {
		d.CellFormat(d.Width(), 8, "Řádek", "", 1, "L", false, 0, "")
	}
	const text = "Šťastná Wolfgang"
	got := d.GetStringWidth(text)
	size, _ := d.GetFontSize()
	d.Fpdf.SetFont(pdf.Family, "B", 12) // what gofpdf itself draws in now
	if want := d.Fpdf.GetStringWidth("\x8a\x9dastn\xe1 Wolfgang"); size != 12 || math.Abs(got-want) > 0.01 {
		t.Errorf("after the break: %.1f pt, %q measures %.2f mm, drawn %.2f mm", size, text, got, want)
	}
}
