package people

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and strips diacritics. SQLite's LOWER and LIKE know only ASCII, and
// people type Czech names both with and without háčky and čárky, so searches compare folded
// text computed here.
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

// searchText is what a search for a person looks through.
func searchText(in Input) string {
	return Fold(in.Name + " " + in.Email)
}
