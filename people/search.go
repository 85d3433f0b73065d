package people

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
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

// czech compares as Czech dictionaries do; a collator is not safe for concurrent use.
var czech = sync.Pool{New: func() any { return collate.New(language.Czech, collate.IgnoreCase) }}

// SortKey orders people by surname (the last word of the name), then the given names.
func SortKey(name string) []byte {
	words := strings.Fields(name)
	if len(words) > 1 {
		words = append(words[len(words)-1:], words[:len(words)-1]...)
	}
	c := czech.Get().(*collate.Collator)
	defer czech.Put(c)
	var buf collate.Buffer
	return append([]byte(nil), c.KeyFromString(&buf, strings.Join(words, " "))...)
}

// CompareCzech orders two strings as Czech dictionaries do.
func CompareCzech(a, b string) int {
	c := czech.Get().(*collate.Collator)
	defer czech.Put(c)
	return c.CompareString(a, b)
}
