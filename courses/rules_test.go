package courses_test

import (
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

func TestApplicable(t *testing.T) {
	old := courses.Accreditation{ID: 1, ValidFrom: "2020-01-01", ValidUntil: "2025-12-31"}
	renewed := courses.Accreditation{ID: 2, ValidFrom: "2025-06-01", ValidUntil: "2028-05-31"}
	accs := []courses.Accreditation{old, renewed}
	tests := []struct {
		day  string
		want int64 // 0: none
	}{
		{"2019-12-31", 0},
		{"2020-01-01", 1}, // the first day counts
		{"2025-05-31", 1},
		{"2025-06-01", 2}, // both valid: the newer applies
		{"2025-12-31", 2},
		{"2028-05-31", 2}, // the last day counts
		{"2028-06-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			a, ok := courses.Applicable(accs, tt.day)
			if got := map[bool]int64{true: a.ID}[ok]; got != tt.want {
				t.Errorf("Applicable on %s = %d, want %d", tt.day, got, tt.want)
			}
		})
	}
}

func TestCanMove(t *testing.T) {
	allowed := map[[2]courses.Status]bool{
		{"planned", "open"}: true, {"planned", "cancelled"}: true,
		{"open", "planned"}: true, {"open", "running"}: true, {"open", "cancelled"}: true,
		{"running", "finished"}: true, {"running", "cancelled"}: true,
	}
	for _, from := range courses.Statuses {
		for _, to := range courses.Statuses {
			if got := courses.CanMove(from, to); got != allowed[[2]courses.Status{from, to}] {
				t.Errorf("CanMove(%s, %s) = %v", from, to, got)
			}
		}
	}
}

// 9:00 in Prague on the Sundays the clocks change lands on the right UTC instant.
func TestLocalTimeAcrossDaylightSaving(t *testing.T) {
	tests := []struct {
		date, clock string
		want        string // UTC, or "" for refused
	}{
		{"2026-03-28", "9:00", "2026-03-28T08:00:00Z"}, // winter time, UTC+1
		{"2026-03-29", "9:00", "2026-03-29T07:00:00Z"}, // summer time from 2:00 that night, UTC+2
		{"2026-03-29", "1:59", "2026-03-29T00:59:00Z"},
		{"2026-03-29", "2:30", ""}, // does not exist: the clocks jump from 2:00 to 3:00
		{"2026-03-29", "3:00", "2026-03-29T01:00:00Z"},
		{"2026-10-24", "9:00", "2026-10-24T07:00:00Z"},
		{"2026-10-25", "9:00", "2026-10-25T08:00:00Z"}, // back to winter time
		{"2026-10-25", "09:05", "2026-10-25T08:05:00Z"},
		{"2026-02-30", "9:00", ""},
		{"2026-03-01", "24:00", ""},
		{"2026-03-01", "9", ""},
		{"2026-03-01", "9:00 odpoledne", ""},
		{"2026-03-01", "9:00xyz", ""},
		{"2026-03-01", "+9:-0", ""},
		{"2026-03-01", "9:5", ""},
	}
	for _, tt := range tests {
		t.Run(tt.date+" "+tt.clock, func(t *testing.T) {
			got, err := courses.LocalTime(tt.date, tt.clock)
			if tt.want == "" {
				if err == nil {
					t.Errorf("LocalTime = %v, want refused", got)
				}
				return
			}
			if err != nil || got.UTC().Format(time.RFC3339) != tt.want {
				t.Errorf("LocalTime = %v, %v; want %s", got.UTC(), err, tt.want)
			}
		})
	}
}

// A weekly 9:00 stays 9:00 in Prague across the change of the clocks.
func TestExpandKeepsWallClock(t *testing.T) {
	first, _ := courses.LocalTime("2026-03-17", "9:00")
	got := courses.Expand(first, courses.Repeat{EveryDays: 7, Count: 4})
	want := []string{"2026-03-17T08:00:00Z", "2026-03-24T08:00:00Z", "2026-03-31T07:00:00Z", "2026-04-07T07:00:00Z"}
	if len(got) != len(want) {
		t.Fatalf("%d starts", len(got))
	}
	for i := range want {
		if got[i].UTC().Format(time.RFC3339) != want[i] || got[i].In(web.Prague).Hour() != 9 {
			t.Errorf("start %d = %v, want %s", i, got[i].UTC(), want[i])
		}
	}
	// Month ends roll over as calendar days do.
	first, _ = courses.LocalTime("2026-01-29", "16:00")
	got = courses.Expand(first, courses.Repeat{EveryDays: 1, Count: 4})
	if d := courses.PragueDay(got[3]); d != "2026-02-01" {
		t.Errorf("fourth daily session on %s", d)
	}
}

func TestFits(t *testing.T) {
	r := courses.Run{StartsOn: "2026-03-29", EndsOn: "2026-03-30"}
	at := func(date, clock string) time.Time { t, _ := courses.LocalTime(date, clock); return t }
	tests := []struct {
		name    string
		start   time.Time
		minutes int
		want    bool
	}{
		{"first day", at("2026-03-29", "9:00"), 180, true},
		{"last day until midnight", at("2026-03-30", "21:00"), 180, true},
		{"before the run", at("2026-03-28", "23:00"), 30, false},
		{"after the run", at("2026-03-31", "0:00"), 30, false},
		{"past midnight", at("2026-03-29", "23:00"), 90, false},
		{"early morning on the first day, in UTC still the day before", at("2026-03-29", "0:30"), 60, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := courses.Fits(r, tt.start, tt.minutes); got != tt.want {
				t.Errorf("Fits = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOverlapAndSums(t *testing.T) {
	base := time.Date(2026, 5, 5, 7, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }
	if !courses.Overlap(h(0), h(3), h(2), h(4)) || courses.Overlap(h(0), h(3), h(3), h(4)) || !courses.Overlap(h(1), h(2), h(0), h(5)) {
		t.Error("Overlap")
	}
	cancelled := "2026-05-01T00:00:00Z"
	ss := []courses.Session{{Kind: courses.Theory, Minutes: 180}, {Kind: courses.Practice, Minutes: 120},
		{Kind: courses.Theory, Minutes: 90, CancelledAt: &cancelled}}
	if th, pr := courses.Scheduled(ss); th != 180 || pr != 120 {
		t.Errorf("Scheduled = %d, %d", th, pr)
	}
	ms := []courses.Module{{TheoryHours: 10, PracticeHours: 5}, {TheoryHours: 30}}
	if th, pr := courses.Curriculum(ms); th != 40 || pr != 5 {
		t.Errorf("Curriculum = %d, %d", th, pr)
	}
	if courses.FreeSeats(9, 11) != 0 || courses.FreeSeats(9, 4) != 5 {
		t.Error("FreeSeats")
	}
}

// A time is judged on its own, with a message that says what is wrong with it.
func TestClock(t *testing.T) {
	for _, tt := range []struct {
		in         string
		hour, min  int
		wantRefuse string
	}{
		{"9:00", 9, 0, ""}, {"09:05", 9, 5, ""}, {" 23:59 ", 23, 59, ""}, {"0:00", 0, 0, ""},
		{"25:70", 0, 0, "session.time.range"}, {"24:00", 0, 0, "session.time.range"}, {"12:60", 0, 0, "session.time.range"},
		{"9", 0, 0, "session.time.invalid"}, {"9:5", 0, 0, "session.time.invalid"}, {"devět", 0, 0, "session.time.invalid"},
		{"", 0, 0, "session.time.invalid"}, {"123:00", 0, 0, "session.time.invalid"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			h, m, key := courses.Clock(tt.in)
			if key != tt.wantRefuse || h != tt.hour || m != tt.min {
				t.Errorf("Clock(%q) = %d, %d, %q; want %d, %d, %q", tt.in, h, m, key, tt.hour, tt.min, tt.wantRefuse)
			}
		})
	}
}

// Lying outside the run and ending past midnight are told apart.
func TestWithinAndEndsSameDay(t *testing.T) {
	r := courses.Run{StartsOn: "2026-03-29", EndsOn: "2026-03-30"}
	at := func(date, clock string) time.Time { t, _ := courses.LocalTime(date, clock); return t }
	for _, tt := range []struct {
		name            string
		start           time.Time
		minutes         int
		within, sameDay bool
	}{
		{"inside", at("2026-03-29", "9:00"), 180, true, true},
		{"until midnight exactly", at("2026-03-30", "21:00"), 180, true, true},
		{"past midnight on the last day", at("2026-03-30", "23:00"), 90, true, false},
		{"past midnight before the run", at("2026-03-28", "23:30"), 60, false, false},
		{"the day after", at("2026-03-31", "9:00"), 60, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := courses.Within(r, tt.start); got != tt.within {
				t.Errorf("Within = %v, want %v", got, tt.within)
			}
			if got := courses.EndsSameDay(tt.start, tt.minutes); got != tt.sameDay {
				t.Errorf("EndsSameDay = %v, want %v", got, tt.sameDay)
			}
		})
	}
}
