package people_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestIdentification(t *testing.T) {
	e := newEnv(t)
	admin := e.create(t, adminIn("admin@example.cz")).Principal("")
	coord := e.create(t, coordIn("koord@example.cz", "ULK")).Principal("")
	lecturer := e.create(t, people.Input{Name: "Eva Svobodová", Email: "lektor@example.cz",
		Roles: []string{"lecturer"}}).Principal("")
	trainee := e.create(t, traineeIn("marie@example.cz", "ULK"))
	stored := func() int {
		return e.count(t, `SELECT COUNT(*) FROM identifications WHERE person_id = ?`, trainee.ID)
	}
	valid := people.IdentificationInput{Roma: yes(), Consent: true, ConsentOn: "2026-03-20"}

	t.Run("only an admin sees or changes it", func(t *testing.T) {
		for name, actor := range map[string]*web.Principal{"coordinator of the region": coord,
			"lecturer": lecturer, "the person": trainee.Principal("")} {
			t.Run(name, func(t *testing.T) {
				_, err := e.s.Identification(e.ctx, actor, trainee.ID, t0)
				wantCode(t, err, web.CodeForbidden)
				_, err = e.s.SetIdentification(e.ctx, actor, trainee.ID, valid, t0)
				wantCode(t, err, web.CodeForbidden)
			})
		}
		if stored() != 0 || len(e.audits(t, "identification.view")) != 0 || len(e.audits(t, "identification.update")) != 0 {
			t.Error("a refused request left a trace")
		}
	})
	t.Run("a coordinator's evidence holds no self-identification", func(t *testing.T) {
		other := e.create(t, traineeIn("jan@example.cz", "ULK"))
		if _, err := e.s.SetIdentification(e.ctx, admin, other.ID, valid, t0); err != nil {
			t.Fatal(err)
		}
		ev, err := e.s.Evidence(e.ctx, coord, other.ID, t0)
		if err != nil {
			t.Fatal(err)
		}
		if b, _ := json.Marshal(ev); strings.Contains(string(b), "roma") || strings.Contains(string(b), "consent") {
			t.Errorf("the coordinator's evidence shows self-identification: %s", b)
		}
		if _, err := e.s.Identification(e.ctx, coord, other.ID, t0); err == nil {
			t.Error("the coordinator saw the self-identification")
		}
	})

	bad := []struct {
		name, field, key string
		in               people.IdentificationInput
	}{
		{"no consent", "consent", "identification.consent.required",
			people.IdentificationInput{Roma: yes(), ConsentOn: "2026-03-20"}},
		{"no consent date", "consent_on", "identification.consent_on.required",
			people.IdentificationInput{Roma: no(), Consent: true}},
		{"consent date in the future", "consent_on", "evidence.future",
			people.IdentificationInput{Roma: yes(), Consent: true, ConsentOn: "2026-03-30"}},
		{"consent date not a date", "consent_on", "error.date.invalid",
			people.IdentificationInput{Roma: yes(), Consent: true, ConsentOn: "20. 3. 2026"}},
		{"nothing stated", "roma", "identification.roma.required",
			people.IdentificationInput{Consent: true, ConsentOn: "2026-03-20"}},
		{"withdrawing with nothing recorded", "withdraw", "identification.withdraw.nothing",
			people.IdentificationInput{Withdraw: true, WithdrawnOn: "2026-03-20"}},
	}
	for _, tc := range bad {
		t.Run("refused: "+tc.name, func(t *testing.T) {
			before := e.counts(t)
			_, err := e.s.SetIdentification(e.ctx, admin, trainee.ID, tc.in, t0)
			wantField(t, err, tc.field, tc.key)
			if stored() != 0 || e.counts(t) != before {
				t.Error("a refused input changed something")
			}
		})
	}
	t.Run("today in Prague is not the future", func(t *testing.T) {
		// 23:30 UTC on 28 March is already 29 March in Prague.
		late := time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC)
		other := e.create(t, traineeIn("eva@example.cz", "ULK"))
		if _, err := e.s.SetIdentification(e.ctx, admin, other.ID,
			people.IdentificationInput{Roma: yes(), Consent: true, ConsentOn: "2026-03-29"}, late); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("history is kept and a withdrawal erases the value in every entry", func(t *testing.T) {
		steps := []people.IdentificationInput{
			{Roma: yes(), Consent: true, ConsentOn: "2026-03-01"},
			{Roma: no(), Consent: true, ConsentOn: "2026-03-10"},
		}
		for _, in := range steps {
			if _, err := e.s.SetIdentification(e.ctx, admin, trainee.ID, in, t0); err != nil {
				t.Fatal(err)
			}
		}
		_, err := e.s.SetIdentification(e.ctx, admin, trainee.ID,
			people.IdentificationInput{Withdraw: true, WithdrawnOn: "2026-03-05"}, t0)
		wantField(t, err, "withdrawn_on", "identification.withdrawn_on.before_consent")
		_, err = e.s.SetIdentification(e.ctx, admin, trainee.ID,
			people.IdentificationInput{Withdraw: true, WithdrawnOn: "2026-03-20", Roma: yes()}, t0)
		wantField(t, err, "withdraw", "identification.withdraw.mixed")

		got, err := e.s.Identification(e.ctx, admin, trainee.ID, t0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Current == nil || got.Current.IsRoma() || got.Current.ConsentOn != "2026-03-10" || len(got.History) != 2 {
			t.Fatalf("before withdrawal: %+v", got)
		}
		got, err = e.s.SetIdentification(e.ctx, admin, trainee.ID,
			people.IdentificationInput{Withdraw: true, WithdrawnOn: "2026-03-20"}, t0)
		if err != nil {
			t.Fatal(err)
		}
		if got.Current != nil || len(got.History) != 3 {
			t.Fatalf("after withdrawal: %+v", got)
		}
		w := got.History[0]
		if !w.Withdrawn() || w.Roma != nil || w.ConsentOn != "" || w.WithdrawnOn != "2026-03-20" ||
			w.RecordedBy != "Jana Dvořáková" {
			t.Errorf("withdrawal entry %+v", w)
		}
		// Withdrawal erases the stated value in every entry; the dates of consent stay.
		for i, want := range []string{"2026-03-10", "2026-03-01"} {
			if h := got.History[i+1]; h.Roma != nil || !h.Erased() || h.ConsentOn != want {
				t.Errorf("entry %d after withdrawal %+v, want the value erased and consent of %s kept", i+1, h, want)
			}
		}
		if n := e.count(t, `SELECT COUNT(*) FROM identifications WHERE person_id = ? AND roma IS NOT NULL`, trainee.ID); n != 0 {
			t.Errorf("%d stored entries still hold a value", n)
		}
	})

	t.Run("viewing and changing are audit-logged without the value", func(t *testing.T) {
		var ups []auditRow
		for _, u := range e.audits(t, "identification.update") {
			if u.EntityID.Int64 == trainee.ID {
				ups = append(ups, u)
			}
		}
		if len(ups) != 3 {
			t.Fatalf("%d update entries, want 3", len(ups))
		}
		for _, u := range ups {
			if u.ActorID.Int64 != admin.ID || u.Entity != "person" || u.EntityID.Int64 != trainee.ID {
				t.Errorf("audit row %+v", u)
			}
			if strings.Contains(u.Before+u.After, "roma") {
				t.Errorf("the audit log keeps the stated value: %s → %s", u.Before, u.After)
			}
		}
		if last := ups[2]; last.After != `{"withdrawn_on":"2026-03-20"}` || last.Before != `{"consent_on":"2026-03-10"}` {
			t.Errorf("withdrawal audit %s → %s", last.Before, last.After)
		}
		views := e.audits(t, "identification.view")
		if len(views) != 1 || views[0].ActorID.Int64 != admin.ID || views[0].EntityID.Int64 != trainee.ID {
			t.Errorf("view entries %+v, want one by the admin", views)
		}
	})

	t.Run("unknown person", func(t *testing.T) {
		_, err := e.s.Identification(e.ctx, admin, 9999, t0)
		wantCode(t, err, web.CodeNotFound)
	})
}
