package pdf

import (
	"encoding/binary"
	"errors"
	"sort"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// The Go fonts are drawn for source code, where "-" is the minus sign: their glyph for U+002D
// is as wide as a minus and wider than their en dash, so "MSMT-18457" printed as "MSMT–18457"
// and double-barrelled surnames read as two names. The fonts do have a short hyphen, the glyph
// of the soft hyphen (U+00AD). The fonts are therefore given a cmap in which U+002D points to
// that glyph. The text in the PDF is unchanged, so "-" is still what a reader copies,
// searches and extracts: the Windows-1250 fonts write it as code 0x2D of their encoding, the
// UTF-8 fonts as its code point with an identity ToUnicode map.

// hyphenSource is the character whose glyph U+002D is drawn with.
const hyphenSource = 0x00AD

var (
	fontsOnce        sync.Once
	regular, bold    []byte
	errFontsPatching error
)

// fonts returns the regular and bold fonts with the short hyphen. They are patched once; a
// document that adds them as UTF-8 fonts needs its own copy (gofpdf writes into those bytes).
func fonts() (reg, b []byte) {
	fontsOnce.Do(func() {
		var e1, e2 error
		regular, e1 = remap(goregular.TTF, '-', hyphenSource)
		bold, e2 = remap(gobold.TTF, '-', hyphenSource)
		errFontsPatching = errors.Join(e1, e2)
	})
	if errFontsPatching != nil {
		// The fonts ship with the binary, so this cannot happen unless they change shape; a
		// hyphen as long as a dash is then better than no document.
		return goregular.TTF, gobold.TTF
	}
	return regular, bold
}

// remap returns a copy of the TrueType font ttf whose Unicode cmap draws the character dst
// with the glyph of src. The new cmap (one format 4 subtable, Windows Unicode BMP, the one
// gofpdf reads) is appended to the file and the table directory points to it; the other
// tables stay where they are.
func remap(ttf []byte, dst, src rune) ([]byte, error) {
	be := binary.BigEndian
	dir, err := directory(ttf)
	if err != nil {
		return nil, err
	}
	cmap, ok := dir["cmap"]
	if !ok {
		return nil, errors.New("pdf: font has no cmap")
	}
	entry := cmap.entry
	glyphs, err := unicodeGlyphs(cmap.data)
	if err != nil {
		return nil, err
	}
	g, ok := glyphs[uint16(src)]
	if !ok {
		return nil, errors.New("pdf: font lacks the hyphen's glyph")
	}
	glyphs[uint16(dst)] = g
	table := cmapTable(glyphs)

	out := append([]byte(nil), ttf...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	start := len(out)
	out = append(out, table...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	be.PutUint32(out[entry+4:], checksum(table))
	be.PutUint32(out[entry+8:], uint32(start))
	be.PutUint32(out[entry+12:], uint32(len(table)))
	fixHeadChecksum(out, dir)
	return out, nil
}

// table is one table of a font: where its record is in the table directory, and its bytes.
type table struct {
	entry int
	data  []byte
}

// directory reads a font's table directory, checking that every table lies inside the file.
func directory(ttf []byte) (map[string]table, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errors.New("pdf: font too short")
	}
	n := int(be.Uint16(ttf[4:]))
	if 12+16*n > len(ttf) {
		return nil, errors.New("pdf: font directory truncated")
	}
	dir := make(map[string]table, n)
	for i := range n {
		at := 12 + 16*i
		off, size := int(be.Uint32(ttf[at+8:])), int(be.Uint32(ttf[at+12:]))
		if off+size > len(ttf) {
			return nil, errors.New("pdf: font table outside the file")
		}
		dir[string(ttf[at:at+4])] = table{entry: at, data: ttf[off : off+size]}
	}
	return dir, nil
}

// unicodeGlyphs reads the format 4 subtable of the Windows Unicode BMP encoding (3, 1) of a
// cmap table: which glyph each character has.
func unicodeGlyphs(cmap []byte) (map[uint16]uint16, error) {
	be := binary.BigEndian
	if len(cmap) < 4 {
		return nil, errors.New("pdf: cmap too short")
	}
	for i := range int(be.Uint16(cmap[2:])) {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		if be.Uint16(cmap[rec:]) != 3 || be.Uint16(cmap[rec+2:]) != 1 {
			continue
		}
		at := int(be.Uint32(cmap[rec+4:]))
		if at+14 > len(cmap) || be.Uint16(cmap[at:]) != 4 {
			continue
		}
		st := cmap[at:]
		if n := int(be.Uint16(st[2:])); n <= len(st) {
			st = st[:n]
		}
		segX2 := int(be.Uint16(st[6:]))
		if 16+4*segX2 > len(st) {
			return nil, errors.New("pdf: cmap subtable truncated")
		}
		ends, starts := st[14:], st[16+segX2:]
		deltas, ranges := st[16+2*segX2:], 16+3*segX2
		out := map[uint16]uint16{}
		for s := 0; s < segX2/2; s++ {
			first, last := int(be.Uint16(starts[2*s:])), int(be.Uint16(ends[2*s:]))
			delta := be.Uint16(deltas[2*s:])
			ro := int(be.Uint16(st[ranges+2*s:]))
			for c := first; c <= last && c != 0xFFFF; c++ {
				g := uint16(c) + delta
				if ro != 0 {
					p := ranges + 2*s + ro + 2*(c-first)
					if p+2 > len(st) {
						continue
					}
					if g = be.Uint16(st[p:]); g != 0 {
						g += delta
					}
				}
				if g != 0 {
					out[uint16(c)] = g
				}
			}
		}
		return out, nil
	}
	return nil, errors.New("pdf: font has no Unicode cmap")
}

// cmapTable writes a cmap table with one format 4 subtable (3, 1) for glyphs: a segment per run
// of consecutive characters whose glyphs are consecutive too, so every segment maps by delta.
func cmapTable(glyphs map[uint16]uint16) []byte {
	codes := make([]int, 0, len(glyphs))
	for c := range glyphs {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	type segment struct{ first, last, delta uint16 }
	var segs []segment
	for _, c := range codes {
		d := glyphs[uint16(c)] - uint16(c)
		if n := len(segs); n > 0 && int(segs[n-1].last)+1 == c && segs[n-1].delta == d {
			segs[n-1].last = uint16(c)
			continue
		}
		segs = append(segs, segment{uint16(c), uint16(c), d})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the closing segment the format requires
	n := len(segs)
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	pow := 1
	for pow*2 <= n {
		pow *= 2
	}
	log := 0
	for 1<<(log+1) <= pow {
		log++
	}
	be.PutUint16(sub[8:], uint16(2*pow))
	be.PutUint16(sub[10:], uint16(log))
	be.PutUint16(sub[12:], uint16(2*(n-pow)))
	for i, s := range segs {
		be.PutUint16(sub[14+2*i:], s.last)
		be.PutUint16(sub[16+2*n+2*i:], s.first)
		be.PutUint16(sub[16+4*n+2*i:], s.delta)
		// idRangeOffset stays 0: every segment maps by its delta.
	}
	head := make([]byte, 12)
	be.PutUint16(head[2:], 1)
	be.PutUint16(head[4:], 3)
	be.PutUint16(head[6:], 1)
	be.PutUint32(head[8:], 12)
	return append(head, sub...)
}

// checksum is the TrueType checksum of a table: the sum of its big-endian 32-bit words.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// fixHeadChecksum sets the head table's checkSumAdjustment for the changed file, as the format
// asks, so that a strict reader accepts the font. dir is the directory the file was made from:
// its records stand where they stood.
func fixHeadChecksum(ttf []byte, dir map[string]table) {
	be := binary.BigEndian
	head, ok := dir["head"]
	if !ok {
		return
	}
	off := int(be.Uint32(ttf[head.entry+8:]))
	if off+12 > len(ttf) {
		return
	}
	be.PutUint32(ttf[off+8:], 0)
	be.PutUint32(ttf[off+8:], 0xB1B0AFBA-checksum(ttf))
}
