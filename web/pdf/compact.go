package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/encoding/charmap"
)

// A document's text is written with the Go fonts as simple TrueType fonts in the Windows-1250
// encoding, which holds all of Czech and Slovak and the rest of Central European Latin. Such a
// font is prepared once per process and its file is embedded as it is: gofpdf only copies it
// out, so every document reads the same bytes, and a document costs no parsing. gofpdf's UTF-8
// fonts, which draw everything the Go fonts have, are parsed, hashed and subset again for every
// document (that was 80 % of a certificate's 17 ms). A document therefore takes them only for
// a text that Windows-1250 cannot write (a name in Cyrillic, an è), and draws only that text
// with them.
//
// The font file is embedded whole, but with the outlines of only the characters Windows-1250
// has (see subset): about 30 kB compressed per style, where the UTF-8 fonts embed only the
// glyphs a document uses (a certificate was 34 kB with them, about 70 kB now).

// wideFamily is the family of the UTF-8 fonts a document takes for text beyond Windows-1250.
const wideFamily = Family + "-u"

// face is one style of the Go fonts prepared for simple (single-byte) use.
type face struct {
	def  []byte // gofpdf's font definition (JSON)
	file []byte // the font file, zlib-compressed; read, never written, by every document
	// widths is each character's advance in thousandths of an em, for every character the
	// font has, so that a text is measured the same whichever font draws it.
	widths  map[rune]int
	missing int
}

var (
	facesOnce sync.Once
	faces     [2]*face // regular, bold; nil when they could not be prepared
	errFaces  error
	// codes is the Windows-1250 code of each printable character the encoding has.
	codes map[rune]byte
)

// prepared returns the regular and bold faces, preparing them the first time.
func prepared() ([2]*face, error) {
	facesOnce.Do(func() {
		codes = map[rune]byte{}
		var runes []rune
		for c := 0x20; c <= 0xFF; c++ {
			if r := charmap.Windows1250.DecodeByte(byte(c)); r != utf8.RuneError && c != 0x7F {
				codes[r] = byte(c)
				runes = append(runes, r)
			}
		}
		reg, bold := fonts()
		reg, e1 := subset(reg, runes)
		bold, e2 := subset(bold, runes)
		if errFaces = errors.Join(e1, e2); errFaces == nil {
			faces[0], e1 = prepare(reg, "goregular.z", false)
			faces[1], e2 = prepare(bold, "gobold.z", true)
			errFaces = errors.Join(e1, e2)
		}
		if errFaces != nil {
			faces = [2]*face{}
		}
	})
	return faces, errFaces
}

// fontDef is the part of gofpdf's font definition that a TrueType font needs.
type fontDef struct {
	Tp           string
	Name         string
	Desc         fontDesc
	Up, Ut       int
	Cw           []int
	Enc          string
	Diff         string
	File         string
	OriginalSize int
}

type fontDesc struct {
	Ascent, Descent, CapHeight, Flags int
	FontBBox                          struct{ Xmin, Ymin, Xmax, Ymax int }
	ItalicAngle, StemV, MissingWidth  int
}

// prepare reads a TrueType font and writes its definition for Windows-1250 (file is the name
// gofpdf files it under in a document, one per style).
func prepare(ttf []byte, file string, bold bool) (*face, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("pdf: font: %w", err)
	}
	var buf sfnt.Buffer
	em := fixed.I(1000) // sizes in thousandths of an em, as PDF measures glyphs
	advance := func(g sfnt.GlyphIndex) int {
		a, err := f.GlyphAdvance(&buf, g, em, font.HintingNone)
		if err != nil {
			return 0
		}
		return a.Round()
	}
	fc := &face{widths: map[rune]int{}, missing: advance(0)}
	for r := rune(0x20); r <= 0xFFFF; r++ {
		if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
			fc.widths[r] = advance(g)
		}
	}
	def := fontDef{Tp: "TrueType", Enc: "cp1250", File: file, OriginalSize: len(ttf), Cw: make([]int, 256)}
	if def.Name, err = f.Name(&buf, sfnt.NameIDPostScript); err != nil || def.Name == "" {
		return nil, fmt.Errorf("pdf: font has no PostScript name: %v", err)
	}
	m, err := f.Metrics(&buf, em, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("pdf: font metrics: %w", err)
	}
	box, err := f.Bounds(&buf, em, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("pdf: font bounds: %w", err)
	}
	post := f.PostTable()
	upem := float64(f.UnitsPerEm())
	def.Up = int(math.Round(float64(post.UnderlinePosition) * 1000 / upem))
	def.Ut = int(math.Round(float64(post.UnderlineThickness) * 1000 / upem))
	def.Desc = fontDesc{Ascent: m.Ascent.Round(), Descent: -m.Descent.Round(), CapHeight: m.CapHeight.Round(),
		Flags: 32, ItalicAngle: int(post.ItalicAngle), StemV: 70, MissingWidth: fc.missing} // 32: not symbolic
	def.Desc.FontBBox.Xmin, def.Desc.FontBBox.Ymin = box.Min.X.Round(), -box.Max.Y.Round()
	def.Desc.FontBBox.Xmax, def.Desc.FontBBox.Ymax = box.Max.X.Round(), -box.Min.Y.Round()
	if post.IsFixedPitch {
		def.Desc.Flags |= 1
	}
	if bold {
		def.Desc.StemV = 120
	}
	var diff strings.Builder
	for c := range 256 {
		r := charmap.Windows1250.DecodeByte(byte(c))
		def.Cw[c] = fc.missing
		if w, ok := fc.widths[r]; ok {
			def.Cw[c] = w
		}
		// The PDF names the characters where Windows-1250 differs from its base encoding
		// (WinAnsi, which is Windows-1252), so that a reader maps them to Unicode and to the
		// glyphs of the font's Unicode cmap.
		if c >= 0x80 && r != charmap.Windows1252.DecodeByte(byte(c)) {
			name := ".notdef"
			if r != utf8.RuneError {
				name = fmt.Sprintf("uni%04X", r)
			}
			fmt.Fprintf(&diff, "%d /%s ", c, name)
		}
	}
	def.Diff = strings.TrimSpace(diff.String())
	if fc.def, err = json.Marshal(def); err != nil {
		return nil, err
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	if _, err := w.Write(ttf); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	fc.file = z.Bytes()
	return fc, nil
}

// encode writes s in Windows-1250, false when it has a character the encoding lacks (or a
// control character, which Clean would make a space).
func encode(s string) (string, bool) {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		return s, true
	}
	if codes == nil {
		return "", false
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := codes[r]
		if !ok {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}
