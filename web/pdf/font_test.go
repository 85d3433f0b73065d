package pdf

import (
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
