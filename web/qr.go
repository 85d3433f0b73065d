package web

import (
	"fmt"
	"html/template"
	"strings"

	qr "github.com/piglig/go-qr"
)

// quietZone is the light margin, in modules, that the standard asks for around a QR code.
const quietZone = 4

// encodeQR encodes content with medium recovery: a scratched screen, a glare or a creased
// print still scan, and the symbol stays small enough for a phone camera across a room.
func encodeQR(content string) (*qr.QrCode, error) {
	q, err := qr.EncodeText(content, qr.Medium)
	if err != nil {
		return nil, fmt.Errorf("web: qr code: %w", err)
	}
	return q, nil
}

// QRModules encodes content as a QR code (see encodeQR), module by module, dark as true, quiet
// zone included.
func QRModules(content string) ([][]bool, error) {
	q, err := encodeQR(content)
	if err != nil {
		return nil, err
	}
	size := q.Size()
	n := size + 2*quietZone
	cells := make([]bool, n*n)
	rows := make([][]bool, n)
	for y := range rows {
		rows[y] = cells[y*n : (y+1)*n]
	}
	for y := range size {
		for x := range size {
			rows[y+quietZone][x+quietZone] = q.Module(x, y)
		}
	}
	return rows, nil
}

// QRRun is a row's run of dark modules of a QR code: drawn as one rectangle, it keeps a
// drawing of the code a few kilobytes.
type QRRun struct{ Row, From, Len int }

// QRRuns encodes content as a QR code (see QRModules) and gives its width in modules, quiet
// zone included, and its runs of dark modules, row by row.
func QRRuns(content string) (int, []QRRun, error) {
	bits, err := QRModules(content)
	if err != nil {
		return 0, nil, err
	}
	var runs []QRRun
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			runs = append(runs, QRRun{Row: y, From: start, Len: x - start})
		}
	}
	return len(bits), runs, nil
}

// QRPNG draws content as a QR code in a PNG image, scale pixels a module.
func QRPNG(content string, scale int) ([]byte, error) {
	q, err := encodeQR(content)
	if err != nil {
		return nil, err
	}
	return q.ToPNGBytes(qr.NewQrCodeImgConfig(scale, quietZone))
}

// QRSVG draws content as a QR code in inline SVG, for pages that show a code to scan: the
// lecturer's check-in screen now, a certificate's verification link later. SVG rather than a
// PNG keeps the code sharp at any size on a projector and needs no image route; the CSP allows
// it because it uses presentation attributes, not style. label names the image for screen
// readers.
func QRSVG(content, label string) (template.HTML, error) {
	n, runs, err := QRRuns(content)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 %d %d" role="img" aria-label="%s" shape-rendering="crispEdges">`,
		n, n, template.HTMLEscapeString(label))
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for _, r := range runs {
		fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", r.From, r.Row, r.Len, r.Len)
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
