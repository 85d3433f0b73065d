package pdf

import (
	"encoding/binary"
	"errors"
)

// subset returns a copy of the TrueType font ttf that keeps the outlines of the glyphs of runes
// (with .notdef and the glyphs they are composed of) and empties every other glyph. Glyph
// numbers, metrics and the cmap stay as they are, so nothing else in the font needs to know:
// only glyf and loca are written anew (loca in its long form). A document that embeds the
// whole font file (see compact.go) embeds two fifths of it.
func subset(ttf []byte, runes []rune) ([]byte, error) {
	be := binary.BigEndian
	dir, err := directory(ttf)
	if err != nil {
		return nil, err
	}
	tables := int(be.Uint16(ttf[4:])) // as many records as the directory has, which directory checked
	data := make(map[string][]byte, tables)
	for tag, t := range dir {
		data[tag] = t.data
	}
	head, loca, glyf, maxp, cmap := data["head"], data["loca"], data["glyf"], data["maxp"], data["cmap"]
	if len(head) < 54 || len(maxp) < 6 || glyf == nil || cmap == nil {
		return nil, errors.New("pdf: font lacks the tables of outlines")
	}
	n := int(be.Uint16(maxp[4:]))
	long := be.Uint16(head[50:]) == 1
	if (long && len(loca) < 4*(n+1)) || (!long && len(loca) < 2*(n+1)) {
		return nil, errors.New("pdf: loca too short")
	}
	at := func(g int) int {
		if long {
			return int(be.Uint32(loca[4*g:]))
		}
		return 2 * int(be.Uint16(loca[2*g:]))
	}
	outline := func(g int) []byte {
		from, to := at(g), at(g+1)
		if from > to || to > len(glyf) {
			return nil
		}
		return glyf[from:to]
	}

	glyphs, err := unicodeGlyphs(cmap)
	if err != nil {
		return nil, err
	}
	keep := make([]bool, n)
	todo := []int{0}
	for _, r := range runes {
		if g, ok := glyphs[uint16(r)]; ok && r <= 0xFFFF {
			todo = append(todo, int(g))
		}
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if g >= n || keep[g] {
			continue
		}
		keep[g] = true
		todo = append(todo, components(outline(g))...)
	}

	var newGlyf []byte
	newLoca := make([]byte, 4*(n+1))
	for g := range n {
		be.PutUint32(newLoca[4*g:], uint32(len(newGlyf)))
		if keep[g] {
			newGlyf = append(newGlyf, outline(g)...)
			for len(newGlyf)%4 != 0 {
				newGlyf = append(newGlyf, 0)
			}
		}
	}
	be.PutUint32(newLoca[4*n:], uint32(len(newGlyf)))
	newHead := append([]byte(nil), head...)
	be.PutUint16(newHead[50:], 1)
	be.PutUint32(newHead[8:], 0) // the head's checksum is taken with its adjustment zero (fixHeadChecksum sets it)
	data["glyf"], data["loca"], data["head"] = newGlyf, newLoca, newHead

	out := append([]byte(nil), ttf[:12+16*tables]...)
	for i := range tables {
		entry := 12 + 16*i
		table := data[string(out[entry:entry+4])]
		be.PutUint32(out[entry+4:], checksum(table))
		be.PutUint32(out[entry+8:], uint32(len(out)))
		be.PutUint32(out[entry+12:], uint32(len(table)))
		out = append(out, table...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	fixHeadChecksum(out, dir)
	return out, nil
}

// components lists the glyphs a composite glyph is built of (an accented letter of its letter
// and its accent); a simple glyph has none.
func components(g []byte) []int {
	be := binary.BigEndian
	if len(g) < 10 || int16(be.Uint16(g)) >= 0 {
		return nil
	}
	const (
		argsAreWords   = 0x0001
		haveScale      = 0x0008
		moreComponents = 0x0020
		haveXYScale    = 0x0040
		haveTwoByTwo   = 0x0080
	)
	var out []int
	for p := 10; p+4 <= len(g); {
		flags := be.Uint16(g[p:])
		out = append(out, int(be.Uint16(g[p+2:])))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}
