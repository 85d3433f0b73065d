package supervision

import "testing"

func TestAddMonths(t *testing.T) {
	tests := []struct {
		date   string
		months int
		want   string
	}{
		{"2026-01-15", 1, "2026-02-15"},
		{"2026-01-31", 1, "2026-02-28"},
		{"2028-01-31", 1, "2028-02-29"}, // a leap year
		{"2026-12-31", 2, "2027-02-28"},
		{"2027-12-31", 2, "2028-02-29"},
		{"2026-03-31", 1, "2026-04-30"},
		{"2026-02-28", 1, "2026-03-28"}, // the day of the month is kept, not the month's end
		{"2028-02-29", 2, "2028-04-29"},
		{"2026-11-30", 2, "2027-01-30"},
		{"2026-12-01", 1, "2027-01-01"},
		{"nonsense", 1, ""},
	}
	for _, tt := range tests {
		if got := AddMonths(tt.date, tt.months); got != tt.want {
			t.Errorf("AddMonths(%s, %d) = %q, want %q", tt.date, tt.months, got, tt.want)
		}
	}
}

func TestCadence(t *testing.T) {
	tests := []struct {
		name         string
		last, active string
		interval     int
		today        string
		due          string
		status       Status
		overdue      int
	}{
		{"just attended", "2026-03-10", "2025-01-01", 2, "2026-03-10", "2026-05-10", StatusOK, 0},
		{"15 days before due", "2026-03-10", "", 2, "2026-04-25", "2026-05-10", StatusOK, 0},
		{"14 days before due", "2026-03-10", "", 2, "2026-04-26", "2026-05-10", StatusDueSoon, 0},
		{"on the due day", "2026-03-10", "", 2, "2026-05-10", "2026-05-10", StatusDueSoon, 0},
		{"a day after", "2026-03-10", "", 2, "2026-05-11", "2026-05-10", StatusOverdue, 1},
		{"monthly, clamped to February", "2026-01-31", "", 1, "2026-02-01", "2026-02-28", StatusOK, 0},
		{"monthly in a leap year", "2028-01-31", "", 1, "2028-02-15", "2028-02-29", StatusDueSoon, 0},
		{"over the new year", "2026-12-31", "", 2, "2027-03-01", "2027-02-28", StatusOverdue, 1},
		{"none yet, counted from becoming active", "", "2026-01-20", 2, "2026-02-01", "2026-03-20", StatusNone, 0},
		{"none yet, first due soon", "", "2026-01-20", 2, "2026-03-10", "2026-03-20", StatusDueSoon, 0},
		{"none yet, first overdue", "", "2026-01-20", 2, "2026-04-01", "2026-03-20", StatusOverdue, 12},
		{"nothing to count from", "", "", 2, "2026-04-01", "", StatusNone, 0},
		{"an override of one month", "2026-03-10", "", 1, "2026-04-11", "2026-04-10", StatusOverdue, 1},
		{"an invalid interval counts as the default", "2026-03-10", "", 7, "2026-04-11", "2026-05-10", StatusOK, 0},
		{"back from a pause, the last one long ago", "2025-06-10", "2026-01-20", 2, "2026-02-01", "2025-08-10", StatusOverdue, 175},
		{"over the change of the clocks", "2026-02-28", "", 1, "2026-03-29", "2026-03-28", StatusOverdue, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Cadence(tt.last, tt.active, tt.interval, tt.today)
			if got.DueOn != tt.due || got.Status != tt.status || got.DaysOverdue != tt.overdue {
				t.Errorf("Cadence = %+v, want due %s, %s, %d days overdue", got, tt.due, tt.status, tt.overdue)
			}
		})
	}
}

func TestValidInterval(t *testing.T) {
	for m, want := range map[int]bool{0: false, 1: true, 2: true, 3: false, -1: false} {
		if ValidInterval(m) != want {
			t.Errorf("ValidInterval(%d) = %v", m, !want)
		}
	}
}
