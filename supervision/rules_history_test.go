package supervision

import (
	"slices"
	"testing"
)

// A mentor's usual path: seated in the run on 10. 1. 2025, the run's last day 31. 3., an extract
// issued on 5. 1. and verified on 7. 1., certified and pledged on 20. 4.
var (
	seat     = Stint{Seated: "2025-01-10", Ends: "2025-04-01", Entered: "2025-01-10T08:00:00.000000000Z"}
	cert     = CertificateFact{Issued: "2025-04-20", IssuedAt: "2025-04-20T09:00:00.000000000Z"}
	extract  = CheckFact{ID: 1, Issued: "2025-01-05", Verified: "2025-01-07", Clean: true, Entered: "2025-01-07T09:00:00.000000000Z"}
	pledge   = PledgeFact{Signed: "2025-04-20", Entered: "2025-04-20T09:00:00.000000000Z"}
	mentorTL = []Change{{"2025-01-10", InTraining, CauseEnrolled, 0}, {"2025-04-01", Candidate, CauseTrainingEnded, 0},
		{"2025-04-20", Active, CauseCertified, 0}, {"2026-01-06", Candidate, CauseRecordExpired, 0}}
)

func TestTimeline(t *testing.T) {
	tests := []struct {
		name string
		f    DatedFacts
		want []Change
	}{
		{"nothing", DatedFacts{}, nil},
		{"enrolled, then the run ends", DatedFacts{Stints: []Stint{seat}}, mentorTL[:2]},
		{"every step, until the extract ages out the day after its twelve months",
			DatedFacts{Stints: []Stint{seat}, Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract},
				Pledges: []PledgeFact{pledge}}, mentorTL},
		{"a shorter re-check period", DatedFacts{Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract},
			Pledges: []PledgeFact{pledge}, RecheckMonths: 6},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2025-07-06", Candidate, CauseRecordExpired, 0}}},
		{"a new extract before the old ages out keeps the mentor active",
			DatedFacts{Certificates: []CertificateFact{cert}, Pledges: []PledgeFact{pledge}, Checks: []CheckFact{extract,
				{ID: 2, Issued: "2025-12-20", Verified: "2025-12-22", Clean: true}}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2026-12-21", Candidate, CauseRecordExpired, 0}}},
		{"an extract counts from the day it was verified",
			DatedFacts{Certificates: []CertificateFact{cert}, Pledges: []PledgeFact{pledge},
				Checks: []CheckFact{{ID: 1, Issued: "2025-04-10", Verified: "2025-05-02", Clean: true}}},
			[]Change{{"2025-05-02", Active, CauseRecordChecked, 0}, {"2026-04-11", Candidate, CauseRecordExpired, 0}}},
		{"the pledge comes last",
			DatedFacts{Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract},
				Pledges: []PledgeFact{{Signed: "2025-05-15"}}},
			[]Change{{"2025-05-15", Active, CausePledgeSigned, 0}, {"2026-01-06", Candidate, CauseRecordExpired, 0}}},
		{"a later extract that is not clean",
			DatedFacts{Certificates: []CertificateFact{cert}, Pledges: []PledgeFact{pledge}, Checks: []CheckFact{extract,
				{ID: 2, Issued: "2025-08-01", Verified: "2025-08-04", Clean: false}}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2025-08-04", Candidate, CauseRecordNotClean, 0}}},
		{"a revoked certificate",
			DatedFacts{Certificates: []CertificateFact{{Issued: "2025-04-20", Revoked: "2025-06-01"}},
				Checks: []CheckFact{extract}, Pledges: []PledgeFact{pledge}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2025-06-01", Candidate, CauseCertificateRevoked, 0}}},
		{"a decision and its lifting",
			DatedFacts{Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract}, Pledges: []PledgeFact{pledge},
				Decisions: []DecisionFact{{ID: 7, Since: "2025-07-01", Lifted: "2025-09-01"}}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2025-07-01", Inactive, CauseDecidedInactive, 7},
				{"2025-09-01", Active, CauseDecisionLifted, 7}, {"2026-01-06", Candidate, CauseRecordExpired, 0}}},
		{"a decision outlasts the extract: lifted, the mentor is a candidate",
			DatedFacts{Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract}, Pledges: []PledgeFact{pledge},
				Decisions: []DecisionFact{{ID: 7, Since: "2025-12-01", Lifted: "2026-02-01"}}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2025-12-01", Inactive, CauseDecidedInactive, 7},
				{"2026-02-01", Candidate, CauseDecisionLifted, 7}}},
		{"a decision of a trainee, over the changes of the clocks",
			DatedFacts{Stints: []Stint{{Seated: "2026-02-01", Ends: "2026-12-01"}},
				Decisions: []DecisionFact{{ID: 3, Since: "2026-03-29", Lifted: "2026-10-25"}}},
			[]Change{{"2026-02-01", InTraining, CauseEnrolled, 0}, {"2026-03-29", Inactive, CauseDecidedInactive, 3},
				{"2026-10-25", InTraining, CauseDecisionLifted, 3}, {"2026-12-01", Candidate, CauseTrainingEnded, 0}}},
		{"an extract issued on the day the clocks go back ages out a year and a day later",
			DatedFacts{Certificates: []CertificateFact{{Issued: "2025-11-01"}}, Pledges: []PledgeFact{pledge},
				Checks: []CheckFact{{ID: 1, Issued: "2025-10-26", Verified: "2025-10-26", Clean: true}}},
			[]Change{{"2025-11-01", Active, CauseCertified, 0}, {"2026-10-27", Candidate, CauseRecordExpired, 0}}},
		{"the run ends and the certificate comes on the same day",
			DatedFacts{Stints: []Stint{{Seated: "2025-01-10", Ends: "2025-04-20"}}, Certificates: []CertificateFact{cert},
				Checks: []CheckFact{extract}, Pledges: []PledgeFact{pledge}},
			[]Change{{"2025-01-10", InTraining, CauseEnrolled, 0}, {"2025-04-20", Active, CauseCertified, 0},
				{"2026-01-06", Candidate, CauseRecordExpired, 0}}},
		{"an active mentor in a new run stays active; in training once the extract ages out",
			DatedFacts{Stints: []Stint{{Seated: "2025-10-01", Ends: "2026-03-01"}}, Certificates: []CertificateFact{cert},
				Checks: []CheckFact{extract}, Pledges: []PledgeFact{pledge}},
			[]Change{{"2025-04-20", Active, CauseCertified, 0}, {"2026-01-06", InTraining, CauseRecordExpired, 0},
				{"2026-03-01", Candidate, CauseTrainingEnded, 0}}},
		{"a candidate decided inactive and lifted again",
			DatedFacts{Decisions: []DecisionFact{{ID: 5, Since: "2025-10-25", Lifted: "2026-03-29"}}},
			[]Change{{"2025-10-25", Inactive, CauseDecidedInactive, 5}, {"2026-03-29", Candidate, CauseDecisionLifted, 5}}},
		{"a withdrawal, seat unknown, changes nothing",
			DatedFacts{Stints: []Stint{{Ends: "2025-02-03", Entered: "2025-02-03T08:00:00.000000000Z"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Timeline(tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("Timeline =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

func TestSettle(t *testing.T) {
	mentor := DatedFacts{Stints: []Stint{seat}, Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract},
		Pledges: []PledgeFact{pledge}}
	with := func(f DatedFacts, change func(*DatedFacts)) DatedFacts {
		f.Stints, f.Certificates = slices.Clone(f.Stints), slices.Clone(f.Certificates)
		f.Checks, f.Decisions = slices.Clone(f.Checks), slices.Clone(f.Decisions)
		change(&f)
		return f
	}
	tests := []struct {
		name  string
		f     DatedFacts
		last  *Last
		today string
		want  []Change
	}{
		{"an empty history gets every change up to today", mentor, nil, "2025-05-01", mentorTL[:3]},
		{"a history up to date gets nothing", mentor,
			&Last{"2025-04-20", Active, "2025-04-20T10:00:00.000000000Z"}, "2025-12-01", nil},
		{"the changes since the last row", mentor,
			&Last{"2025-04-01", Candidate, "2025-04-01T10:00:00.000000000Z"}, "2026-02-01", mentorTL[2:]},
		{"a fact dated after the last row is kept from its day, though entered later",
			with(mentor, func(f *DatedFacts) {
				f.Certificates[0].Revoked, f.Certificates[0].RevokedAt = "2025-06-01", "2025-06-10T10:00:00.000000000Z"
			}),
			&Last{"2025-04-20", Active, "2025-04-20T10:00:00.000000000Z"}, "2025-06-10",
			[]Change{{"2025-06-01", Candidate, CauseCertificateRevoked, 0}}},
		{"a fact dated before the last row is kept from the day it was entered",
			with(mentor, func(f *DatedFacts) {
				f.Checks = append(f.Checks, CheckFact{ID: 2, Issued: "2025-12-20", Verified: "2025-12-22", Clean: true,
					Entered: "2026-02-10T15:00:00.000000000Z"})
			}),
			&Last{"2026-01-06", Candidate, "2026-01-06T10:00:00.000000000Z"}, "2026-03-01",
			[]Change{{"2026-02-10", Active, CauseRecordChecked, 0}}},
		{"a withdrawal ends the training the history has",
			DatedFacts{Stints: []Stint{{Ends: "2025-02-03", Entered: "2025-02-03T08:00:00.000000000Z"}}},
			&Last{"2025-01-10", InTraining, "2025-01-10T10:00:00.000000000Z"}, "2025-02-05",
			[]Change{{"2025-02-03", Candidate, CauseTrainingEnded, 0}}},
		{"a difference no fact explains is corrected today", DatedFacts{},
			&Last{"2025-01-10", Active, "2025-01-10T10:00:00.000000000Z"}, "2025-02-05",
			[]Change{{"2025-02-05", Candidate, CauseCorrected, 0}}},
		{"a decision dated ahead waits for its day",
			with(mentor, func(f *DatedFacts) { f.Decisions = []DecisionFact{{ID: 4, Since: "2025-06-01"}} }),
			&Last{"2025-04-20", Active, "2025-04-20T10:00:00.000000000Z"}, "2025-05-31", nil},
		{"on its day",
			with(mentor, func(f *DatedFacts) { f.Decisions = []DecisionFact{{ID: 4, Since: "2025-06-01"}} }),
			&Last{"2025-04-20", Active, "2025-04-20T10:00:00.000000000Z"}, "2025-06-01",
			[]Change{{"2025-06-01", Inactive, CauseDecidedInactive, 4}}},
		{"a decision made and lifted the day of the last row",
			with(mentor, func(f *DatedFacts) {
				f.Decisions = []DecisionFact{{ID: 4, Since: "2025-06-01", Lifted: "2025-06-01", DecidedAt: "2025-06-01T09:00:00.000000000Z",
					LiftedAt: "2025-06-01T11:00:00.000000000Z"}}
			}),
			&Last{"2025-06-01", Inactive, "2025-06-01T09:00:00.000000000Z"}, "2025-06-01",
			[]Change{{"2025-06-01", Active, CauseDecisionLifted, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Settle(tt.f, tt.last, tt.today); !slices.Equal(got, tt.want) {
				t.Errorf("Settle =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

// Settling every day gives the same history as settling once at the end.
func TestSettleDailyAgreesWithOnce(t *testing.T) {
	f := DatedFacts{Stints: []Stint{seat}, Certificates: []CertificateFact{cert}, Checks: []CheckFact{extract},
		Pledges: []PledgeFact{pledge}, Decisions: []DecisionFact{{ID: 1, Since: "2025-07-01", Lifted: "2025-09-01"}}}
	var stored []Change
	for day := "2025-01-01"; day <= "2026-03-01"; day = nextDay(day) {
		var last *Last
		if n := len(stored); n > 0 {
			last = &Last{Since: stored[n-1].On, Status: stored[n-1].Status, RecordedAt: day + "T23:00:00Z"}
		}
		stored = append(stored, Settle(f, last, day)...)
	}
	if once := Settle(f, nil, "2026-03-01"); !slices.Equal(stored, once) {
		t.Errorf("daily %v\nonce %v", stored, once)
	}
	if StatusOn(stored, "2025-08-01") != Inactive || StatusOn(stored, "2025-10-01") != Active {
		t.Errorf("status on days: %v", stored)
	}
}

func TestOn(t *testing.T) {
	f := DatedFacts{
		Stints:       []Stint{{Seated: "2025-01-10", Ends: "2025-04-01"}, {Ends: "2025-06-01"}}, // the second withdrawn
		Certificates: []CertificateFact{{Issued: "2025-04-20", Revoked: "2025-09-01"}},
		Checks: []CheckFact{{ID: 1, Issued: "2025-01-05", Verified: "2025-01-07", Clean: true},
			{ID: 2, Issued: "2025-07-01", Verified: "2025-07-10", Clean: false}},
		Pledges:   []PledgeFact{{Signed: "2025-05-01"}, {Signed: "2025-03-01"}},
		Decisions: []DecisionFact{{ID: 1, Since: "2025-08-01", Lifted: "2025-08-15"}},
	}
	tests := []struct {
		day  string
		want StatusFacts
	}{
		{"2025-01-06", StatusFacts{}},
		{"2025-01-10", StatusFacts{Training: true, CleanRecordOn: "2025-01-05"}},
		{"2025-03-31", StatusFacts{Training: true, CleanRecordOn: "2025-01-05", PledgeOn: "2025-03-01"}},
		{"2025-05-31", StatusFacts{Certified: true, CleanRecordOn: "2025-01-05", PledgeOn: "2025-03-01"}},
		{"2025-07-09", StatusFacts{Certified: true, CleanRecordOn: "2025-01-05", PledgeOn: "2025-03-01"}},
		{"2025-07-10", StatusFacts{Certified: true, PledgeOn: "2025-03-01"}},
		{"2025-08-14", StatusFacts{Certified: true, PledgeOn: "2025-03-01", InactiveSince: "2025-08-01"}},
		{"2025-08-15", StatusFacts{Certified: true, PledgeOn: "2025-03-01"}},
		{"2025-09-01", StatusFacts{PledgeOn: "2025-03-01"}},
	}
	for _, tt := range tests {
		if got := f.On(tt.day); got != tt.want {
			t.Errorf("On(%s) = %+v, want %+v", tt.day, got, tt.want)
		}
	}
}
