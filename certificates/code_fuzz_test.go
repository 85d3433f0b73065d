package certificates

import (
	"strings"
	"testing"
)

// FuzzNormalizeCode feeds the verification form what people type. It never panics; a code it
// accepts is twelve characters of the code alphabet, and reading it again changes nothing.
func FuzzNormalizeCode(f *testing.F) {
	for _, s := range []string{"ABCD-EFGH-JKLM", "abcd efgh jkmn", "23456789ABCD", "0OIL0OIL0OIL", "", "ABCD\tEFGH\tJKLM",
		"ÁBCD-EFGH-JKLM", "ABCD-EFGH-JKLM-N", strings.Repeat("-", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := normalizeCode(s)
		if !ok {
			return
		}
		if len(code) != 12 || strings.Trim(code, codeAlphabet) != "" {
			t.Fatalf("%q accepted as %q", s, code)
		}
		if again, ok := normalizeCode(code); !ok || again != code {
			t.Fatalf("%q reads again as %q (%v)", code, again, ok)
		}
	})
}
