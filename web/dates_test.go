package web_test

import (
	"testing"
	"time"

	"mentorlms/web"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDate(t *testing.T) {
	cat := loadCatalog(t)
	var nilTime *time.Time
	march1 := time.Date(2026, 3, 1, 10, 0, 0, 0, web.Prague)
	tests := []struct {
		name, lang string
		v          any
		want       string
	}{
		{"time.Time", "cs", march1, "1. 3. 2026"},
		{"*time.Time", "cs", &march1, "1. 3. 2026"},
		{"date string", "cs", "2026-03-01", "1. 3. 2026"},
		{"two-digit day and month", "cs", "2026-12-24", "24. 12. 2026"},
		{"english", "en", "2026-03-01", "1 Mar 2026"},
		{"english time.Time", "en", march1, "1 Mar 2026"},
		{"instant before midnight UTC is the next day in Prague", "cs", utc("2026-06-30T22:30:00Z"), "1. 7. 2026"},
		{"RFC 3339 string", "cs", "2026-06-30T22:30:00Z", "1. 7. 2026"},
		{"winter instant", "cs", utc("2026-01-31T23:00:00Z"), "1. 2. 2026"},
		{"empty string", "cs", "", ""},
		{"unparsable string", "cs", "yesterday", ""},
		{"impossible date", "cs", "2026-02-30", ""},
		{"zero time", "cs", time.Time{}, ""},
		{"nil *time.Time", "cs", nilTime, ""},
		{"nil", "cs", nil, ""},
		{"other type", "cs", 20260301, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cat.For(tt.lang).Date(tt.v); got != tt.want {
				t.Errorf("Date(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestDateLong(t *testing.T) {
	cat := loadCatalog(t)
	months := []string{"ledna", "února", "března", "dubna", "května", "června",
		"července", "srpna", "září", "října", "listopadu", "prosince"}
	for i, m := range months {
		d := time.Date(2026, time.Month(i+1), 5, 12, 0, 0, 0, web.Prague)
		want := "5. " + m + " 2026"
		t.Run(want, func(t *testing.T) {
			if got := cat.For("cs").DateLong(d); got != want {
				t.Errorf("DateLong(%v) = %q, want %q", d, got, want)
			}
		})
	}
	tests := []struct {
		name, lang string
		v          any
		want       string
	}{
		{"date string", "cs", "2026-02-05", "5. února 2026"},
		{"english", "en", "2026-02-05", "5 February 2026"},
		{"Prague date of an instant", "cs", utc("2026-12-31T23:30:00Z"), "1. ledna 2027"},
		{"empty", "cs", "", ""},
		{"unparsable", "cs", "5. 2. 2026", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cat.For(tt.lang).DateLong(tt.v); got != tt.want {
				t.Errorf("DateLong(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}

func TestTime(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"morning without leading zero", time.Date(2026, 3, 2, 9, 0, 0, 0, web.Prague), "9:00"},
		{"afternoon in 24 hours", time.Date(2026, 3, 2, 16, 5, 0, 0, web.Prague), "16:05"},
		{"midnight", time.Date(2026, 3, 2, 0, 0, 0, 0, web.Prague), "0:00"},
		{"UTC instant in winter", utc("2026-01-15T08:00:00Z"), "9:00"},
		{"UTC instant in summer", utc("2026-07-15T14:05:00Z"), "16:05"},
		{"RFC 3339 string", "2026-07-15T07:00:00Z", "9:00"},
		{"spring forward: last minute of CET", utc("2026-03-29T00:59:00Z"), "1:59"},
		{"spring forward: first minute of CEST", utc("2026-03-29T01:00:00Z"), "3:00"},
		{"fall back: 2:30 CEST", utc("2026-10-25T00:30:00Z"), "2:30"},
		{"fall back: 2:30 CET", utc("2026-10-25T01:30:00Z"), "2:30"},
		{"empty", "", ""},
		{"unparsable", "9:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lang := range web.Languages {
				if got := cat.For(lang).Time(tt.v); got != tt.want {
					t.Errorf("%s: Time(%v) = %q, want %q", lang, tt.v, got, tt.want)
				}
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		name, lang string
		v          any
		want       string
	}{
		{"instant near midnight UTC", "cs", utc("2026-06-30T22:30:00Z"), "1. 7. 2026 0:30"},
		{"RFC 3339 string", "cs", "2026-06-30T22:30:00Z", "1. 7. 2026 0:30"},
		{"local time", "cs", time.Date(2026, 3, 1, 9, 0, 0, 0, web.Prague), "1. 3. 2026 9:00"},
		{"english", "en", utc("2026-03-01T08:00:00Z"), "1 Mar 2026 9:00"},
		{"fall back, second 2:30", "cs", utc("2026-10-25T01:30:00Z"), "25. 10. 2026 2:30"},
		{"empty", "cs", "", ""},
		{"zero time", "cs", time.Time{}, ""},
		{"unparsable", "cs", "2026-13-01", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cat.For(tt.lang).DateTime(tt.v); got != tt.want {
				t.Errorf("DateTime(%v) = %q, want %q", tt.v, got, tt.want)
			}
		})
	}
}
