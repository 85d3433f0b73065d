package pdf

import (
	"strings"
	"unicode/utf8"
)

// Wrap breaks text into lines that fit width millimetres (cell margins included) in the current
// font. Lines break between words; a word longer than a line (a long double-barrelled surname,
// an accreditation number) breaks after a hyphen or slash when it can and anywhere when it
// must, so nothing ever runs past its cell. A newline in text starts a new line. There is
// always at least one line, so an empty cell still has a height.
func Wrap(d *Doc, text string, width float64) []string {
	limit := width - 2*d.GetCellMargin()
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		cur := ""
		for _, word := range strings.Fields(Clean(para)) {
			if cur != "" && d.GetStringWidth(cur+" "+word) <= limit {
				cur += " " + word
				continue
			}
			if cur != "" {
				lines = append(lines, cur)
			}
			pieces := breakWord(d, word, limit)
			lines = append(lines, pieces[:len(pieces)-1]...)
			cur = pieces[len(pieces)-1]
		}
		lines = append(lines, cur)
	}
	return lines
}

// breakWord cuts a word into pieces no wider than limit, preferring to cut after a hyphen or a
// slash.
func breakWord(d *Doc, word string, limit float64) []string {
	var pieces []string
	for d.GetStringWidth(word) > limit {
		cut, soft := 0, 0
		for i, r := range word {
			if i > 0 && d.GetStringWidth(word[:i+utf8.RuneLen(r)]) > limit {
				break
			}
			cut = i + utf8.RuneLen(r)
			if r == '-' || r == '/' {
				soft = cut
			}
		}
		if soft > 0 && soft < len(word) {
			cut = soft
		}
		pieces = append(pieces, word[:cut])
		word = word[cut:]
	}
	if word == "" { // the last rune alone was wider than the limit and took a piece of its own
		return pieces
	}
	return append(pieces, word)
}

// Fit shortens text with an ellipsis until it fits width millimetres in the current font: for
// one-line places such as a footer, where wrapping is not possible.
func Fit(d *Doc, text string, width float64) string {
	text = Clean(text)
	limit := width - 2*d.GetCellMargin()
	if d.GetStringWidth(text) <= limit {
		return text
	}
	runes := []rune(text)
	for len(runes) > 0 && d.GetStringWidth(string(runes)+"…") > limit {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimSpace(string(runes)) + "…"
}
