package pdf

import (
	"encoding/binary"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// The patched fonts draw "-" with the short hyphen of U+00AD and every other character as
// before; a strict parser still reads them.
func TestFontsShortHyphen(t *testing.T) {
	reg, bold := fonts()
	for name, pair := range map[string][2][]byte{"regular": {goregular.TTF, reg}, "bold": {gobold.TTF, bold}} {
		orig, err := sfnt.Parse(pair[0])
		if err != nil {
			t.Fatal(err)
		}
		patched, err := sfnt.Parse(pair[1])
		if err != nil {
			t.Fatalf("%s: the patched font does not parse: %v", name, err)
		}
		var b sfnt.Buffer
		glyph := func(f *sfnt.Font, r rune) sfnt.GlyphIndex {
			g, err := f.GlyphIndex(&b, r)
			if err != nil {
				t.Fatalf("%s: glyph of %U: %v", name, r, err)
			}
			return g
		}
		if got, want := glyph(patched, '-'), glyph(orig, hyphenSource); got != want || got == 0 {
			t.Errorf("%s: '-' has glyph %d, want the short hyphen's %d", name, got, want)
		}
		changed := 0
		for r := rune(0); r < 0xFFFF; r++ {
			if r != '-' && glyph(orig, r) != glyph(patched, r) {
				changed++
			}
		}
		if changed > 0 {
			t.Errorf("%s: %d other characters changed their glyph", name, changed)
		}
	}
}

func TestRemapRefusesJunk(t *testing.T) {
	for _, junk := range [][]byte{nil, []byte("not a font at all"), goregular.TTF[:100]} {
		if _, err := remap(junk, '-', hyphenSource); err == nil {
			t.Errorf("remap(%d bytes) accepted junk", len(junk))
		}
	}
}

// The subset keeps the outline of every character it is asked for (a capital with a caron is
// composed of its letter and the caron, which it keeps too) and of nothing else, and is much
// smaller.
func TestSubsetKeepsWhatIsAskedFor(t *testing.T) {
	reg, _ := fonts()
	small, err := subset(reg, []rune("AŘřŠšŽžĎď-"))
	if err != nil {
		t.Fatal(err)
	}
	if len(small)*3 > len(reg) {
		t.Errorf("subset is %d bytes of %d", len(small), len(reg))
	}
	f, err := sfnt.Parse(small)
	if err != nil {
		t.Fatal(err)
	}
	full, _ := sfnt.Parse(reg)
	var buf sfnt.Buffer
	segments := func(f *sfnt.Font, r rune) int {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			t.Fatalf("%q has no glyph", r)
		}
		s, err := f.LoadGlyph(&buf, g, 1000<<6, nil)
		if err != nil {
			t.Fatalf("%q: %v", r, err)
		}
		return len(s)
	}
	for _, r := range "AŘřŠšŽžĎď-" {
		if got, want := segments(f, r), segments(full, r); got != want {
			t.Errorf("%q has %d segments, the full font %d", r, got, want)
		}
	}
	for _, r := range "BЖé" {
		if n := segments(f, r); n != 0 {
			t.Errorf("%q kept %d segments", r, n)
		}
	}
	if _, err := subset(reg[:40], []rune("A")); err == nil {
		t.Error("a truncated font was accepted")
	}
}

// The Go fonts draw their accented letters whole, but a font that composes them keeps the
// pieces: components reads every component, whatever form its offsets and scale take.
func TestComponents(t *testing.T) {
	composite := []byte{
		0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, // one contour less than none: a composite, and its box
		0x00, 0x21, 0x00, 0x05, 0, 1, 0, 2, // words for offsets, more to come: glyph 5
		0x00, 0x28, 0x00, 0x07, 1, 2, 0x40, 0, // bytes for offsets, a scale, more: glyph 7
		0x00, 0x80, 0x01, 0x02, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, // two by two, the last: glyph 258
	}
	got := components(composite)
	if len(got) != 3 || got[0] != 5 || got[1] != 7 || got[2] != 258 {
		t.Errorf("components = %v, want [5 7 258]", got)
	}
	if got := components([]byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}); got != nil {
		t.Errorf("a simple glyph has components %v", got)
	}
	if got := components(composite[:14]); len(got) != 1 {
		t.Errorf("a truncated composite gave %v", got)
	}
}

// Every table of a subset font has the checksum the format asks for (head's taken with its
// adjustment zero), and the whole file sums to the magic number: a strict reader accepts it.
func TestSubsetChecksums(t *testing.T) {
	reg, _ := fonts()
	small, err := subset(reg, []rune("Aá"))
	if err != nil {
		t.Fatal(err)
	}
	be := binary.BigEndian
	for i := range int(be.Uint16(small[4:])) {
		at := 12 + 16*i
		off, size := be.Uint32(small[at+8:]), be.Uint32(small[at+12:])
		table := append([]byte(nil), small[off:off+size]...)
		if string(small[at:at+4]) == "head" {
			be.PutUint32(table[8:], 0)
		}
		if got, want := checksum(table), be.Uint32(small[at+4:]); got != want {
			t.Errorf("table %s: checksum %08x, directory says %08x", small[at:at+4], got, want)
		}
	}
	if sum := checksum(small); sum != 0xB1B0AFBA {
		t.Errorf("the file sums to %08x", sum)
	}
}
