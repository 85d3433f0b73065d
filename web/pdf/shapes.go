package pdf

import "strconv"

// Box is a rectangle on the page, in millimetres from the top left corner.
type Box struct{ X, Y, W, H float64 }

// FillBoxes fills boxes in the current fill colour as one path. A QR code is hundreds of them,
// and gofpdf's Rect formats each with fmt (a tenth of a certificate's time went there).
func (d *Doc) FillBoxes(boxes []Box) {
	if len(boxes) == 0 {
		return
	}
	k := d.GetConversionRatio()
	_, h := d.GetPageSize()
	b := make([]byte, 0, 32*len(boxes)+2)
	num := func(v float64, sep byte) {
		b = strconv.AppendFloat(b, v, 'f', 2, 64)
		b = append(b, sep)
	}
	for _, r := range boxes {
		// PDF's y axis runs up from the foot of the page.
		num(r.X*k, ' ')
		num((h-r.Y)*k, ' ')
		num(r.W*k, ' ')
		num(-r.H*k, ' ')
		b = append(b, "re\n"...)
	}
	b = append(b, 'f')
	d.RawWriteStr(string(b))
}
