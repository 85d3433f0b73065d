package certificates

import (
	"testing"

	"mentorlms/courses"
)

func TestNumber(t *testing.T) {
	cases := []struct {
		format, series string
		year, seq      int
		want           string
	}{
		{DefaultFormat, "RM", 2026, 42, "RM/2026/0042"},
		{DefaultFormat, "S", 2026, 7, "S/2026/0007"},
		{DefaultFormat, "S", 2026, 12345, "S/2026/12345"},
		{"{year}-{series}-{seq:6}", "RM", 2027, 1, "2027-RM-000001"},
		{"{series}{seq}/{year}", "S", 2026, 3, "S3/2026"},
	}
	for _, c := range cases {
		if got := Number(c.format, c.series, c.year, c.seq); got != c.want {
			t.Errorf("Number(%q, %s, %d, %d) = %q, want %q", c.format, c.series, c.year, c.seq, got, c.want)
		}
	}
}

func TestCheckFormat(t *testing.T) {
	for _, ok := range []string{DefaultFormat, "{year}-{series}-{seq:6}"} {
		if err := CheckFormat(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"{series}/{seq:4}", "{year}/{seq}", "RM/{year}/{seq}/{month}", "{series}/{year}"} {
		if err := CheckFormat(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestValidUntil(t *testing.T) {
	cases := []struct {
		kind   courses.Kind
		months int
		issued string
		want   string
	}{
		{courses.KindRequalification, 24, "2026-03-01", ""}, // requalification never expires
		{courses.KindAccreditedSeminar, 0, "2026-03-01", ""},
		{courses.KindAccreditedSeminar, 12, "2026-03-01", "2027-03-01"},
		{courses.KindAccreditedSeminar, 1, "2026-01-31", "2026-02-28"}, // 31. 1. + a month: the month's last day
		{courses.KindAccreditedSeminar, 1, "2028-01-31", "2028-02-29"}, // a leap year
		{courses.KindAccreditedSeminar, 1, "2026-02-01", "2026-03-01"},
		{courses.KindCourse, 24, "2024-02-29", "2026-02-28"},
	}
	for _, c := range cases {
		if got := ValidUntil(c.kind, c.months, c.issued); got != c.want {
			t.Errorf("%s for %d months from %s: %q, want %q", c.kind, c.months, c.issued, got, c.want)
		}
	}
}

func TestStatusOn(t *testing.T) {
	until, revoked := "2026-12-31", "2026-06-01"
	if StatusOn(nil, nil, "2030-01-01") != Valid || StatusOn(nil, &until, "2026-12-31") != Valid ||
		StatusOn(nil, &until, "2027-01-01") != Expired || StatusOn(&revoked, &until, "2026-07-01") != Revoked {
		t.Error("statuses")
	}
}

func TestFileName(t *testing.T) {
	if got := FileName("RM/2026/0042", "Jana Nováková"); got != "osvedceni-RM-2026-0042-novakova.pdf" {
		t.Errorf("file name %q", got)
	}
	if got := FileName("S/2026/0007", "Žaneta Červeňáková-Šťastná"); got != "osvedceni-S-2026-0007-cervenakova-stastna.pdf" {
		t.Errorf("file name %q", got)
	}
}

func TestValidICO(t *testing.T) {
	for _, ok := range []string{"00064581", "70890749", "12345679", DefaultIssuer.ICO} { // Praha, Kraj Vysočina
		if !ValidICO(ok) {
			t.Errorf("%s refused", ok)
		}
	}
	for _, bad := range []string{"01234567", "7089074", "708907490", "7089074A", ""} {
		if ValidICO(bad) {
			t.Errorf("%s accepted", bad)
		}
	}
}
