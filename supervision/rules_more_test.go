package supervision

import (
	"slices"
	"testing"
)

func TestDerive(t *testing.T) {
	const today = "2026-03-10"
	tests := []struct {
		name    string
		f       StatusFacts
		want    MentorStatus
		missing []string
	}{
		{"nothing yet", StatusFacts{}, Candidate, nil},
		{"in a requalification run", StatusFacts{Training: true}, InTraining, nil},
		{"certified, clean, pledged", StatusFacts{Certified: true, CleanRecordOn: "2025-06-01", PledgeOn: "2025-06-10"}, Active, nil},
		{"extract on the last day of the re-check", StatusFacts{Certified: true, CleanRecordOn: "2025-03-10", PledgeOn: "2025-06-10"}, Active, nil},
		{"extract a day too old", StatusFacts{Certified: true, CleanRecordOn: "2025-03-09", PledgeOn: "2025-06-10"}, Candidate, []string{"record"}},
		{"no pledge", StatusFacts{Certified: true, CleanRecordOn: "2026-01-01"}, Candidate, []string{"pledge"}},
		{"neither", StatusFacts{Certified: true}, Candidate, []string{"record", "pledge"}},
		{"a shorter re-check", StatusFacts{Certified: true, CleanRecordOn: "2025-10-01", PledgeOn: "2025-06-10", RecheckMonths: 3}, Candidate, []string{"record"}},
		{"inactive wins", StatusFacts{Certified: true, CleanRecordOn: "2026-01-01", PledgeOn: "2025-06-10", InactiveSince: "2026-02-01"}, Inactive, nil},
		{"a decision dated ahead does not yet apply", StatusFacts{Certified: true, CleanRecordOn: "2026-01-01", PledgeOn: "2025-06-10", InactiveSince: "2026-04-01"}, Active, nil},
		{"certified and training again, extract old", StatusFacts{Training: true, Certified: true, CleanRecordOn: "2024-01-01", PledgeOn: "2025-06-10"}, InTraining, []string{"record"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Derive(tt.f, today)
			if got.Status != tt.want || !slices.Equal(got.Missing, tt.missing) {
				t.Errorf("Derive = %+v, want %s missing %v", got, tt.want, tt.missing)
			}
		})
	}
}

func TestTargetMonths(t *testing.T) {
	year := 2026
	tests := []struct {
		name string
		e    Employment
		want int
	}{
		{"employed all year", Employment{Jobs: []Period{{"2020-01-01", ""}}}, 12},
		{"not employed", Employment{}, 0},
		{"from the 1st of April", Employment{Jobs: []Period{{"2026-04-01", ""}}}, 9},
		{"from the 2nd of April: April does not count", Employment{Jobs: []Period{{"2026-04-02", ""}}}, 8},
		{"until the end of June", Employment{Jobs: []Period{{"2025-01-01", "2026-06-30"}}}, 6},
		{"probation to the end of June", Employment{Jobs: []Period{{"2026-04-01", ""}}, ProbationEnds: "2026-06-30"}, 6},
		{"probation into July", Employment{Jobs: []Period{{"2026-04-01", ""}}, ProbationEnds: "2026-07-01"}, 5},
		{"an absence of exactly a month takes nothing", Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2026-03-01", "2026-04-01"}}}, 12},
		{"an absence over two whole months", Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2026-02-15", "2026-05-10"}}}, 10},
		{"a parental leave still going", Employment{Jobs: []Period{{"2020-01-01", ""}},
			Absences: []Period{{"2026-09-01", ""}}}, 8},
		{"two jobs back to back", Employment{Jobs: []Period{{"2025-01-01", "2026-03-31"}, {"2026-04-01", ""}}}, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TargetMonths(tt.e, year); got != tt.want {
				t.Errorf("TargetMonths = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestTargetMinutes(t *testing.T) {
	for _, tt := range []struct{ hours, months, want int }{
		{24, 12, 1440}, {24, 6, 720}, {24, 1, 120}, {24, 0, 0}, {20, 7, 700}, {25, 1, 125},
	} {
		if got := TargetMinutes(tt.hours, tt.months); got != tt.want {
			t.Errorf("TargetMinutes(%d, %d) = %d, want %d", tt.hours, tt.months, got, tt.want)
		}
	}
}
