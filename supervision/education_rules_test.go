package supervision

import "testing"

// The pro-rata target across jobs that meet, per-job probation periods, absences that run
// into each other and the boundaries of the year.
func TestTargetMonthsJoinsAndBounds(t *testing.T) {
	tests := []struct {
		name string
		year int
		e    Employment
		want int
	}{
		{"jobs meeting mid-month count as one", 2026, Employment{Jobs: []Period{{"2025-01-01", "2026-04-15"}, {"2026-04-16", ""}}}, 12},
		{"a day between two jobs loses the month", 2026, Employment{Jobs: []Period{{"2025-01-01", "2026-04-15"}, {"2026-04-17", ""}}}, 11},
		{"overlapping jobs count once", 2026, Employment{Jobs: []Period{{"2026-01-01", "2026-08-31"}, {"2026-06-01", "2026-12-31"}}}, 12},
		{"jobs given out of order", 2026, Employment{Jobs: []Period{{"2026-07-01", ""}, {"2026-01-01", "2026-06-30"}}}, 12},
		{"a job ending on the year's last day", 2026, Employment{Jobs: []Period{{"2026-01-01", "2026-12-31"}}}, 12},
		{"a job beginning on the year's first day of the next", 2026, Employment{Jobs: []Period{{"2027-01-01", ""}}}, 0},
		{"a job that ended the year before", 2026, Employment{Jobs: []Period{{"2020-01-01", "2025-12-31"}}}, 0},
		{"probation over the new year: January is off", 2026, Employment{Jobs: []Period{{"2025-11-01", ""}},
			Probations: []Period{{"2025-11-01", "2026-01-31"}}}, 11},
		{"probation over the new year: the old year", 2025, Employment{Jobs: []Period{{"2025-11-01", ""}},
			Probations: []Period{{"2025-11-01", "2026-01-31"}}}, 0},
		{"probation ending mid-month takes the month", 2026, Employment{Jobs: []Period{{"2026-03-01", ""}},
			Probations: []Period{{"2026-03-01", "2026-05-15"}}}, 7},
		{"an earlier job's probation leaves a later job alone", 2026, Employment{
			Jobs:       []Period{{"2020-01-01", "2024-12-31"}, {"2025-01-01", ""}},
			Probations: []Period{{"2020-01-01", "2020-03-31"}}}, 12},
		{"a new job's probation after a gap", 2026, Employment{
			Jobs:       []Period{{"2020-01-01", "2026-02-28"}, {"2026-05-01", ""}},
			Probations: []Period{{"2026-05-01", "2026-07-31"}}}, 7},
		{"absences back to back make one longer than a month", 2026, Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2026-03-01", "2026-03-20"}, {"2026-03-21", "2026-05-31"}}}, 9},
		{"two short absences apart take nothing", 2026, Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2026-03-01", "2026-03-20"}, {"2026-04-01", "2026-04-20"}}}, 12},
		{"an absence across the new year", 2026, Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2025-11-10", "2026-02-28"}}}, 10},
		{"the same absence in the old year", 2025, Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2025-11-10", "2026-02-28"}}}, 11},
		{"an absence outside employment takes nothing more", 2026, Employment{Jobs: []Period{{"2026-07-01", ""}},
			Absences: []Period{{"2026-01-01", "2026-04-30"}}}, 6},
		{"an absence within probation takes nothing more", 2026, Employment{Jobs: []Period{{"2026-01-01", ""}},
			Probations: []Period{{"2026-01-01", "2026-03-31"}}, Absences: []Period{{"2026-02-01", "2026-04-30"}}}, 8},
		{"a whole year of parental leave", 2026, Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2025-06-01", ""}}}, 0},
		{"February of a leap year covered to its 29th", 2028, Employment{Jobs: []Period{{"2028-02-01", "2028-02-29"}}}, 1},
		{"February of a leap year to its 28th only", 2028, Employment{Jobs: []Period{{"2028-02-01", "2028-02-28"}}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TargetMonths(tt.e, tt.year); got != tt.want {
				t.Errorf("TargetMonths = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestJoined(t *testing.T) {
	got := joined([]Period{{"2026-05-01", "2026-05-31"}, {"", "2026-01-01"}, {"2026-01-01", "2026-04-30"}, {"2026-07-01", ""}, {"2026-08-01", "2026-09-01"}})
	want := []Period{{"2026-01-01", "2026-05-31"}, {"2026-07-01", ""}}
	if len(got) != len(want) {
		t.Fatalf("joined = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("joined = %v, want %v", got, want)
		}
	}
}
