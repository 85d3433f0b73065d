package web_test

import (
	"testing"

	"mentorlms/web"
)

// FuzzParseDate feeds the date parser what people type. It never panics; a date it accepts
// lies within the years it allows and reads back as typed.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-01", "2026-02-29", "2024-02-29", "0000-01-01", "9999-12-31", "1. 3. 2026",
		"2026-3-1", "", " 2026-03-01", "2026-03-01T00:00:00Z", "+2026-03-01", "1899-12-31", "2100-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, key := web.ParseDate(s)
		if key != "" {
			return
		}
		if d.Year() < web.MinYear || d.Year() > web.MaxYear {
			t.Fatalf("%q accepted as %v, outside %d–%d", s, d, web.MinYear, web.MaxYear)
		}
		if got := d.Format(web.DateLayout); got != s {
			t.Fatalf("%q accepted, reads back as %q", s, got)
		}
	})
}
