package certificates

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/people"
	"mentorlms/web"
)

// Status is where a certificate stands on a given day.
type Status string

// The statuses verification reports.
const (
	Valid   Status = "valid"
	Expired Status = "expired"
	Revoked Status = "revoked"
)

// StatusOn is a certificate's status on day (YYYY-MM-DD): revoked whenever it was revoked,
// expired after its last valid day, else valid.
func StatusOn(revokedOn, validUntil *string, day string) Status {
	switch {
	case revokedOn != nil:
		return Revoked
	case validUntil != nil && day > *validUntil:
		return Expired
	}
	return Valid
}

// ValidUntil is the last valid day of a certificate issued on a day for a validity in months,
// or "" when it does not expire (requalification certificates never do, nor do courses that
// set no validity). As the Civil Code (§ 605) ends a period in months, it is the day of the
// same number that many months later, or the month's last day where there is none: issued
// 31. 1. for a month, valid through 28. 2. (29. 2. in a leap year).
func ValidUntil(kind courses.Kind, months int, issuedOn string) string {
	if months <= 0 || kind == courses.KindRequalification {
		return ""
	}
	t, err := time.Parse(web.DateLayout, issuedOn)
	if err != nil {
		return ""
	}
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), 0, 0, 0, 0, time.UTC).Format(web.DateLayout)
}

// ValidICO reports whether s is a Czech company number (IČO): eight digits whose last is the
// check digit of the first seven (weights 8 to 2, modulo 11).
func ValidICO(s string) bool {
	if len(s) != 8 {
		return false
	}
	sum := 0
	for i, r := range s {
		if r < '0' || r > '9' {
			return false
		}
		if i < 7 {
			sum += int(r-'0') * (8 - i)
		}
	}
	return int(s[7]-'0') == (11-sum%11)%10
}

// SeriesOf is the number series of a course kind: RM for requalification, S for the rest.
func SeriesOf(kind courses.Kind) string {
	if kind == courses.KindRequalification {
		return "RM"
	}
	return "S"
}

// DefaultFormat is how certificate numbers read unless configured: RM/2026/0042.
const DefaultFormat = "{series}/{year}/{seq:4}"

var placeholder = regexp.MustCompile(`\{(series|year|seq)(?::(\d))?\}`)

// CheckFormat refuses a number format that could give two certificates the same number: it
// must contain the series, the year and the sequence number.
func CheckFormat(format string) error {
	seen := map[string]bool{}
	for _, m := range placeholder.FindAllStringSubmatch(format, -1) {
		seen[m[1]] = true
	}
	if !seen["series"] || !seen["year"] || !seen["seq"] {
		return fmt.Errorf("certificate number format %q must contain {series}, {year} and {seq}", format)
	}
	if strings.ContainsAny(placeholder.ReplaceAllString(format, ""), "{}") {
		return fmt.Errorf("certificate number format %q has an unknown placeholder", format)
	}
	return nil
}

// Number writes a certificate number in the format: {series}, {year}, and {seq} zero-padded
// to the width after the colon.
func Number(format, series string, year, seq int) string {
	return placeholder.ReplaceAllStringFunc(format, func(p string) string {
		m := placeholder.FindStringSubmatch(p)
		switch m[1] {
		case "series":
			return series
		case "year":
			return strconv.Itoa(year)
		}
		width, _ := strconv.Atoi(m[2])
		return fmt.Sprintf("%0*d", width, seq)
	})
}

// FileName is the name a certificate's PDF is downloaded under:
// osvedceni-RM-2026-0042-novakova.pdf (the holder's surname without diacritics).
func FileName(number, name string) string {
	parts := strings.Fields(name)
	surname := ""
	if len(parts) > 0 {
		surname = parts[len(parts)-1]
	}
	return "osvedceni-" + slug(number, true) + "-" + slug(surname, false) + ".pdf"
}

// slug is s in ASCII letters (upper-case ones kept when keepCase) and digits, without
// diacritics, other runs as one dash.
func slug(s string, keepCase bool) string {
	var b strings.Builder
	dash := false
	folded := people.Fold(s)
	if keepCase {
		folded = strings.ToUpper(folded)
	}
	for _, r := range folded {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
