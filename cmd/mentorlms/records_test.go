package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"mentorlms/web"
)

// recordsWorld is a course of two theory hours (90 minutes, 72 of them required) whose run
// began on Thursday 26 February 2026 and ends on Thursday 5 March, with a session of 90 minutes
// on each of those days; Marie and Milan are enrolled. The harness clock says Monday 2 March.
type recordsWorld struct {
	h                  *harness
	admin              *client
	course, run        int64
	past, future       int64
	marie, milan       int64
	marieEn, milanEn   int64
	lecturerID, admin_ int64
}

func newRecordsWorld(t *testing.T) *recordsWorld {
	t.Helper()
	h := newHarness(t)
	w := &recordsWorld{h: h}
	w.admin_ = h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin).ID
	w.lecturerID = h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer).ID
	w.marie = h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee).ID
	w.milan = h.person("milan@test.cz", "Milan Kotlár", "ULK", web.RoleTrainee).ID
	w.admin = h.api("admin@test.cz")
	var created struct {
		ID int64 `json:"id"`
	}
	post := func(path, body string) int64 {
		t.Helper()
		resp := w.admin.json("POST", path, body)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, readBody(t, resp))
		}
		created = decode[struct {
			ID int64 `json:"id"`
		}](t, resp)
		return created.ID
	}
	w.course = post("/api/v1/courses", `{"code":"ZAV","title":"Práce s klientem se závislostí","kind":"course",
		"theory_hours":2,"practice_hours":0,"min_attendance_pct":80,"requires_exam":false}`)
	w.run = post(fmt.Sprintf("/api/v1/courses/%d/runs", w.course), fmt.Sprintf(`{"starts_on":"2026-02-26","ends_on":"2026-03-05",
		"place":"Most, Moskevská 1","region":"ULK","capacity":9,"lecturer_ids":[%d],"status":"open"}`, w.lecturerID))
	session := func(at string) int64 {
		resp := w.admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/sessions", w.run), fmt.Sprintf(`{"starts_at":%q,
			"minutes":90,"kind":"theory","topic":"Motivační rozhovor","lecturer_id":%d}`, at, w.lecturerID))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("session: %d %s", resp.StatusCode, readBody(t, resp))
		}
		return decode[struct {
			ID int64 `json:"id"`
		}](t, resp).ID
	}
	w.past, w.future = session("2026-02-26T09:00:00+01:00"), session("2026-03-05T09:00:00+01:00")
	ids := h.enrol(w.run, prague("2026-02-01 12:00"), "marie@test.cz", "milan@test.cz")
	w.marieEn, w.milanEn = ids["marie@test.cz"], ids["milan@test.cz"]
	w.status(t, `{"status":"running"}`, http.StatusOK)
	return w
}

func (w *recordsWorld) status(t *testing.T, body string, want int) string {
	t.Helper()
	resp := w.admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/status", w.run), body)
	b := readBody(t, resp)
	if resp.StatusCode != want {
		t.Fatalf("status %s: %d, want %d: %s", body, resp.StatusCode, want, b)
	}
	return b
}

// completed reports whether the enrolment's kept completion is set.
func (w *recordsWorld) completed(t *testing.T, enrollment int64) bool {
	t.Helper()
	var n int
	if err := w.h.d.R.Get(&n, `SELECT COUNT(*) FROM enrollments WHERE id = ? AND completed_at IS NOT NULL`, enrollment); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func (w *recordsWorld) mark(t *testing.T, session int64, marks string) {
	t.Helper()
	resp := w.admin.json("PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", session), marks)
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("marks: %d %s", resp.StatusCode, b)
	}
}

// TestCompletionStaysTrue: the kept completion follows every change that moves what attendance
// is measured against, in the same transaction: a session shortened, the course's hours
// changed, a session cancelled.
func TestCompletionStaysTrue(t *testing.T) {
	w := newRecordsWorld(t)
	w.mark(t, w.past, fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"absent"}]`, w.marie, w.milan))
	if !w.completed(t, w.marieEn) || w.completed(t, w.milanEn) {
		t.Fatal("after the marks: Marie should have completed, Milan not")
	}
	// 60 of the 72 minutes required.
	resp := w.admin.json("PUT", fmt.Sprintf("/api/v1/sessions/%d", w.past), fmt.Sprintf(`{"starts_at":"2026-02-26T09:00:00+01:00",
		"minutes":60,"kind":"theory","topic":"Motivační rozhovor","lecturer_id":%d}`, w.lecturerID))
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("shorten: %d %s", resp.StatusCode, b)
	}
	if w.completed(t, w.marieEn) {
		t.Error("a shortened session left Marie complete")
	}
	// One hour of 45 minutes: 36 required.
	resp = w.admin.json("PUT", fmt.Sprintf("/api/v1/courses/%d", w.course), `{"code":"ZAV","title":"Práce s klientem se závislostí",
		"kind":"course","theory_hours":1,"practice_hours":0,"min_attendance_pct":80,"requires_exam":false}`)
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("course hours: %d %s", resp.StatusCode, b)
	}
	if !w.completed(t, w.marieEn) {
		t.Error("fewer course hours left Marie incomplete")
	}
	resp = w.admin.json("POST", fmt.Sprintf("/api/v1/sessions/%d/cancel", w.past), `{"reason":"Zapsáno omylem"}`)
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: %d %s", resp.StatusCode, b)
	}
	if w.completed(t, w.marieEn) {
		t.Error("a cancelled session still completes Marie")
	}
}

// TestFinishingEarly: a run cannot be finished while a session is still to come, unless that
// session is called off with a reason in the same step; the confirmation says who will fail.
func TestFinishingEarly(t *testing.T) {
	w := newRecordsWorld(t)
	w.mark(t, w.past, fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"absent"}]`, w.marie, w.milan))

	body := w.status(t, `{"status":"finished"}`, http.StatusConflict)
	if !strings.Contains(body, "1 lekci, která neskončila") {
		t.Errorf("the refusal does not say why: %s", body)
	}
	admin := w.h.browser("admin@test.cz")
	runPath := fmt.Sprintf("/runs/%d", w.run)
	expectPage(t, admin.get(runPath+"/status?to=finished"), http.StatusOK, []string{"Ukončit běh?",
		"1 lekce ještě neskončila (první 5. 3. 2026 9:00); bude zrušena s důvodem níže.",
		"Kurz absolvuje 1 osoba: Marie Giňová.", "Kurz nesplní 1 osoba: Milan Kotlár.", "Ano, ukončit běh"})
	// The button on the run's page posts without the confirmation: it gets the same page.
	expectPage(t, admin.form("POST", runPath+"/status", url.Values{"status": {"finished"}}), http.StatusOK,
		[]string{"Kurz nesplní 1 osoba: Milan Kotlár."})
	// Confirmed without a reason: refused on the same page, nothing changed.
	expectPage(t, admin.form("POST", runPath+"/status", url.Values{"status": {"finished"}, "confirm": {"yes"}}),
		http.StatusConflict, []string{"1 lekci, která neskončila"})
	var status string
	if err := w.h.d.R.Get(&status, `SELECT status FROM runs WHERE id = ?`, w.run); err != nil || status != "running" {
		t.Fatalf("run is %q (%v) after a refused finish", status, err)
	}
	resp := admin.form("POST", runPath+"/status", url.Values{"status": {"finished"}, "confirm": {"yes"},
		"reason": {"Kurz končí dříve, lektorka onemocněla"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("finish with a reason: %d %s", resp.StatusCode, readBody(t, resp))
	}
	var reason string
	if err := w.h.d.R.Get(&reason, `SELECT COALESCE(cancel_reason, '') FROM sessions WHERE id = ?`, w.future); err != nil ||
		reason != "Kurz končí dříve, lektorka onemocněla" {
		t.Errorf("the remaining session: reason %q, %v", reason, err)
	}
	if err := w.h.d.R.Get(&status, `SELECT status FROM runs WHERE id = ?`, w.run); err != nil || status != "finished" {
		t.Errorf("run is %q (%v)", status, err)
	}
	expectPage(t, admin.get(fmt.Sprintf("/runs/%d/completion", w.run)), http.StatusOK, []string{"Milan Kotlár", "splněno: 1 · probíhá: 0 · nesplněno: 1"})
}

// TestNoWithdrawalOnceOver: a trainee cannot withdraw from a run once it is over or once they
// have completed it; the refusal says why, and the page offers no button.
func TestNoWithdrawalOnceOver(t *testing.T) {
	w := newRecordsWorld(t)
	w.mark(t, w.past, fmt.Sprintf(`[{"person_id":%d,"status":"present"}]`, w.marie))
	marie := w.h.api("marie@test.cz")
	resp := marie.json("POST", fmt.Sprintf("/api/v1/enrollments/%d/withdraw", w.marieEn), "")
	if e := decode[apiError](t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(e.Error.Message, "absolvovaný") {
		t.Errorf("withdrawal of a complete enrolment: %d %+v", resp.StatusCode, e)
	}
	w.h.advance(4 * 24 * time.Hour) // Friday 6 March: the run is over
	milan := w.h.api("milan@test.cz")
	resp = milan.json("POST", fmt.Sprintf("/api/v1/enrollments/%d/withdraw", w.milanEn), "")
	if e := decode[apiError](t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(e.Error.Message, "Běh už skončil") {
		t.Errorf("withdrawal after the last day: %d %+v", resp.StatusCode, e)
	}
	body := readBody(t, w.h.browser("milan@test.cz").get("/my/courses"))
	if strings.Contains(body, "/withdraw") {
		t.Error("my courses offers a withdrawal from a run that is over")
	}
	var n int
	if err := w.h.d.R.Get(&n, `SELECT COUNT(*) FROM enrollments WHERE status = 'withdrawn'`); err != nil || n != 0 {
		t.Errorf("%d withdrawn (%v)", n, err)
	}
}

// TestFinishedRunKeepsItsResults: once a run is finished, a later change of its course's hours
// rewrites neither who completed it nor anyone's inbox.
func TestFinishedRunKeepsItsResults(t *testing.T) {
	w := newRecordsWorld(t)
	w.mark(t, w.past, fmt.Sprintf(`[{"person_id":%d,"status":"present"},{"person_id":%d,"status":"absent"}]`, w.marie, w.milan))
	w.status(t, `{"status":"finished","reason":"Zkrácený běh"}`, http.StatusOK)
	var before int
	if err := w.h.d.R.Get(&before, `SELECT COUNT(*) FROM notifications`); err != nil {
		t.Fatal(err)
	}
	resp := w.admin.json("PUT", fmt.Sprintf("/api/v1/courses/%d", w.course), `{"code":"ZAV","title":"Práce s klientem se závislostí",
		"kind":"course","theory_hours":5,"practice_hours":0,"min_attendance_pct":80,"requires_exam":false}`)
	if b := readBody(t, resp); resp.StatusCode != http.StatusOK {
		t.Fatalf("course hours: %d %s", resp.StatusCode, b)
	}
	if !w.completed(t, w.marieEn) {
		t.Error("raising the course's hours undid a finished run's completion")
	}
	var after int
	if err := w.h.d.R.Get(&after, `SELECT COUNT(*) FROM notifications`); err != nil || after != before {
		t.Errorf("%d messages about a finished run (%v)", after-before, err)
	}
}

// TestNobodyRecordsThemself: an admin who is also enrolled as a trainee cannot mark their own
// attendance, record their own exam or issue their own certificate.
func TestNobodyRecordsThemself(t *testing.T) {
	w := newRecordsWorld(t)
	both := w.h.person("lucie@test.cz", "Lucie Oláhová", "ULK", web.RoleAdmin, web.RoleTrainee)
	res, err := w.h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
		VALUES (?, ?, 'enrolled', '', '', '2026-03-01T10:00:00Z')`, w.run, both.ID)
	if err != nil {
		t.Fatal(err)
	}
	eid, _ := res.LastInsertId()
	lucie := w.h.api("lucie@test.cz")
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", w.past), fmt.Sprintf(`[{"person_id":%d,"status":"present"}]`, both.ID)},
		{"PUT", fmt.Sprintf("/api/v1/enrollments/%d/exam", eid), `{"held_on":"2026-03-02","passed":true}`},
		{"POST", fmt.Sprintf("/api/v1/enrollments/%d/certificate", eid), ""},
	} {
		resp := lucie.json(tc.method, tc.path, tc.body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s about herself: %d, want 403", tc.method, tc.path, resp.StatusCode)
		}
	}
	var marks int
	if err := w.h.d.R.Get(&marks, `SELECT COUNT(*) FROM attendance WHERE enrollment_id = ?`, eid); err != nil || marks != 0 {
		t.Errorf("%d marks stored (%v)", marks, err)
	}
}
