package certificates

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// kindNames are the course kinds as a certificate names them.
var kindNames = map[courses.Kind]string{courses.KindRequalification: "rekvalifikační kurz",
	courses.KindAccreditedSeminar: "akreditovaný seminář", courses.KindCourse: "kurz", courses.KindWorkshop: "workshop",
	courses.KindExcursion: "exkurze", courses.KindConference: "konference", courses.KindOnlineSeminar: "online seminář"}

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

// RenderPDF draws a certificate as an A4 portrait PDF. It is always in Czech, whoever asks for
// it: it is a legal document of a Czech organisation, the same paper for every reader, so its
// words live here rather than in the catalog. All the wording avoids gendered forms ("osoba …
// absolvovala", "vyučující"), because the content does not know the holder's gender.
func RenderPDF(c Content) ([]byte, error) {
	d := pdf.New(pdf.Portrait)
	d.SetTitle("Osvědčení č. "+pdf.Clean(c.Number), true)
	d.SetAuthor(pdf.Clean(c.Issuer.Name), true)
	day, note := c.IssuedOn, "Osvědčení č. "+c.Number
	if c.DuplicateOn != "" {
		day, note = c.DuplicateOn, note+" · DUPLIKÁT vystavený "+czDate(c.DuplicateOn)
	}
	// Dated the day of issue (or of the duplicate) rather than the instant of drawing, so that
	// the same content always gives the same document.
	if t, err := time.ParseInLocation(web.DateLayout, day, web.Prague); err == nil {
		d.SetCreationDate(t)
	}
	d.Footer(note, "Strana "+pdf.Page+" z "+pdf.Pages)

	drawIssuer(d, c.Issuer)
	drawTitle(d, c)
	drawHolder(d, c)
	drawCourse(d, c)
	if err := drawClosing(d, c); err != nil {
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
func drawTitle(d *pdf.Doc, c Content) {
	d.Ln(8)
	centred(d, "OSVĚDČENÍ", "B", 30)
	if c.Kind == string(courses.KindRequalification) {
		centred(d, "o rekvalifikaci", "B", 15)
	}
	d.Ln(2)
	centred(d, "č. "+c.Number, "", 12)
	if c.DuplicateOn == "" {
		return
	}
	d.Ln(3)
	l, _, _, _ := d.GetMargins()
	w := 70.0
	x, y := l+(d.Width()-w)/2, d.GetY()
	d.SetDrawColor(150, 0, 0)
	d.SetLineWidth(0.6)
	d.Rect(x, y, w, 15, "D")
	d.SetTextColor(150, 0, 0)
	d.SetY(y + 1.5)
	say(d, x, w, "B", 16, 7, "C", "DUPLIKÁT")
	say(d, x, w, "", 9, 4.5, "C", "vystaveno "+czDate(c.DuplicateOn))
	d.SetXY(l, y+15)
	d.SetTextColor(0, 0, 0)
}

// drawHolder names the holder, with titles and date of birth (which tells two people of the
// same name apart).
func drawHolder(d *pdf.Doc, c Content) {
	d.Ln(6)
	centred(d, "Tímto se osvědčuje, že osoba", "", 11)
	d.Ln(3)
	centred(d, c.Holder.FullName(), "B", 20)
	if c.Holder.BirthDate != "" {
		d.Ln(1)
		if c.Holder.BirthPlace != "" {
			centred(d, "datum a místo narození: "+czDate(c.Holder.BirthDate)+", "+pdf.Clean(c.Holder.BirthPlace), "", 11)
		} else {
			centred(d, "datum narození: "+czDate(c.Holder.BirthDate), "", 11)
		}
	}
	d.Ln(3)
	centred(d, "úspěšně absolvovala vzdělávací akci", "", 11)
}

// drawCourse prints what was completed: the title, its kind and accreditation, then the facts
// as labelled lines.
func drawCourse(d *pdf.Doc, c Content) {
	d.Ln(2)
	centred(d, "„"+c.Course+"“", "B", 15)
	d.Ln(1)
	centred(d, kindNames[courses.Kind(c.Kind)], "", 11)
	if c.AccBody != "" {
		acc := "akreditováno " + c.AccBody
		if c.AccNo != "" {
			acc += " pod č. " + c.AccNo
		}
		centred(d, acc, "", 11)
	}
	d.Ln(5)
	when, place := czDate(c.RunStartsOn), c.RunPlace
	if c.RunEndsOn != "" && c.RunEndsOn != c.RunStartsOn {
		when += " – " + czDate(c.RunEndsOn)
	}
	if c.Online {
		place = "online"
	}
	fields := []pdf.Field{
		{Label: "Rozsah", Value: scope(c.TheoryHours, c.PracticeHours)},
		{Label: "Termín konání", Value: when},
		{Label: "Místo konání", Value: place},
	}
	if c.ExamOn != "" {
		fields = append(fields, pdf.Field{Label: "Závěrečná zkouška", Value: "složena dne " + czDate(c.ExamOn)})
	}
	if c.ValidUntil != "" {
		fields = append(fields, pdf.Field{Label: "Platnost", Value: "platí do " + czDate(c.ValidUntil)})
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
func scope(theory, practice int) string {
	switch {
	case theory+practice == 0:
		return ""
	case practice == 0:
		return hours(theory) + " teorie"
	case theory == 0:
		return hours(practice) + " praxe"
	}
	return hours(theory+practice) + " (teorie " + hours(theory) + ", praxe " + hours(practice) + ")"
}

// hours is a number of hours with the Czech plural: 1 hodina, 2–4 hodiny, 0 and 5+ hodin.
func hours(n int) string {
	switch {
	case n == 1:
		return "1 hodina"
	case n >= 2 && n <= 4:
		return fmt.Sprintf("%d hodiny", n)
	}
	return fmt.Sprintf("%d hodin", n)
}

// czDate writes a YYYY-MM-DD date the Czech way, 3. 12. 2026; anything else as it is.
func czDate(s string) string {
	t, err := time.Parse(web.DateLayout, s)
	if err != nil {
		return s
	}
	return fmt.Sprintf("%d. %d. %d", t.Day(), int(t.Month()), t.Year())
}

// drawClosing ends the page with the place and date of issue, the two signature lines and the
// verification: code, address and the QR code of the address.
func drawClosing(d *pdf.Doc, c Content) error {
	d.Need(closingH)
	d.SetY(max(d.GetY()+4, d.Bottom()-closingH))
	l, _, _, _ := d.GetMargins()
	say(d, l, d.Width(), "", 11, 6, "L", c.Issuer.Place+" "+czDate(c.IssuedOn))
	y := d.GetY() + signGap
	role := map[bool]string{false: "vyučující", true: "za zkušební komisi"}[c.SignerChair]
	end := max(signature(d, l, y, c.Issuer.Signatory, "za statutární orgán"),
		signature(d, l+d.Width()-signWidth, y, c.Signer, role))

	// The verification sits at the foot of the page unless the names under the signature
	// lines are so long that it has to go lower, or onto a page of its own.
	d.SetY(max(end+3, d.Bottom()-verifyH))
	d.Need(verifyH)
	rule(d)
	d.Ln(2)
	top, x := d.GetY(), l
	if c.Verify != "" {
		if err := drawQR(d, c.Verify, l, top, qrSize); err != nil {
			return fmt.Errorf("certificates: QR code of %s: %w", c.Number, err)
		}
		x += qrSize + 4
	}
	w := d.Width() - (x - l)
	d.SetY(top + 3)
	say(d, x, w, "B", 10, 5, "L", "Ověření pravosti osvědčení")
	if c.Code != "" {
		say(d, x, w, "", 9, 4.5, "L", "ověřovací kód: "+c.Code)
	}
	say(d, x, w, "", 9, 4.5, "L", c.Verify)
	d.SetTextColor(90, 90, 90)
	say(d, x, w, "", 8, 4, "L", "Po načtení QR kódu nebo otevření adresy se zobrazí, zda osvědčení platí, "+
		"případně kdy a proč bylo zneplatněno.")
	d.SetTextColor(0, 0, 0)
	return nil
}

// signature draws a line to sign on at (x, y) with the signer's name and role under it,
// wrapped to the line's width, and tells where it ends.
func signature(d *pdf.Doc, x, y float64, name, role string) float64 {
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.3)
	d.Line(x, y, x+signWidth, y)
	d.SetY(y + 1)
	say(d, x, signWidth, "", 9, 4.5, "C", name)
	d.SetTextColor(90, 90, 90)
	say(d, x, signWidth, "", 8, 4, "C", role)
	d.SetTextColor(0, 0, 0)
	return d.GetY()
}

// drawQR draws content as a QR code of size millimetres at (x, y), one filled rectangle per
// run of dark modules: vector shapes stay sharp in print and need no image.
func drawQR(d *pdf.Doc, content string, x, y, size float64) error {
	q, err := qrcode.New(content, qrcode.Medium)
	if err != nil {
		return err
	}
	bits := q.Bitmap() // with the quiet zone the standard asks for
	m := size / float64(len(bits))
	d.SetFillColor(0, 0, 0)
	for r, row := range bits {
		for col := 0; col < len(row); col++ {
			if !row[col] {
				continue
			}
			start := col
			for col+1 < len(row) && row[col+1] {
				col++
			}
			// A hair taller than a module, so that viewers show no seams between rows.
			d.Rect(x+float64(start)*m, y+float64(r)*m, float64(col-start+1)*m, m+0.02, "F")
		}
	}
	return nil
}
