package supervision

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzParseHours feeds the hours field what people type ("1,5", "2", "1.5 "). It never panics,
// and a plain number of whole or half hours within the limit comes back as its minutes.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"2", "1,5", "1.5", " 3 ", "", "-1", "0", "1e3", "NaN", "Inf", "0x10", "1,5,5", "99999999999",
		"0.25", "1_0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		minutes, ok := parseHours(s)
		if !ok {
			return
		}
		// What is read is a number validation can judge: a negative entry reads as one step
		// below nothing, one far too large as bounded, never as an overflowed number.
		if hi := 60*MaxEntryMinutes + HoursStep; minutes < -HoursStep || minutes > hi {
			t.Fatalf("%q reads as %d minutes, outside %d…%d", s, minutes, -HoursStep, hi)
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err == nil && n >= 0 && n <= MaxEntryMinutes/60 && minutes != n*60 {
			t.Fatalf("%q is %d minutes, want %d", s, minutes, n*60)
		}
	})
}
