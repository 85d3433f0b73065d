package supervision

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"time"

	"mentorlms/static"
	"mentorlms/web"
)

func TestStatusesSettleTheHistory(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	now := prague(t, "2026-03-02 10:00")
	got, err := w.s.Statuses(w.ctx, []int64{m.ID, m.ID}, now)
	if err != nil {
		t.Fatal(err)
	}
	want := Current{Status: Active, Since: "2026-01-10", ActiveSince: "2026-01-10", RecordValidUntil: "2026-08-01"}
	if c := got[m.ID]; fmt.Sprint(c) != fmt.Sprint(want) {
		t.Errorf("current %+v, want %+v", c, want)
	}
	h, err := history(w.ctx, w.d.R, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantHistory := []Entry{{Since: "2026-01-10", Status: Active, Cause: CauseCertified},
		{Since: "2025-12-16", Status: Candidate, Cause: CauseTrainingEnded}, {Since: "2025-09-01", Status: InTraining, Cause: CauseEnrolled}}
	if !slices.Equal(h, wantHistory) {
		t.Errorf("history %+v", h)
	}
	// Asking again writes nothing; months later the extract has aged out.
	if _, err := w.s.Statuses(w.ctx, []int64{m.ID}, now.Add(time.Hour)); err != nil || w.rows(m.ID) != 3 {
		t.Fatalf("rows %d, %v", w.rows(m.ID), err)
	}
	got, err = w.s.Statuses(w.ctx, []int64{m.ID}, prague(t, "2026-08-10 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if c := got[m.ID]; c.Status != Candidate || c.Since != "2026-08-02" || c.ActiveSince != "2026-01-10" ||
		!slices.Equal(c.Missing, []string{"record"}) {
		t.Errorf("after the re-check period: %+v", c)
	}
	// A new extract entered late, issued before the last change, counts from the day it was entered.
	w.exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-07-20', 1,
		'2026-07-25', ?)`, m.ID, stamp(t, "2026-08-12 09:00"))
	got, err = w.s.Statuses(w.ctx, []int64{m.ID}, prague(t, "2026-08-14 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if c := got[m.ID]; c.Status != Active || c.Since != "2026-08-12" || c.ActiveSince != "2026-08-12" {
		t.Errorf("after a late extract: %+v", c)
	}
}

// A region's mentors are settled in chunks, in one transaction; people without facts get no rows.
func TestStatusesOfManyPeople(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	ids := []int64{m.ID}
	for i := range chunk + 20 {
		ids = append(ids, w.exec(`INSERT INTO persons (email, name, region_code, created_at, updated_at)
			VALUES (?, 'Nový', 'ULK', '', '')`, fmt.Sprintf("n%d@test.cz", i)))
	}
	last := w.mentor("jan@test.cz", "Jan Bandy")
	ids = append(ids, last.ID)
	got, err := w.s.Statuses(w.ctx, ids, prague(t, "2026-03-02 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ids) || got[ids[5]].Status != Candidate || got[last.ID].Status != Active {
		t.Errorf("%d statuses, a newcomer %+v, the last %+v", len(got), got[ids[5]], got[last.ID])
	}
	var rows int
	if err := w.d.R.Get(&rows, `SELECT COUNT(*) FROM mentor_statuses`); err != nil || rows != 6 {
		t.Errorf("%d rows, %v", rows, err)
	}
}

func TestActiveOn(t *testing.T) {
	w := newStatusWorld(t)
	m := w.mentor("marie@test.cz", "Marie Giňová")
	w.person("jan@test.cz", "Jan Bandy", "ULK", "trainee")
	now := prague(t, "2026-03-02 10:00")
	tests := []struct {
		name  string
		actor string
		q     ActiveQuery
		want  []int64
		code  string
		field string
	}{
		{"the coordinator's own region", "ulk", ActiveQuery{On: "2026-03-01"}, []int64{m.ID}, "", ""},
		{"before the certificate", "ulk", ActiveQuery{On: "2026-01-09"}, nil, "", ""},
		{"the first day", "ulk", ActiveQuery{On: "2026-01-10", Region: "ULK"}, []int64{m.ID}, "", ""},
		{"another coordinator", "msk", ActiveQuery{On: "2026-03-01", Region: "ULK"}, nil, "forbidden", ""},
		{"another coordinator's own region", "msk", ActiveQuery{On: "2026-03-01"}, nil, "", ""},
		{"an admin, every region", "admin", ActiveQuery{On: "2026-03-01"}, []int64{m.ID}, "", ""},
		{"a day ahead", "admin", ActiveQuery{On: "2026-03-03"}, nil, "invalid", "on"},
		{"not a day", "admin", ActiveQuery{On: "1. 3. 2026"}, nil, "invalid", "on"},
		{"no such region", "admin", ActiveQuery{On: "2026-03-01", Region: "XXX"}, nil, "invalid", "region"},
	}
	actors := map[string]*web.Principal{"ulk": w.ulk, "msk": w.msk, "admin": w.admin}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.Limit = 50
			list, total, err := w.s.ActiveOn(w.ctx, actors[tt.actor], tt.q, now)
			if string(code(err)) != tt.code || (tt.field != "" && field(err, tt.field) == "") {
				t.Fatalf("error %v, want %q on %q", err, tt.code, tt.field)
			}
			var ids []int64
			for _, a := range list {
				ids = append(ids, a.PersonID)
			}
			if !slices.Equal(ids, tt.want) || total != len(tt.want) {
				t.Errorf("active %v (%d), want %v", ids, total, tt.want)
			}
		})
	}
}

// Every status, cause and reason has its words in both languages.
func TestStatusCatalog(t *testing.T) {
	var keys []string
	for _, s := range []MentorStatus{Candidate, InTraining, Active, Inactive} {
		keys = append(keys, "mentor_status.status."+string(s))
	}
	for _, c := range Causes {
		keys = append(keys, "mentor_status.cause."+c)
	}
	for _, r := range Reasons {
		keys = append(keys, "mentor_status.reason."+r)
	}
	for _, lang := range []string{"cs", "en"} {
		raw, err := fs.ReadFile(static.Catalog, "mentor-status."+lang+".json")
		if err != nil {
			t.Fatal(err)
		}
		var cat map[string]any
		if err := json.Unmarshal(raw, &cat); err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
	}
}
