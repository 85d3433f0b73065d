package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// subjectAccess extends the route × role table along its other axis: whom the action is about.
// The actor is the coordinator of ULK; the columns are the people of that region the action may
// be about: a trainee, a lecturer (who trains as a mentor too), another coordinator (also a
// trainee), and the coordinator themself (also a trainee). A coordinator acts on the trainees of
// their region only; nobody verifies their own evidence or decides their own application. Rows
// run in order: the withdrawals come last.
var subjectAccess = []struct {
	method, route, body string
	want                [4]int
}{
	{"GET", "/people/:id", "", [4]int{ok, no, no, ok}},
	{"GET", "/api/v1/people/:id", "", [4]int{ok, no, no, ok}},
	{"GET", "/people/:id/evidence", "", [4]int{ok, no, no, no}},
	{"POST", "/people/:id/evidence/record-check", "issued_on=&clean=&verified_on=", [4]int{bad, no, no, no}},
	{"GET", "/api/v1/people/:id/evidence", "", [4]int{ok, no, no, no}},
	{"PUT", "/api/v1/people/:id/evidence", `{"record_check":{"issued_on":"2026-02-20","clean":true,"verified_on":"2026-02-21"}}`,
		[4]int{ok, no, no, no}},
	{"GET", "/api/v1/people/:id/eligibility?run=:run", "", [4]int{ok, no, no, ok}},
	// Enrolling someone as staff approves at once; the coordinator's own goes to an admin.
	{"POST", "/api/v1/runs/:other/enrollments", `{"person_id": :id}`, [4]int{made, no, no, made}},
	// Turning an application down asks first, with the reason typed; a refused reason comes back.
	{"POST", "/enrollments/:enrollment/reject", "reason=Neúplné", [4]int{ok, no, no, no}},
	{"POST", "/enrollments/:enrollment/reject", "reason=&confirm=yes", [4]int{bad, no, no, no}},
	{"POST", "/api/v1/enrollments/:enrollment/reject", `{}`, [4]int{bad, no, no, no}},
	{"POST", "/api/v1/enrollments/:enrollment/approve", "", [4]int{ok, no, no, no}},
	{"POST", "/api/v1/enrollments/:enrollment/withdraw", "", [4]int{ok, no, no, ok}},
}

func TestAccessBySubject(t *testing.T) {
	h := newHarness(t)
	adminID := h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin).ID
	me := h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator, web.RoleTrainee)
	subjects := [4]int64{
		h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee).ID,
		h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer, web.RoleTrainee).ID,
		h.person("koordinator2@test.cz", "Karel Kotlár", "ULK", web.RoleCoordinator, web.RoleTrainee).ID,
		me.ID,
	}
	fx := h.schedule("lektor@test.cz")
	lecturer := subjects[1]
	run, err := courses.NewService(h.d).SaveRun(context.Background(), nil, fx.course, 0, courses.RunInput{StartsOn: "2026-05-12",
		EndsOn: "2026-05-12", Town: "Děčín", Address: "Masarykovo nám. 1", Region: "ULK", Capacity: 9,
		Status: courses.StatusOpen, LecturerIDs: []int64{lecturer}}, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	other := run.ID
	pendings := [4]int64{}
	for i, id := range subjects {
		h.pending(&fx, id)
		pendings[i] = fx.enrollment
	}
	browser, api := h.browser("koordinator@test.cz"), h.api("koordinator@test.cz")
	// The queue lists only what the coordinator decides.
	expectPage(t, browser.get("/queue"), http.StatusOK, []string{"Marie Giňová"}, "Eva Svobodová", "Karel Kotlár")
	for _, row := range subjectAccess {
		for i, subject := range subjects {
			fx.enrollment = pendings[i]
			r := fx.replacer(subject)
			path := r.Replace(row.route)
			path = strings.ReplaceAll(path, ":other", itoa(other))
			body := r.Replace(row.body)
			t.Run(row.method+" "+row.route+" about "+[4]string{"trainee", "lecturer", "coordinator", "self"}[i], func(t *testing.T) {
				var resp *http.Response
				switch {
				case len(path) > 4 && path[:5] == "/api/" && row.method == "GET":
					resp = api.get(path)
				case len(path) > 4 && path[:5] == "/api/":
					resp = api.json(row.method, path, body)
				case row.method == "GET":
					resp = browser.get(path)
				default:
					resp = browser.form(row.method, path, parseQuery(t, body))
				}
				b := readBody(t, resp)
				if resp.StatusCode != row.want[i] {
					t.Errorf("status %d, want %d: %.300s", resp.StatusCode, row.want[i], b)
				}
			})
		}
	}
	// The coordinator's own application waits for an admin, who may decide it; the admin's own
	// would wait for another admin in turn.
	var status string
	if err := h.d.R.Get(&status, `SELECT status FROM enrollments WHERE person_id = ? AND run_id = ?`, me.ID, other); err != nil || status != string(enrollment.Pending) {
		t.Errorf("the coordinator's own application is %q (%v), want pending", status, err)
	}
	admin := h.api("admin@test.cz")
	for _, tc := range []struct{ method, path, body string }{
		{"PUT", "/api/v1/people/" + itoa(adminID) + "/evidence", `{"record_check":{"issued_on":"2026-02-20","clean":true,"verified_on":"2026-02-21"}}`},
		{"GET", "/api/v1/people/" + itoa(adminID) + "/evidence", ""},
		{"POST", "/api/v1/runs/" + itoa(fx.run) + "/enrollments", `{"person_id": ` + itoa(adminID) + `}`},
		{"GET", "/api/v1/people/" + itoa(adminID) + "/identification", ""},
		{"PUT", "/api/v1/people/" + itoa(adminID) + "/identification", `{"roma":true,"consent":true,"consent_on":"2026-02-01"}`},
	} {
		var resp *http.Response
		if tc.method == "GET" {
			resp = admin.get(tc.path)
		} else {
			resp = admin.json(tc.method, tc.path, tc.body)
		}
		if resp.StatusCode != no {
			t.Errorf("admin about themself: %s %s → %d, want 403", tc.method, tc.path, resp.StatusCode)
		}
		resp.Body.Close()
	}
}
