package supervision_test

import (
	"maps"
	"slices"
	"testing"

	"mentorlms/supervision"
	"mentorlms/web"
)

var goodHours = supervision.HoursInput{Organiser: "Člověk v tísni", Title: "Konference o dluzích", HeldOn: "2026-02-12",
	Minutes: 390, Kind: "conference"}

// External hours: entered by the coordinator, shown as pending and not counted, approved by an
// admin and from then on counted and locked.
func TestExternalHoursLifecycle(t *testing.T) {
	w := newEduWorld(t)
	x, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, goodHours, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != "pending" || x.Minutes != 390 || x.EnteredByName != "Petr Horváth" || x.PersonName != "Marie Giňová" {
		t.Errorf("entered %+v", x)
	}
	ed, err := w.svc.Education(w.ctx, w.marie.Principal(""), w.marie.ID, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if y := ed.Years[0]; y.Year != 2026 || y.PendingMinutes != 390 || y.ApprovedMinutes != 0 || y.DoneMinutes != 0 {
		t.Errorf("before approval %+v", y)
	}
	fix := goodHours
	fix.Minutes = 420
	if x, err = w.svc.UpdateHours(w.ctx, w.coordULK, x.ID, fix, eduNow); err != nil || x.Minutes != 420 {
		t.Fatalf("correcting a pending entry: %+v %v", x, err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.coordULK, x.ID, eduNow); eduCode(err) != web.CodeForbidden {
		t.Errorf("a coordinator approved: %v", err)
	}
	if x, err = w.svc.ApproveHours(w.ctx, w.admin, x.ID, eduNow); err != nil || x.Status != "approved" || x.ApprovedByName != "Jana Dvořáková" {
		t.Fatalf("approving: %+v %v", x, err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.admin2, x.ID, eduNow); eduCode(err) != web.CodeConflict {
		t.Errorf("approved twice: %v", err)
	}
	if _, err := w.svc.UpdateHours(w.ctx, w.admin, x.ID, goodHours, eduNow); eduCode(err) != web.CodeConflict {
		t.Errorf("an approved entry was corrected: %v", err)
	}
	if _, err := w.svc.DeleteHours(w.ctx, w.admin, x.ID, eduNow); eduCode(err) != web.CodeConflict {
		t.Errorf("an approved entry was deleted: %v", err)
	}
	ed, _ = w.svc.Education(w.ctx, w.coordULK, w.marie.ID, eduNow)
	if y := ed.Years[0]; y.ApprovedMinutes != 420 || y.PendingMinutes != 0 || y.DoneMinutes != 420 {
		t.Errorf("after approval %+v", y)
	}
	var actions []string
	if err := w.d.R.Select(&actions, `SELECT action FROM audit_log WHERE entity = 'external_hours' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if want := []string{"education.hours.add", "education.hours.update", "education.hours.approve"}; !slices.Equal(actions, want) {
		t.Errorf("audit %v, want %v", actions, want)
	}

	// A pending entry may be deleted.
	y, err := w.svc.AddHours(w.ctx, w.admin, w.marie.ID, goodHours, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.DeleteHours(w.ctx, w.coordULK, y.ID, eduNow); err != nil {
		t.Fatal(err)
	}
	if n := w.count("external_hours"); n != 1 {
		t.Errorf("%d entries left, want 1", n)
	}
}

// Bad input is refused naming the field, and nothing is stored.
func TestExternalHoursRefused(t *testing.T) {
	w := newEduWorld(t)
	with := func(f func(*supervision.HoursInput)) supervision.HoursInput {
		in := goodHours
		f(&in)
		return in
	}
	tests := []struct {
		name string
		in   supervision.HoursInput
		want map[string]string
	}{
		{"no hours", with(func(in *supervision.HoursInput) { in.Minutes = 0 }), map[string]string{"minutes": "education.hours.positive"}},
		{"negative hours", with(func(in *supervision.HoursInput) { in.Minutes = -60 }), map[string]string{"minutes": "education.hours.positive"}},
		{"over 200 hours", with(func(in *supervision.HoursInput) { in.Minutes = 200*60 + 30 }), map[string]string{"minutes": "education.hours.too_many"}},
		{"a quarter of an hour", with(func(in *supervision.HoursInput) { in.Minutes = 75 }), map[string]string{"minutes": "education.hours.halves"}},
		{"tomorrow", with(func(in *supervision.HoursInput) { in.HeldOn = "2026-03-03" }), map[string]string{"held_on": "education.date.future"}},
		{"before 1900", with(func(in *supervision.HoursInput) { in.HeldOn = "1899-12-31" }), map[string]string{"held_on": "error.date.range"}},
		{"not a date", with(func(in *supervision.HoursInput) { in.HeldOn = "12. 2. 2026x" }), map[string]string{"held_on": "error.date.invalid"}},
		{"no date", with(func(in *supervision.HoursInput) { in.HeldOn = "" }), map[string]string{"held_on": "education.date.required"}},
		{"unknown kind", with(func(in *supervision.HoursInput) { in.Kind = "party" }), map[string]string{"kind": "education.kind.unknown"}},
		{"empty organiser", with(func(in *supervision.HoursInput) { in.Organiser = "   " }), map[string]string{"organiser": "education.organiser.required"}},
		{"hidden characters", with(func(in *supervision.HoursInput) { in.Title = "Konference\u202e" }), map[string]string{"title": "education.text.hidden"}},
		{"everything", supervision.HoursInput{}, map[string]string{"organiser": "education.organiser.required",
			"held_on": "education.date.required", "minutes": "education.hours.positive", "kind": "education.kind.unknown"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, tt.in, eduNow)
			if got := eduFields(err); !maps.Equal(got, tt.want) {
				t.Errorf("fields %v, want %v", got, tt.want)
			}
		})
	}
	if n := w.count("external_hours") + w.count("audit_log WHERE entity = 'external_hours'"); n != 0 {
		t.Errorf("%d rows stored from refused input", n)
	}
	// A correction is refused the same way and leaves the entry as it was.
	x, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, goodHours, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.UpdateHours(w.ctx, w.coordULK, x.ID, with(func(in *supervision.HoursInput) { in.Minutes = 0 }), eduNow); eduFields(err)["minutes"] == "" {
		t.Errorf("a correction to no hours: %v", err)
	}
	if got, _, _ := w.svc.Hours(w.ctx, w.coordULK, x.ID); got.Minutes != goodHours.Minutes {
		t.Errorf("refused correction stored: %+v", got)
	}
}

// Who may see and enter whose records: the coordinator of the person's region and admins
// enter; the person sees their own; nobody else sees anything.
func TestEducationAccess(t *testing.T) {
	w := newEduWorld(t)
	marie, jan := w.marie.Principal(""), w.jan.Principal("")
	for _, tt := range []struct {
		name   string
		actor  *web.Principal
		person int64
		see    web.Code
		enter  web.Code
	}{
		{"the holder", marie, w.marie.ID, "", web.CodeForbidden},
		{"another mentor", jan, w.marie.ID, web.CodeForbidden, web.CodeForbidden},
		{"the region's coordinator", w.coordULK, w.marie.ID, "", ""},
		{"another region's coordinator", w.coordMSK, w.marie.ID, web.CodeForbidden, web.CodeForbidden},
		{"a coordinator of a staff member of the region", w.coordULK, w.coordULK.ID, "", web.CodeForbidden},
		{"an admin", w.admin, w.roman.ID, "", ""},
		{"nobody there", w.admin, 9999, web.CodeNotFound, web.CodeNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := w.svc.Education(w.ctx, tt.actor, tt.person, eduNow); eduCode(err) != tt.see {
				t.Errorf("Education: %v, want %q", err, tt.see)
			}
			if _, err := w.svc.Transcript(w.ctx, tt.actor, tt.person, eduNow); eduCode(err) != tt.see {
				t.Errorf("Transcript: %v, want %q", err, tt.see)
			}
			if _, err := w.svc.AddHours(w.ctx, tt.actor, tt.person, goodHours, eduNow); eduCode(err) != tt.enter {
				t.Errorf("AddHours: %v, want %q", err, tt.enter)
			}
			if _, err := w.svc.SaveJob(w.ctx, tt.actor, tt.person, 0, supervision.JobInput{From: "2020-01-01"}, eduNow); eduCode(err) != tt.enter {
				t.Errorf("SaveJob: %v, want %q", err, tt.enter)
			}
		})
	}
	// An admin's own hours are another admin's to approve.
	x, err := w.svc.AddHours(w.ctx, w.admin2, w.admin.ID, goodHours, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.admin, x.ID, eduNow); eduCode(err) != web.CodeForbidden {
		t.Errorf("an admin approved their own hours: %v", err)
	}
	// Nor does the admin who entered hours approve them: another one does.
	mine, err := w.svc.AddHours(w.ctx, w.admin, w.marie.ID, goodHours, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.admin, mine.ID, eduNow); eduCode(err) != web.CodeConflict {
		t.Errorf("an admin approved hours they entered: %v", err)
	}
	if _, err := w.svc.ApproveHours(w.ctx, w.admin2, mine.ID, eduNow); err != nil {
		t.Errorf("another admin could not approve: %v", err)
	}
	if _, _, err := w.svc.PendingHours(w.ctx, w.coordULK, 50, 0); eduCode(err) != web.CodeForbidden {
		t.Errorf("a coordinator listed pending hours: %v", err)
	}
	// Someone else's entry is forbidden to another region's coordinator, whatever the action.
	y, _ := w.svc.AddHours(w.ctx, w.coordULK, w.jan.ID, goodHours, eduNow)
	if _, err := w.svc.DeleteHours(w.ctx, w.coordMSK, y.ID, eduNow); eduCode(err) != web.CodeForbidden {
		t.Errorf("another region's coordinator deleted: %v", err)
	}
	if _, _, err := w.svc.Hours(w.ctx, marie, y.ID); eduCode(err) != web.CodeForbidden {
		t.Errorf("another mentor read Jan's entry: %v", err)
	}
}

// The pending list pages through what awaits approval, the oldest first.
func TestPendingHoursPaged(t *testing.T) {
	w := newEduWorld(t)
	for i := range 5 {
		in := goodHours
		in.Minutes = 60 * (i + 1)
		if _, err := w.svc.AddHours(w.ctx, w.coordULK, w.marie.ID, in, eduNow); err != nil {
			t.Fatal(err)
		}
	}
	first, _, _ := w.svc.PendingHours(w.ctx, w.admin, 2, 0)
	if _, err := w.svc.ApproveHours(w.ctx, w.admin, first[0].ID, eduNow); err != nil {
		t.Fatal(err)
	}
	page, total, err := w.svc.PendingHours(w.ctx, w.admin, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 || len(page) != 2 || page[0].Minutes != 240 || page[1].Minutes != 300 {
		t.Errorf("page 2: total %d, %+v", total, page)
	}
}
