package supervision

import (
	"strings"
	"testing"

	"mentorlms/web"
)

func TestDecideRefusals(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	self := w.principal(m)
	now := prague(t, "2026-03-02 10:00")
	tests := []struct {
		name  string
		actor *web.Principal
		in    DecisionInput
		code  web.Code
		field string
	}{
		{"no reason", w.ulk, DecisionInput{Since: "2026-03-01"}, web.CodeInvalid, "reason"},
		{"an unknown reason", w.ulk, DecisionInput{Reason: "bored"}, web.CodeInvalid, "reason"},
		{"not a day", w.ulk, DecisionInput{Reason: ReasonMoved, Since: "1. 3. 2026"}, web.CodeInvalid, "since"},
		{"far ahead", w.ulk, DecisionInput{Reason: ReasonPaused, Since: "2026-06-03"}, web.CodeInvalid, "since"},
		{"before the history's last change", w.ulk, DecisionInput{Reason: ReasonMoved, Since: "2026-01-09"}, web.CodeInvalid, "since"},
		{"a note with control characters", w.ulk, DecisionInput{Reason: ReasonOther, Note: "a\x00b"}, web.CodeInvalid, "note"},
		{"a note too long", w.ulk, DecisionInput{Reason: ReasonOther, Note: strings.Repeat("á", MaxNote+1)}, web.CodeInvalid, "note"},
		{"a coordinator of another region", w.msk, DecisionInput{Reason: ReasonMoved}, web.CodeForbidden, ""},
		{"the mentor themself", self, DecisionInput{Reason: ReasonResigned}, web.CodeForbidden, ""},
		{"an admin about themself", w.admin, DecisionInput{Reason: ReasonMoved}, web.CodeForbidden, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := m.ID
			if tt.name == "an admin about themself" {
				id = w.admin.ID
			}
			_, err := w.s.Decide(w.ctx, tt.actor, id, tt.in, now)
			if code(err) != tt.code || (tt.field != "" && field(err, tt.field) == "") {
				t.Errorf("error %v, want %s on %q", err, tt.code, tt.field)
			}
		})
	}
	var n int
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM mentor_decisions`); err != nil || n != 0 {
		t.Errorf("%d decisions stored, %v", n, err)
	}
}

func TestDecideAndLift(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	now := prague(t, "2026-03-02 10:00")
	got, err := w.s.Decide(w.ctx, w.ulk, m.ID, DecisionInput{Reason: ReasonPaused, Since: "2026-02-20",
		Note: " Mateřská dovolená.\r\nDo konce roku. "}, now)
	if err != nil {
		t.Fatal(err)
	}
	d := got.Decision
	if got.Current.Status != Inactive || got.Current.Since != "2026-02-20" || d == nil || d.Note != "Mateřská dovolená.\nDo konce roku." ||
		d.DecidedBy != "Petr Horváth" {
		t.Fatalf("after the decision: %+v, %+v", got.Current, d)
	}
	if h := got.History[0]; h.Status != Inactive || h.Cause != CauseDecidedInactive || h.Reason != ReasonPaused ||
		h.DecidedBy != "Petr Horváth" || h.DecisionID != d.ID {
		t.Errorf("the history's row: %+v", h)
	}
	if _, err := w.s.Decide(w.ctx, w.admin, m.ID, DecisionInput{Reason: ReasonMoved}, now); code(err) != web.CodeConflict {
		t.Errorf("a second decision: %v", err)
	}
	for name, in := range map[string]LiftInput{"before it began": {On: "2026-02-19"}, "far ahead": {On: "2026-07-01"},
		"not a day": {On: "zítra"}} {
		if _, err := w.s.Lift(w.ctx, w.ulk, m.ID, in, now); field(err, "on") == "" {
			t.Errorf("lifting %s: %v", name, err)
		}
	}
	if _, err := w.s.Lift(w.ctx, w.msk, m.ID, LiftInput{}, now); code(err) != web.CodeForbidden {
		t.Errorf("lifting from another region: %v", err)
	}
	_, _, on, after, err := w.s.LiftPreview(w.ctx, w.admin, m.ID, LiftInput{}, now)
	if err != nil || on != "2026-03-02" || after != Active {
		t.Errorf("preview: %s %s %v", on, after, err)
	}
	got, err = w.s.Lift(w.ctx, w.admin, m.ID, LiftInput{}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Current.Status != Active || got.Current.Since != "2026-03-02" || got.Decision != nil ||
		got.History[0].Cause != CauseDecisionLifted || got.History[0].DecidedBy != "Jana Dvořáková" {
		t.Errorf("after lifting: %+v %+v", got.Current, got.History[0])
	}
	if _, err := w.s.Lift(w.ctx, w.admin, m.ID, LiftInput{}, now); code(err) != web.CodeConflict {
		t.Errorf("lifting again: %v", err)
	}
	var actions []string
	if err := w.d.R.Select(&actions, `SELECT action FROM audit_log WHERE entity = 'person' AND entity_id = ?
		AND action LIKE 'mentor_status.%' ORDER BY id`, m.ID); err != nil || strings.Join(actions, " ") !=
		"mentor_status.decide mentor_status.lift" {
		t.Errorf("audit %v %v", actions, err)
	}
	// Who was active on a day of the pause, and after.
	for day, want := range map[string]int{"2026-02-19": 1, "2026-02-25": 0, "2026-03-02": 1} {
		if _, n, err := w.s.ActiveOn(w.ctx, w.ulk, ActiveQuery{On: day, Limit: 50}, now); err != nil || n != want {
			t.Errorf("active on %s: %d, %v", day, n, err)
		}
	}
}

// A decision dated ahead stands from its day; the history gets its row when the day comes.
func TestDecisionAhead(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	now := prague(t, "2026-03-29 01:30") // the night the clocks go forward
	got, err := w.s.Decide(w.ctx, w.ulk, m.ID, DecisionInput{Reason: ReasonMoved, Since: "2026-04-01"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Current.Status != Active || got.Decision == nil || got.Decision.Since != "2026-04-01" || w.rows(m.ID) != 3 {
		t.Fatalf("before its day: %+v %+v, %d rows", got.Current, got.Decision, w.rows(m.ID))
	}
	cur, err := w.s.Statuses(w.ctx, []int64{m.ID}, prague(t, "2026-04-01 00:05"))
	if err != nil || cur[m.ID].Status != Inactive || cur[m.ID].Since != "2026-04-01" {
		t.Errorf("on its day: %+v %v", cur[m.ID], err)
	}
}

func TestMentorAccess(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	other := w.principal(w.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee))
	now := prague(t, "2026-03-02 10:00")
	for name, tt := range map[string]struct {
		actor   *web.Principal
		code    web.Code
		decides bool
	}{
		"the mentor": {w.principal(m), "", false}, "their coordinator": {w.ulk, "", true}, "an admin": {w.admin, "", true},
		"another coordinator": {w.msk, web.CodeForbidden, false}, "another trainee": {other, web.CodeNotFound, false},
	} {
		got, err := w.s.Mentor(w.ctx, tt.actor, m.ID, now)
		if code(err) != tt.code || got.Decides != tt.decides {
			t.Errorf("%s: %v, decides %v", name, err, got.Decides)
		}
	}
	// Staff were shown whether the extract is current: each view is logged, the mentor's own is not.
	var views int
	if err := w.d.R.Get(&views, `SELECT COUNT(*) FROM audit_log WHERE action = 'eligibility.view' AND entity_id = ?`,
		m.ID); err != nil || views != 2 {
		t.Errorf("%d views logged, %v", views, err)
	}
}

func TestExplain(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	later := prague(t, "2026-09-01 10:00")
	got, err := w.s.Mentor(w.ctx, w.ulk, m.ID, later)
	if err != nil || len(got.Explain) != 1 || got.Explain[0].Key != "mentor_status.missing.record_old" {
		t.Fatalf("%+v %v", got.Explain, err)
	}
	w.exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-08-20', 0,
		'2026-08-21', ?)`, m.ID, stamp(t, "2026-08-21 09:00"))
	w.exec(`DELETE FROM pledges`)
	got, err = w.s.Mentor(w.ctx, w.ulk, m.ID, later)
	if err != nil || len(got.Explain) != 2 || got.Explain[0].Key != "mentor_status.missing.record_unclean" ||
		got.Explain[1].Key != "mentor_status.missing.pledge" {
		t.Errorf("%+v %v", got.Explain, err)
	}
}
