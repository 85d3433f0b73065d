package certificates

import (
	"fmt"

	"mentorlms/web"
	"mentorlms/web/pdf"
)

// drawClosing ends the page with the place and date of issue, the two signature lines and the
// verification: code, address and the QR code of the address.
func drawClosing(d *pdf.Doc, w *web.Localizer, c Content) error {
	d.Need(closingH)
	d.SetY(max(d.GetY()+4, d.Bottom()-closingH))
	l, _, _, _ := d.GetMargins()
	// "Praha, 3. 12. 2026": without the comma it would read as the district Praha 3.
	say(d, l, d.Width(), "", 11, 6, "L", w.T("certificate_pdf.place_date", "Place", c.Issuer.Place, "Date", w.Date(c.IssuedOn)))
	y := d.GetY() + signGap
	role := w.T(map[bool]string{false: "certificate_pdf.signer_lecturer", true: "certificate_pdf.signer_chair"}[c.SignerChair])
	end := max(signature(d, l, y, c.Issuer.Signatory, w.T("certificate_pdf.statutory")),
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
	tw := d.Width() - (x - l)
	d.SetY(top + 3)
	say(d, x, tw, "B", 10, 5, "L", w.T("certificate_pdf.verify_title"))
	if c.Code != "" {
		say(d, x, tw, "", 9, 4.5, "L", w.T("certificate_pdf.verify_code", "Code", c.Code))
	}
	say(d, x, tw, "", 9, 4.5, "L", c.Verify)
	d.SetTextColor(90, 90, 90)
	say(d, x, tw, "", 8, 4, "L", w.T("certificate_pdf.verify_hint"))
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
// run of dark modules, all in one path: vector shapes stay sharp in print and need no image.
func drawQR(d *pdf.Doc, content string, x, y, size float64) error {
	n, runs, err := web.QRRuns(content) // with the quiet zone the standard asks for
	if err != nil {
		return err
	}
	m := size / float64(n)
	d.SetFillColor(0, 0, 0)
	boxes := make([]pdf.Box, len(runs))
	for i, r := range runs {
		// A hair taller than a module, so that viewers show no seams between rows.
		boxes[i] = pdf.Box{X: x + float64(r.From)*m, Y: y + float64(r.Row)*m, W: float64(r.Len) * m, H: m + 0.02}
	}
	d.FillBoxes(boxes)
	return nil
}
