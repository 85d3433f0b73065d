package web_test

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"

	"mentorlms/web"
)

// A QR code is a square of 21 + 4k modules with the quiet zone of four light modules round it
// and the three finder patterns in its corners, and a reader decodes the address back from
// the PNG; the PNG draws the same modules, the SVG has its size and label.
func TestQRCode(t *testing.T) {
	const url = "https://mentoring.example.cz/verify/7KQ2M9XHP4RT"
	bits, err := web.QRModules(url)
	if err != nil {
		t.Fatal(err)
	}
	n := len(bits)
	if size := n - 8; size < 21 || (size-21)%4 != 0 {
		t.Fatalf("%d modules a side with the quiet zone", n)
	}
	for i := range n {
		for _, edge := range [][2]int{{i, 0}, {i, 3}, {0, i}, {3, i}, {i, n - 1}, {n - 1, i}} {
			if bits[edge[0]][edge[1]] {
				t.Fatalf("module %v of the quiet zone is dark", edge)
			}
		}
	}
	for _, corner := range [][2]int{{4, 4}, {4, n - 11}, {n - 11, 4}} {
		y, x := corner[0], corner[1]
		// A finder's ring is dark, the ring inside it light, its centre dark.
		if !bits[y][x] || !bits[y+6][x+6] || bits[y+1][x+1] || !bits[y+3][x+3] {
			t.Errorf("no finder pattern at %v", corner)
		}
	}
	img, err := web.QRPNG(url, 5)
	if err != nil {
		t.Fatal(err)
	}
	p, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Bounds(); b.Dx() != 5*n || b.Dy() != 5*n {
		t.Errorf("PNG is %v, want %d pixels a side", b, 5*n)
	}
	if got, err := qr.Decode(p); err != nil || got != url {
		t.Errorf("the PNG decodes to %q, %v", got, err)
	}
	for y := range n {
		for x := range n {
			r, _, _, _ := p.At(5*x+2, 5*y+2).RGBA()
			if dark := r < 0x8000; dark != bits[y][x] {
				t.Fatalf("PNG module (%d, %d) differs", x, y)
			}
		}
	}
	svg, err := web.QRSVG(url, "Ověření")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), `aria-label="Ověření"`) || !strings.Contains(string(svg), fmt.Sprintf(`viewBox="0 0 %d %d"`, n, n)) {
		t.Errorf("svg = %.200s", svg)
	}
	if _, err := web.QRModules(strings.Repeat("x", 8000)); err == nil {
		t.Error("content longer than a QR code holds was encoded")
	}
}
