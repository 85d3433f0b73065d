package courses

import (
	"testing"
	"time"
)

func date(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func TestAddWorkingDays(t *testing.T) {
	cases := []struct{ from, want string }{
		{"2026-11-23", "2026-11-26"}, // Monday → Thursday
		{"2026-11-26", "2026-12-01"}, // Thursday → over the weekend to Tuesday
		{"2026-04-02", "2026-04-09"}, // Maundy Thursday: Good Friday, the weekend and Easter Monday are off
		{"2026-04-03", "2026-04-09"}, // from Good Friday itself
		{"2027-03-25", "2027-04-01"}, // Easter 2027: Good Friday 26. 3., Easter Monday 29. 3.
		{"2026-12-22", "2026-12-29"}, // 24.–26. 12. are holidays
		{"2026-11-16", "2026-11-20"}, // 17. 11. is a holiday
	}
	for _, c := range cases {
		if got := AddWorkingDays(date(c.from), 3).Format("2006-01-02"); got != c.want {
			t.Errorf("3 working days after %s = %s, want %s", c.from, got, c.want)
		}
	}
	if WorkingDay(date("2026-04-06")) || WorkingDay(date("2026-04-03")) || !WorkingDay(date("2026-04-07")) {
		t.Error("Easter 2026 is not read right")
	}
}
