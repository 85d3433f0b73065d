package main

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
)

// completionAccess covers the completion table with its exports and self check-in. The
// fixture's session lies ahead, so the lecturer's screen shows that check-in has not opened
// (200, no code); nobody signed in is enrolled, so a scanned code tells them so (409), and
// confirming is refused because the session does not take check-ins yet (409). :code is left
// as it stands: a code that was never shown.
var completionAccess = []access{
	{"GET", "/runs/:run/completion", "", false, [5]int{see, no, ok, ok, ok}},
	{"GET", "/runs/:run/completion.csv", "", false, [5]int{see, no, ok, ok, ok}},
	{"GET", "/runs/:run/completion.xlsx", "", false, [5]int{see, no, ok, ok, ok}},
	{"GET", "/runs/:run/sessions/:session/checkin", "", false, [5]int{see, no, ok, no, ok}},
	{"GET", "/runs/:run/sessions/:session/checkin.json", "", false, [5]int{see, no, ok, no, ok}},
	{"GET", "/checkin/:session/:code", "", false, [5]int{bad, late, late, late, late}},
	{"POST", "/checkin/:session/:code", "", false, [5]int{see, late, late, late, late}},
	{"GET", "/api/v1/runs/:run/completion.csv", "", false, [5]int{who, no, ok, ok, ok}},
	{"GET", "/api/v1/runs/:run/completion.xlsx", "", false, [5]int{who, no, ok, ok, ok}},
}

// prague reads a wall-clock time in Prague for the test's dates.
func prague(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, web.Prague)
	if err != nil {
		panic(err)
	}
	return t
}

// enrol gives each person a clean record extract and enrols them in run, as an admin would,
// at the instant at (which must lie before the run starts).
func (h *harness) enrol(run int64, at time.Time, emails ...string) map[string]int64 {
	h.t.Helper()
	ctx := context.Background()
	admin := h.admin()
	svc := enrollment.NewService(h.d)
	out := map[string]int64{}
	for _, email := range emails {
		p, err := h.svc.Store().ByEmail(ctx, h.d.R, email)
		if err != nil {
			h.t.Fatal(err)
		}
		var ev people.EvidenceInput
		day := at.Format(web.DateLayout)
		if err := json.Unmarshal([]byte(`{"record_check":{"issued_on":"`+day+`","clean":true,"verified_on":"`+day+`"}}`), &ev); err != nil {
			h.t.Fatal(err)
		}
		if _, err := h.svc.SetEvidence(ctx, admin, p.ID, ev, at); err != nil {
			h.t.Fatalf("evidence of %s: %v", email, err)
		}
		e, _, err := svc.Apply(ctx, admin, run, p.ID, at)
		if err != nil || e.Status != enrollment.Enrolled {
			h.t.Fatalf("enrol %s: %v %v", email, e.Status, err)
		}
		out[email] = e.ID
	}
	return out
}

// admin is the principal of an admin who made the test's world, created on first use.
func (h *harness) admin() *web.Principal {
	h.t.Helper()
	p, err := h.svc.Store().ByEmail(context.Background(), h.d.R, "spravce@test.cz")
	if err != nil {
		p = h.person("spravce@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	}
	return p.Principal("")
}

// course makes a course of 2 theory hours (45 minutes) and 1 practice hour (60) with an exam,
// and a run of it from day to until in ULK taught by the lecturer, with a theory session of 90
// minutes starting at theory and a practice one of 60 at practice, all made at the instant at.
func (h *harness) course(code, lecturerEmail, day, until string, at time.Time, theory, practice time.Time) (run int64, sessions [2]int64) {
	h.t.Helper()
	ctx := context.Background()
	lec, err := h.svc.Store().ByEmail(ctx, h.d.R, lecturerEmail)
	if err != nil {
		h.t.Fatal(err)
	}
	cs := courses.NewService(h.d)
	c, err := cs.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: code, Title: "Práce s klientem se závislostí",
		Kind: courses.KindCourse, TheoryHours: 2, PracticeHours: 1, RequiresExam: true}, at)
	if err != nil {
		h.t.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: day, EndsOn: until, Town: "Most", Address: "Moskevská 1",
		Region: "ULK", Capacity: 9, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, at)
	if err != nil {
		h.t.Fatal(err)
	}
	for i, s := range []struct {
		start   time.Time
		minutes int
		kind    courses.SessionKind
	}{{theory, 90, courses.Theory}, {practice, 60, courses.Practice}} {
		ss, err := cs.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: s.start.Format(time.RFC3339), Minutes: s.minutes,
			Kind: s.kind, Topic: "Motivační rozhovor", LecturerID: lec.ID}, at)
		if err != nil {
			h.t.Fatal(err)
		}
		sessions[i] = ss[0].ID
	}
	return r.ID, sessions
}

// personID finds the id of the person with email.
func personID(t testing.TB, h *harness, email string) int64 {
	t.Helper()
	p, err := h.svc.Store().ByEmail(context.Background(), h.d.R, email)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// checkinRun makes a run whose theory session runs now on the harness clock (Monday 2 March
// 2026, 9:30–11:00 in Prague; the clock says 10:00) with the given trainees enrolled.
func (h *harness) checkinRun(lecturerEmail string, trainees ...string) (run, session int64) {
	h.t.Helper()
	before := prague("2026-02-01 12:00")
	run, ss := h.course("QR", lecturerEmail, "2026-03-02", "2026-03-02", before, prague("2026-03-02 09:30"), prague("2026-03-02 11:15"))
	h.enrol(run, before, trainees...)
	return run, ss[0]
}

// checkinRunOther is a second run taught by the same lecturer.
func (h *harness) checkinRunOther(lecturerEmail string) (run int64, sessions [2]int64) {
	return h.course("QR2", lecturerEmail, "2026-03-09", "2026-03-09", prague("2026-02-01 12:00"),
		prague("2026-03-09 09:30"), prague("2026-03-09 11:15"))
}

// checkDownload checks the headers of a file sent as a download.
func checkDownload(t *testing.T, resp *http.Response, contentType, filename string) {
	t.Helper()
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type %q, want %q", got, contentType)
	}
	if got := resp.Header.Get("Content-Disposition"); got != `attachment; filename="`+filename+`"` {
		t.Errorf("Content-Disposition %q", got)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q", got)
	}
}
