package supervision_test

import (
	"maps"
	"slices"
	"testing"

	"mentorlms/supervision"
	"mentorlms/web"
)

// Employment and absences set each year's target; completed courses and approved external
// hours count against it, pending ones do not.
func TestYearsAgainstTarget(t *testing.T) {
	w := newEduWorld(t)
	save := func(in supervision.JobInput) supervision.Job {
		t.Helper()
		j, err := w.svc.SaveJob(w.ctx, w.coordULK, w.marie.ID, 0, in, eduNow)
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	// Employed from 1. 4. 2025 with probation to 30. 6. 2025: July to December count (6 months,
	// 12 h), less November and December of a parental leave from 15. 10. 2025 → 4 months, 8 h.
	save(supervision.JobInput{From: "2025-04-01", ProbationEnds: "2025-06-30"})
	if _, err := w.svc.SaveAbsence(w.ctx, w.coordULK, w.marie.ID, 0, supervision.AbsenceInput{Kind: "parental_leave",
		From: "2025-10-15", Until: "2025-12-31"}, eduNow); err != nil {
		t.Fatal(err)
	}
	// 6 hours of a seminar that ended in 2025, and one that began in 2025 and ended in 2026.
	w.completed(w.marie.ID, "DLUHY", "Řešení finanční situace zadlužených osob", 6, 0, "2025-09-10", "2025-09-10", "", "", "")
	w.completed(w.marie.ID, "PMS", "Práce PMS", 4, 2, "2025-12-30", "2026-01-05", "", "", "")
	x, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, supervision.HoursInput{Organiser: "Romea", HeldOn: "2025-11-20",
		Minutes: 90, Kind: "workshop"}, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.admin, x.ID, eduNow); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, supervision.HoursInput{Organiser: "Romea", HeldOn: "2026-02-20",
		Minutes: 120, Kind: "seminar"}, eduNow); err != nil {
		t.Fatal(err)
	}
	ed, err := w.svc.Education(w.ctx, w.admin, w.marie.ID, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	want := []supervision.Year{
		{Year: 2026, CourseMinutes: 360, PendingMinutes: 120, Months: 12, TargetMinutes: 1440, DoneMinutes: 360, MissingMinutes: 1080},
		{Year: 2025, CourseMinutes: 360, ApprovedMinutes: 90, Months: 4, TargetMinutes: 480, DoneMinutes: 450, MissingMinutes: 30},
	}
	if len(ed.Years) != len(want) {
		t.Fatalf("years %+v", ed.Years)
	}
	for i := range want {
		if ed.Years[i] != want[i] {
			t.Errorf("year %+v\nwant %+v", ed.Years[i], want[i])
		}
	}
	// A configured target of 20 hours: 4 months are 6 h 40 min.
	w.svc.YearlyHours = 20
	ed, _ = w.svc.Education(w.ctx, w.admin, w.marie.ID, eduNow)
	if y := ed.Years[1]; y.TargetMinutes != 400 || !y.Met() {
		t.Errorf("20 hours a year: %+v", y)
	}
}

// Periods of employment: refused input names the field and stores nothing; overlapping
// periods are refused; a correction and a deletion are logged.
func TestJobsAndAbsences(t *testing.T) {
	w := newEduWorld(t)
	j, err := w.svc.SaveJob(w.ctx, w.coordULK, w.jan.ID, 0, supervision.JobInput{From: "2024-01-01", Until: "2025-06-30"}, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   supervision.JobInput
		want map[string]string
	}{
		{"no start", supervision.JobInput{}, map[string]string{"from": "education.date.required"}},
		{"starting tomorrow", supervision.JobInput{From: "2026-03-03"}, map[string]string{"from": "education.date.future"}},
		{"before 1900", supervision.JobInput{From: "1899-01-01"}, map[string]string{"from": "error.date.range"}},
		{"ending before it began", supervision.JobInput{From: "2025-08-01", Until: "2025-07-31"}, map[string]string{"until": "education.until.before_from"}},
		{"probation before it began", supervision.JobInput{From: "2025-08-01", ProbationEnds: "2025-07-01"}, map[string]string{"probation_ends": "education.probation.before_from"}},
		{"probation over six months", supervision.JobInput{From: "2025-01-01", ProbationEnds: "2025-07-01"}, map[string]string{"probation_ends": "education.probation.too_long"}},
		{"probation after it ended", supervision.JobInput{From: "2025-08-01", Until: "2025-09-30", ProbationEnds: "2025-10-31"}, map[string]string{"probation_ends": "education.probation.after_until"}},
		{"overlapping the end", supervision.JobInput{From: "2025-06-30"}, map[string]string{"from": "education.employment.overlap"}},
		{"open, covering it", supervision.JobInput{From: "2023-01-01"}, map[string]string{"from": "education.employment.overlap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.svc.SaveJob(w.ctx, w.coordULK, w.jan.ID, 0, tt.in, eduNow)
			if got := eduFields(err); !maps.Equal(got, tt.want) {
				t.Errorf("fields %v, want %v", got, tt.want)
			}
		})
	}
	if n := w.count("employments"); n != 1 {
		t.Fatalf("%d periods stored, want 1", n)
	}
	// The day after the end follows without overlap; the period itself may be corrected
	// without overlapping itself.
	next, err := w.svc.SaveJob(w.ctx, w.coordULK, w.jan.ID, 0, supervision.JobInput{From: "2025-07-01", ProbationEnds: "2025-09-30"}, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SaveJob(w.ctx, w.admin, 0, j.ID, supervision.JobInput{From: "2024-02-01", Until: "2025-06-30"}, eduNow); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.SaveJob(w.ctx, w.admin, 0, j.ID, supervision.JobInput{From: "2024-02-01", Until: "2025-07-01"}, eduNow); eduFields(err)["from"] != "education.employment.overlap" {
		t.Errorf("a correction into the next period: %v", err)
	}
	if _, err := w.svc.DeleteJob(w.ctx, w.coordMSK, next.ID, eduNow); eduCode(err) != web.CodeForbidden {
		t.Errorf("another region's coordinator deleted: %v", err)
	}
	if _, err := w.svc.DeleteJob(w.ctx, w.coordULK, next.ID, eduNow); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.DeleteJob(w.ctx, w.coordULK, next.ID, eduNow); eduCode(err) != web.CodeNotFound {
		t.Errorf("deleted twice: %v", err)
	}

	// Absences.
	for _, tt := range []struct {
		name string
		in   supervision.AbsenceInput
		want map[string]string
	}{
		{"unknown kind", supervision.AbsenceInput{Kind: "holiday", From: "2025-01-01"}, map[string]string{"kind": "education.absence.kind.unknown"}},
		{"until before from", supervision.AbsenceInput{Kind: "illness", From: "2025-03-01", Until: "2025-02-01"}, map[string]string{"until": "education.until.before_from"}},
		{"from ahead", supervision.AbsenceInput{Kind: "illness", From: "2026-04-01"}, map[string]string{"from": "education.date.future"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.svc.SaveAbsence(w.ctx, w.coordULK, w.jan.ID, 0, tt.in, eduNow)
			if got := eduFields(err); !maps.Equal(got, tt.want) {
				t.Errorf("fields %v, want %v", got, tt.want)
			}
		})
	}
	a, err := w.svc.SaveAbsence(w.ctx, w.coordULK, w.jan.ID, 0, supervision.AbsenceInput{Kind: "illness", From: "2025-03-01"}, eduNow)
	if err != nil || a.Until != nil {
		t.Fatalf("an open absence: %+v %v", a, err)
	}
	if a, err = w.svc.SaveAbsence(w.ctx, w.coordULK, 0, a.ID, supervision.AbsenceInput{Kind: "illness", From: "2025-03-01", Until: "2025-05-31"}, eduNow); err != nil || a.Until == nil || *a.Until != "2025-05-31" {
		t.Fatalf("closing an absence: %+v %v", a, err)
	}
	if _, err := w.svc.DeleteAbsence(w.ctx, w.admin, a.ID, eduNow); err != nil {
		t.Fatal(err)
	}
	var actions []string
	if err := w.d.R.Select(&actions, `SELECT action FROM audit_log WHERE entity IN ('employment', 'absence') ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	want := []string{"education.employment.add", "education.employment.add", "education.employment.update",
		"education.employment.delete", "education.absence.add", "education.absence.update", "education.absence.delete"}
	if !slices.Equal(actions, want) {
		t.Errorf("audit %v, want %v", actions, want)
	}
}
