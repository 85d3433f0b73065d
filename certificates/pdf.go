package certificates

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// Sizes of the closing block, in millimetres: the place and date of issue, two signature
// lines and the verification with its QR code. It is drawn as one piece at the foot of the
// page, where signatures belong, and moves to a new page whole if the text above is too long.
const (
	signGap   = 15.0 // room to sign above the line
	signWidth = 80.0
	qrSize    = 26.0
	verifyH   = qrSize + 4
	closingH  = 6 + signGap + 14 + 3 + verifyH
)

// RenderPDF draws a certificate as an A4 portrait PDF, always in Czech (see czech). All the
// wording avoids gendered forms ("osoba … absolvovala", "vyučující"), because the content does
// not know the holder's gender.
func RenderPDF(c Content) ([]byte, error) {
	w, err := czech()
	if err != nil {
		return nil, err
	}
	d := pdf.New(pdf.Portrait)
	// A certificate is one page of a few kilobytes of drawing; compressing it makes the file
	// 9 kB smaller and cost a new compressor of half a megabyte each, which under a batch of a
	// thousand was most of the collector's work.
	d.SetCompression(false)
	d.SetTitle(pdf.Clean(w.T("certificate_pdf.doc_title", "Number", c.Number)), true)
	d.SetAuthor(pdf.Clean(c.Issuer.Name), true)
	day, note := c.IssuedOn, w.T("certificate_pdf.doc_title", "Number", c.Number)
	if c.DuplicateOn != "" {
		day, note = c.DuplicateOn, w.T("certificate_pdf.footer_duplicate", "Note", note, "Date", w.Date(c.DuplicateOn))
	}
	// Dated the day of issue (or of the duplicate) rather than the instant of drawing, so that
	// the same content always gives the same document.
	if t, err := time.ParseInLocation(web.DateLayout, day, web.Prague); err == nil {
		d.SetCreationDate(t)
	}
	d.Footer(note, w.T("pdf.page", "Page", pdf.Page, "Pages", pdf.Pages))
	if c.Sample {
		// Under everything else, on every page: no part of a sample may pass for the real thing.
		mark := w.T("certificate_pdf.sample")
		drawSample(d, mark)
		d.SetHeaderFunc(func() { drawSample(d, mark) })
	}

	drawIssuer(d, c.Issuer)
	drawTitle(d, w, c)
	drawHolder(d, w, c)
	drawCourse(d, w, c)
	if err := drawClosing(d, w, c); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		return nil, fmt.Errorf("certificates: pdf of %s: %w", c.Number, err)
	}
	return b.Bytes(), nil
}

// say prints text at x wrapped to w millimetres, in lines h apart aligned by align, so that a
// long name or course title never runs past its place; empty text prints nothing.
func say(d *pdf.Doc, x, w float64, style string, size, h float64, align, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.Font(style, size)
	for _, line := range pdf.Wrap(d, text, w) {
		d.SetX(x)
		d.CellFormat(w, h, line, "", 1, align, false, 0, "")
	}
}

// centred prints text centred across the text area, wrapped.
func centred(d *pdf.Doc, text, style string, size float64) {
	l, _, _, _ := d.GetMargins()
	say(d, l, d.Width(), style, size, size*0.45, "C", text)
}

// rule draws a thin grey line across the text area.
func rule(d *pdf.Doc) {
	l, _, _, _ := d.GetMargins()
	d.SetDrawColor(160, 160, 160)
	d.SetLineWidth(0.2)
	d.Line(l, d.GetY(), l+d.Width(), d.GetY())
}

// drawIssuer heads the page with who issues the certificate.
func drawIssuer(d *pdf.Doc, is Issuer) {
	centred(d, is.Name, "B", 12)
	line := is.Address
	if is.ICO != "" {
		line = strings.TrimPrefix(line+" · IČO: "+is.ICO, " · ")
	}
	d.SetTextColor(70, 70, 70)
	centred(d, line, "", 9)
	d.SetTextColor(0, 0, 0)
	d.Ln(2)
	rule(d)
}

// drawTitle prints the title, the number and, on a re-print, the duplicate's mark: the number
// stays the original's, the mark says when the duplicate was made.
func drawTitle(d *pdf.Doc, w *web.Localizer, c Content) {
	d.Ln(8)
	centred(d, w.T("certificate_pdf.title"), "B", 30)
	if c.Kind == string(courses.KindRequalification) {
		centred(d, w.T("certificate_pdf.requalification"), "B", 15)
	}
	d.Ln(2)
	centred(d, w.T("certificate_pdf.number", "Number", c.Number), "", 12)
	if c.Sample {
		d.Ln(2)
		d.SetTextColor(150, 0, 0)
		centred(d, w.T("certificate_pdf.sample_note"), "B", 11)
		d.SetTextColor(0, 0, 0)
	}
	if c.DuplicateOn == "" {
		return
	}
	d.Ln(3)
	l, _, _, _ := d.GetMargins()
	bw := 70.0
	x, y := l+(d.Width()-bw)/2, d.GetY()
	d.SetDrawColor(150, 0, 0)
	d.SetLineWidth(0.6)
	d.Rect(x, y, bw, 15, "D")
	d.SetTextColor(150, 0, 0)
	d.SetY(y + 1.5)
	say(d, x, bw, "B", 16, 7, "C", w.T("certificate_pdf.duplicate"))
	say(d, x, bw, "", 9, 4.5, "C", w.T("certificate_pdf.duplicate_made", "Date", w.Date(c.DuplicateOn)))
	d.SetXY(l, y+15)
	d.SetTextColor(0, 0, 0)
}

// drawHolder names the holder, with titles and date of birth (which tells two people of the
// same name apart).
func drawHolder(d *pdf.Doc, w *web.Localizer, c Content) {
	d.Ln(6)
	centred(d, w.T("certificate_pdf.certifies"), "", 11)
	d.Ln(3)
	centred(d, c.Holder.FullName(), "B", 20)
	if c.Holder.BirthDate != "" {
		d.Ln(1)
		if c.Holder.BirthPlace != "" {
			centred(d, w.T("certificate_pdf.born_at", "Date", w.Date(c.Holder.BirthDate), "Place", pdf.Clean(c.Holder.BirthPlace)), "", 11)
		} else {
			centred(d, w.T("certificate_pdf.born", "Date", w.Date(c.Holder.BirthDate)), "", 11)
		}
	}
	d.Ln(3)
	centred(d, w.T("certificate_pdf.completed"), "", 11)
}

// drawCourse prints what was completed: the title, its kind and accreditation, then the facts
// as labelled lines.
func drawCourse(d *pdf.Doc, w *web.Localizer, c Content) {
	d.Ln(2)
	centred(d, "„"+c.Course+"“", "B", 15)
	d.Ln(1)
	if slices.Contains(courses.Kinds, courses.Kind(c.Kind)) {
		// A kind without a name (none is, but the content is stored for good) prints nothing
		// rather than a catalog key.
		centred(d, w.Of("kind", c.Kind), "", 11)
	}
	if c.AccBody != "" {
		acc := w.T("certificate_pdf.accredited", "Body", c.AccBody)
		if c.AccNo != "" {
			acc = w.T("certificate_pdf.accredited_no", "Body", c.AccBody, "Number", c.AccNo)
		}
		centred(d, acc, "", 11)
	}
	d.Ln(5)
	when, place := w.Date(c.RunStartsOn), c.RunPlace
	if c.RunEndsOn != "" && c.RunEndsOn != c.RunStartsOn {
		when = w.T("pdf.date_range", "From", when, "To", w.Date(c.RunEndsOn))
	}
	if c.Online {
		place = w.T("pdf.online")
	}
	fields := []pdf.Field{
		{Label: w.T("certificate_pdf.scope"), Value: scope(w, c.TheoryHours, c.PracticeHours)},
		{Label: w.T("certificate_pdf.dates"), Value: when},
		{Label: w.T("certificate_pdf.place"), Value: place},
	}
	if c.ExamOn != "" {
		fields = append(fields, pdf.Field{Label: w.T("certificate_pdf.exam"), Value: w.T("certificate_pdf.exam_passed", "Date", w.Date(c.ExamOn))})
	}
	if c.ValidUntil != "" {
		fields = append(fields, pdf.Field{Label: w.T("certificate_pdf.validity"), Value: w.T("certificate_pdf.valid_until", "Date", w.Date(c.ValidUntil))})
	}
	// The facts stand in a narrower column under the centred title; the margins go back after.
	l, t, r, _ := d.GetMargins()
	d.SetMargins(l+10, t, r+10)
	d.SetX(l + 10)
	d.Fields(45, fields)
	d.SetMargins(l, t, r)
	d.SetX(l)
}

// scope is the accredited hours in words: "40 hodin (teorie 30 hodin, praxe 10 hodin)", or
// "6 hodin teorie" where there is only one kind.
func scope(w *web.Localizer, theory, practice int) string {
	switch {
	case theory+practice == 0:
		return ""
	case practice == 0:
		return w.T("certificate_pdf.scope_theory", "Hours", w.N("pdf.hours", theory))
	case theory == 0:
		return w.T("certificate_pdf.scope_practice", "Hours", w.N("pdf.hours", practice))
	}
	return w.T("certificate_pdf.scope_both", "Total", w.N("pdf.hours", theory+practice),
		"Theory", w.N("pdf.hours", theory), "Practice", w.N("pdf.hours", practice))
}

// sampleAngle is the slope of the sample mark: the diagonal of an A4 page, in degrees.
const sampleAngle = 54.7

// drawSample prints mark (VZOR) big, pale red and diagonally across the page, leaving the
// position where it was, so that it can be drawn under the text of any page.
func drawSample(d *pdf.Doc, mark string) {
	x, y := d.GetXY()
	pw, ph := d.GetPageSize()
	d.Font("B", 170)
	d.SetTextColor(200, 0, 0)
	d.SetAlpha(0.18, "Normal")
	cx, cy := pw/2, ph/2
	d.TransformBegin()
	d.TransformRotate(sampleAngle, cx, cy)
	// Text places the baseline; a capital is about 0.7 of the size tall (1 pt = 0.3528 mm).
	d.Text(cx-d.GetStringWidth(mark)/2, cy+170*0.3528*0.35, pdf.Clean(mark))
	d.TransformEnd()
	d.SetAlpha(1, "Normal")
	d.SetTextColor(0, 0, 0)
	d.Font("", 10)
	d.SetXY(x, y)
}
