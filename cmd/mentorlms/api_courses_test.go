package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestAPICourses drives the catalog and the schedule through the JSON API as an integration
// would: a course with its accreditation, a run, a repeating series across the change of the
// clocks, a clash, a cancellation, and what visitors may see.
func TestAPICourses(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	eva := h.person("eva@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	admin, visitor := h.api("admin@test.cz"), h.visitor()

	resp := admin.json("POST", "/api/v1/courses", `{"code":"DLUHY","title":"Řešení finanční situace zadlužených osob",
		"kind":"accredited_seminar","theory_hours":6,"practice_hours":0,"min_attendance_pct":80,"requires_exam":false,
		"accreditation":{"body":"MPSV","number":"2014/0998-PC/SP/VP/PP","valid_from":"2025-01-01","valid_until":"2026-12-31"}}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create course: %d %s", resp.StatusCode, readBody(t, resp))
	}
	course := decode[struct {
		ID             int64
		TheoryMinutes  int `json:"theory_minutes_per_hour"`
		Accreditations []struct{ Number string }
	}](t, resp)
	if course.TheoryMinutes != 45 || len(course.Accreditations) != 1 || course.Accreditations[0].Number != "2014/0998-PC/SP/VP/PP" {
		t.Errorf("course %+v", course)
	}

	resp = admin.json("POST", fmt.Sprintf("/api/v1/courses/%d/runs", course.ID), fmt.Sprintf(`{"starts_on":"2027-01-05",
		"ends_on":"2027-01-05","place":"Děčín, Husovo nám. 1","capacity":9,"lecturer_ids":[%d],"status":"open"}`, eva.ID))
	if e := decode[apiError](t, resp); resp.StatusCode != 422 || !strings.Contains(e.Error.Fields["starts_on"], "akreditaci") {
		t.Errorf("run outside the accreditation: %d %+v", resp.StatusCode, e)
	}
	resp = admin.json("POST", fmt.Sprintf("/api/v1/courses/%d/runs", course.ID), fmt.Sprintf(`{"starts_on":"2026-03-10",
		"ends_on":"2026-04-30","place":"Děčín, Husovo nám. 1","region":"ULK","capacity":9,"lecturer_ids":[%d],"status":"open"}`, eva.ID))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create run: %d %s", resp.StatusCode, readBody(t, resp))
	}
	run := decode[struct {
		ID      int64
		Town    string
		Address string
		Seats   struct{ Capacity, Taken, Waitlisted, Free int }
	}](t, resp)
	if run.Town != "Děčín" || run.Address != "Husovo nám. 1" || run.Seats.Free != 9 {
		t.Errorf("run %+v", run)
	}

	// Every Tuesday at 9:00 Prague time for three weeks: the clocks go forward on 29 March.
	resp = admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/sessions", run.ID), fmt.Sprintf(`{"starts_at":"2026-03-24T09:00:00+01:00",
		"minutes":180,"kind":"theory","topic":"Úvod","lecturer_id":%d,"repeat":{"every_days":7,"count":3}}`, eva.ID))
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("sessions: %d %s", resp.StatusCode, readBody(t, resp))
	}
	if series := decode[web.List[struct{ ID int64 }]](t, resp); len(series.Items) != 3 {
		t.Fatalf("a series of %d sessions", len(series.Items))
	}
	detail := decode[struct {
		Sessions []struct {
			ID       int64
			StartsAt string `json:"starts_at"`
			EndsAt   string `json:"ends_at"`
		}
		Scheduled struct {
			TheoryMinutes int `json:"theory_minutes"`
		}
	}](t, visitor.get(fmt.Sprintf("/api/v1/runs/%d", run.ID)))
	want := []string{"2026-03-24T09:00:00+01:00", "2026-03-31T09:00:00+02:00", "2026-04-07T09:00:00+02:00"}
	if len(detail.Sessions) != 3 || detail.Scheduled.TheoryMinutes != 540 {
		t.Fatalf("detail %+v", detail)
	}
	for i, w := range want {
		if detail.Sessions[i].StartsAt != w {
			t.Errorf("session %d starts %s, want %s", i, detail.Sessions[i].StartsAt, w)
		}
	}

	// The same lecturer cannot be in two places: 409 naming the clash.
	resp = admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/sessions", run.ID), fmt.Sprintf(`{"starts_at":"2026-03-31T11:00:00+02:00",
		"minutes":60,"kind":"practice","lecturer_id":%d}`, eva.ID))
	if e := decode[apiError](t, resp); resp.StatusCode != 409 || !strings.Contains(e.Error.Message, "31. 3. 2026 9:00–12:00") {
		t.Errorf("clash: %d %+v", resp.StatusCode, e)
	}

	// Cancelling keeps the session, with its reason, and it stops counting.
	resp = admin.json("POST", fmt.Sprintf("/api/v1/sessions/%d/cancel", detail.Sessions[0].ID), `{"reason":"Nemoc lektorky"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: %d %s", resp.StatusCode, readBody(t, resp))
	}
	after := decode[struct {
		Sessions []struct {
			CancelReason string `json:"cancel_reason"`
		}
		Scheduled struct {
			TheoryMinutes int `json:"theory_minutes"`
		}
	}](t, visitor.get(fmt.Sprintf("/api/v1/runs/%d", run.ID)))
	if len(after.Sessions) != 3 || after.Sessions[0].CancelReason != "Nemoc lektorky" || after.Scheduled.TheoryMinutes != 360 {
		t.Errorf("after cancelling: %+v", after)
	}

	// Capacity cannot fall below seats taken.
	h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at) VALUES (?, ?, 'enrolled', '', '')`, run.ID, eva.ID)
	h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at) VALUES (?, ?, 'enrolled', '', '')`, run.ID, eva.ID)
	resp = admin.json("PUT", fmt.Sprintf("/api/v1/runs/%d", run.ID), fmt.Sprintf(`{"starts_on":"2026-03-10","ends_on":"2026-04-30",
		"place":"Děčín","capacity":1,"lecturer_ids":[%d]}`, eva.ID))
	if e := decode[apiError](t, resp); resp.StatusCode != 422 || e.Error.Fields["capacity"] == "" {
		t.Errorf("capacity below taken: %d %+v", resp.StatusCode, e)
	}

	// Visitors see open runs, never planned ones.
	resp = admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/status", run.ID), `{"status":"planned"}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("back to planned: %d", resp.StatusCode)
	}
	if resp := visitor.get(fmt.Sprintf("/api/v1/runs/%d", run.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a visitor sees a planned run: %d", resp.StatusCode)
	}
	list := decode[web.List[struct{ ID int64 }]](t, visitor.get("/api/v1/runs"))
	if len(list.Items) != 0 {
		t.Errorf("the public list shows %d runs", len(list.Items))
	}
	if staff := decode[web.List[struct{ ID int64 }]](t, admin.get("/api/v1/runs?status=planned")); len(staff.Items) != 1 {
		t.Errorf("admin sees %d planned runs", len(staff.Items))
	}
	for _, q := range []string{"?from=yesterday", "?status=maybe", "?course=abc"} {
		if resp := visitor.get("/api/v1/runs" + q); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
	}
}
