package main

import (
	"context"
	"encoding/csv"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/web"
)

// certificatesPagesAccess covers the register with its exports, a certificate's page and its
// forms, issuing from the completion table, and public verification. These rows run before
// certificatesAPIAccess, which revokes the fixture's certificate; here it is still valid, so
// the admin's duplicate succeeds (303) and a revoke without a reason is refused (422) with
// nothing changed. The fixture's :enrollment is a pending application (issuing: 409); its
// run has nobody complete without a certificate, so issuing the run issues none (303). :code
// stays as written, a malformed code: 404 for everyone, page and API alike.
var certificatesPagesAccess = []access{
	{"GET", "/certificates", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/certificates.csv", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/certificates.xlsx", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/certificates/:certificate", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/certificates/:certificate/duplicate", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/certificates/:certificate/duplicate", "confirm=yes", false, [5]int{see, no, no, no, see}},
	{"GET", "/certificates/:certificate/revoke", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/certificates/:certificate/revoke", "reason=", false, [5]int{see, no, no, no, ok}}, // asks first
	{"POST", "/certificates/:certificate/revoke", "reason=&confirm=yes", false, [5]int{see, no, no, no, bad}},
	{"POST", "/enrollments/:enrollment/certificate", "", false, [5]int{see, no, no, no, late}},
	{"POST", "/enrollments/:enrollment/certificate", "confirm=yes", false, [5]int{see, no, no, no, late}},
	{"GET", "/runs/:run/certificates", "", false, [5]int{see, no, no, no, late}}, // nobody to issue for: nothing to confirm
	{"POST", "/runs/:run/certificates", "", false, [5]int{see, no, no, no, late}},
	{"POST", "/runs/:run/certificates", "confirm=yes", false, [5]int{see, no, no, no, see}},
	{"GET", "/verify", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/verify/:code", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"GET", "/api/v1/certificates", "", false, [5]int{who, no, no, no, ok}},
	{"GET", "/api/v1/certificates.csv", "", false, [5]int{who, no, no, no, ok}},
	{"GET", "/api/v1/certificates.xlsx", "", false, [5]int{who, no, no, no, ok}},
	{"GET", "/api/v1/verify/:code", "", false, [5]int{gone, gone, gone, gone, gone}},
}

// certPeople makes the admin and the trainees of the certificate tests: Marie, Růžena, Lenka
// and Eva in ULK, Jan and Karel in PHA, all born 17. 5. 1990.
func (h *harness) certPeople() {
	h.t.Helper()
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	for _, p := range [][3]string{{"marie@test.cz", "Marie Giňová", "ULK"}, {"jan@test.cz", "Jan Bandy", "PHA"},
		{"ruzena@test.cz", "Růžena Horváthová", "ULK"}, {"lenka@test.cz", "Lenka Kotlárová", "ULK"},
		{"eva@test.cz", "Eva Horváthová", "ULK"}, {"karel@test.cz", "Karel Novák", "PHA"}} {
		h.person(p[0], p[1], p[2], web.RoleTrainee)
	}
}

// certRun makes a finished one-day run of a course of kind (2 theory hours of 45 minutes,
// valid for validity months) on a day of its own from 10. 2. 2026 on, in Most, with one session of 90 minutes, and
// enrols the people of complete (present throughout, so complete) and incomplete (nothing
// marked). A requalification course gets its accreditation. Enrolments go in as rows, the
// way the certificate service's own tests make them: this test is about certificates.
func (h *harness) certRun(code string, kind courses.Kind, validity int, complete []string, incomplete ...string) (int64, map[string]int64) {
	h.t.Helper()
	ctx, at := context.Background(), prague("2026-01-10 12:00")
	// Each run gets a day of its own (10. 2. for the first), so the lecturer's sessions never clash.
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM runs`); err != nil {
		h.t.Fatal(err)
	}
	day := time.Date(2026, 2, 10+n, 9, 0, 0, 0, web.Prague)
	lec, err := h.svc.Store().ByEmail(ctx, h.d.R, "lektor.cert@test.cz")
	if err != nil {
		lec = h.person("lektor.cert@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	}
	in := courses.CourseInput{Code: code, Title: "Kurz " + code, Kind: kind, TheoryHours: 2, ValidityMonths: validity}
	if kind == courses.KindRequalification {
		in.Accreditation = &courses.AccreditInput{Body: courses.BodyMPSV, Number: "A-" + code, ValidFrom: "2025-01-01", ValidUntil: "2028-12-31"}
	}
	cs := courses.NewService(h.d)
	c, err := cs.SaveCourse(ctx, nil, 0, in, at)
	if err != nil {
		h.t.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: day.Format(web.DateLayout), EndsOn: day.Format(web.DateLayout), Town: "Most",
		Address: "Moskevská 1", Region: "ULK", Capacity: 9, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, at)
	if err != nil {
		h.t.Fatal(err)
	}
	ss, err := cs.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: day.Format(time.RFC3339), Minutes: 90,
		Kind: courses.Theory, Topic: "Úvod", LecturerID: lec.ID}, at)
	if err != nil {
		h.t.Fatal(err)
	}
	es := map[string]int64{}
	for i, email := range append(append([]string{}, complete...), incomplete...) {
		done := i < len(complete)
		person, err := h.svc.Store().ByEmail(ctx, h.d.R, email)
		if err != nil {
			h.t.Fatal(err)
		}
		var completedAt any
		if done {
			completedAt = day.Add(3 * time.Hour).UTC().Format(time.RFC3339)
		}
		res, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
			VALUES (?, ?, 'enrolled', '', '', ?)`, r.ID, person.ID, completedAt)
		if err != nil {
			h.t.Fatal(err)
		}
		e, _ := res.LastInsertId()
		if done {
			if _, err := h.d.W.Exec(`INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, recorded_by, recorded_at)
				VALUES (?, ?, 'present', 90, 'lecturer', ?, '')`, ss[0].ID, e, lec.ID); err != nil {
				h.t.Fatal(err)
			}
		}
		es[email] = e
	}
	return r.ID, es
}

// issued issues an enrolment's certificate through the service, as an admin at the instant at.
func (h *harness) issued(enrollmentID int64, at time.Time) certificates.Certificate {
	h.t.Helper()
	c, err := certificateService(h.d).Issue(context.Background(), h.admin(), enrollmentID, at)
	if err != nil {
		h.t.Fatalf("issue for enrolment %d: %v", enrollmentID, err)
	}
	return c
}

// certCount counts the register's entries.
func certCount(t *testing.T, h *harness) int {
	t.Helper()
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM certificates`); err != nil {
		t.Fatal(err)
	}
	return n
}

// follow checks a form's redirect and opens where it leads.
func follow(t *testing.T, c *client, resp *http.Response, want string) *http.Response {
	t.Helper()
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("status %d to %q, want 303 to %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	return c.get(want)
}

// readCSV checks the dialect of Czech Excel (byte-order mark, ';', CRLF) and reads the records.
func readCSV(t *testing.T, body string) [][]string {
	t.Helper()
	if !strings.HasPrefix(body, "\uFEFF") || strings.Count(body, "\n") != strings.Count(body, "\r\n") {
		t.Fatalf("not the Czech Excel dialect: %q", body[:min(len(body), 60)])
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// certLink finds a certificate linked from a page: its id and number.
var certLink = regexp.MustCompile(`<a href="/certificates/(\d+)">([A-Z]+/\d{4}/\d{4})</a>`)
