package main

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

// roleNames are the columns of the access table: a visitor and each role.
var roleNames = [5]string{"anon", "trainee", "lecturer", "coordinator", "admin"}

// access is one row: a route, the request that exercises it, and the status per column.
type access struct {
	method, route string
	body          string // form values (pages) or JSON (API)
	fresh         bool   // the request ends the session, so it gets a session of its own
	want          [5]int
}

const (
	ok   = http.StatusOK
	made = http.StatusCreated
	see  = http.StatusSeeOther
	bad  = http.StatusUnprocessableEntity
	no   = http.StatusForbidden
	who  = http.StatusUnauthorized
	gone = http.StatusNotFound
)

// accessTable lists every route of the application, part by part. Path parameters stand for
// the fixtures of TestAccess: :id a trainee of the coordinator's region who is none of the
// signed-in people, :course a course, :run an open run of it taught by the lecturer, :session
// a session of that run.
var accessTable = slices.Concat(peopleAccess, coursesAPIAccess, coursesPageAccess, calendarAccess, enrollmentAccess, enrollmentPageAccess, evidencePageAccess,
	attendanceAPIAccess, certificatesPagesAccess, certificatesAPIAccess, pdfAccess, completionAccess, attendancePageAccess, certificatesHolderAccess,
	supervisionAccess, statusAccess, evaluationAccess, educationAccess, deactivationAccess)

// deactivationAccess comes last: deactivating the target withdraws their applications and
// revokes their tokens, which the rows before it use. Erasure itself (which nothing could
// follow) is TestErasure's.
var deactivationAccess = []access{
	{"GET", "/people/:id/erase", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/people/:id/erase", "", false, [5]int{see, no, no, no, ok}}, // asks first
	{"GET", "/people/:id/deactivate", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/people/:id/deactivate", "", false, [5]int{see, no, no, no, ok}}, // asks first
	{"POST", "/people/:id/deactivate", "confirm=yes", false, [5]int{see, no, no, no, see}},
	{"POST", "/people/:id/activate", "", false, [5]int{see, no, no, no, see}},
	{"POST", "/api/v1/people/:id/deactivate", "", false, [5]int{who, no, no, no, ok}},
	{"POST", "/api/v1/people/:id/activate", "", false, [5]int{who, no, no, no, ok}},
}

var peopleAccess = []access{
	{"GET", "/", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/healthz", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/login", "", false, [5]int{ok, see, see, see, see}},
	{"POST", "/login", "email=x%40y.cz&password=nesmysl123", false, [5]int{who, who, who, who, who}},
	{"POST", "/login", "email=&password=", false, [5]int{bad, bad, bad, bad, bad}}, // nothing typed: said so, no attempt counted
	{"POST", "/logout", "", true, [5]int{see, see, see, see, see}},
	{"GET", "/login/code", "", false, [5]int{see, see, see, see, see}},
	{"POST", "/login/code", "code=123456", false, [5]int{who, who, who, who, who}},
	{"GET", "/account/second-factor", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/account/second-factor", "code=000000", false, [5]int{see, bad, bad, bad, bad}},
	{"POST", "/account/second-factor/recovery", "", false, [5]int{see, http.StatusConflict, http.StatusConflict, http.StatusConflict, http.StatusConflict}},
	{"GET", "/account/second-factor/off", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/account/second-factor/off", "", false, [5]int{see, ok, ok, ok, ok}},                                                                                // asks first
	{"POST", "/account/second-factor/off", "confirm=yes", false, [5]int{see, http.StatusConflict, http.StatusConflict, http.StatusConflict, http.StatusConflict}}, // none to turn off
	{"GET", "/people/:id/second-factor/reset", "", false, [5]int{see, no, no, no, http.StatusConflict}},                                                           // the target has none
	{"POST", "/people/:id/second-factor/reset", "", false, [5]int{see, no, no, no, http.StatusConflict}},
	{"GET", "/keepalive", "", false, [5]int{see, http.StatusNoContent, http.StatusNoContent, http.StatusNoContent, http.StatusNoContent}},
	{"GET", "/setup/:token", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"POST", "/setup/:token", "name=X&email=x%40y.cz&password=0123456789", false, [5]int{gone, gone, gone, gone, gone}},
	{"GET", "/password/forgot", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"POST", "/password/forgot", "email=nikdo%40test.cz", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/password/:token", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"POST", "/password/:token", "password=0123456789ab", false, [5]int{gone, gone, gone, gone, gone}},
	{"POST", "/lang", "lang=en&next=/", false, [5]int{see, see, see, see, see}},
	{"GET", "/account", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/account/password", "current=&password=", false, [5]int{see, bad, bad, bad, bad}},
	{"POST", "/account/sessions/:signin/end", "", false, [5]int{see, gone, gone, gone, gone}},
	{"POST", "/account/sessions/others/end", "", false, [5]int{see, see, see, see, see}},
	{"GET", "/account/export.json", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/account/export.pdf", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/people/:id/export.json", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/people/:id/export.pdf", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/api/v1/me/export", "", false, [5]int{who, ok, ok, ok, ok}},
	{"GET", "/api/v1/people/:id/export", "", false, [5]int{who, no, no, no, ok}},
	{"GET", "/tokens/:apitoken/revoke", "", false, [5]int{see, gone, gone, gone, ok}},
	{"POST", "/tokens/:apitoken/revoke", "", false, [5]int{see, gone, gone, gone, ok}}, // asks first
	{"POST", "/tokens/:apitoken/revoke", "confirm=yes", false, [5]int{see, gone, gone, gone, see}},
	{"GET", "/people", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/people/new", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/people", "name=&email=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/people/:id", "", false, [5]int{see, gone, gone, ok, ok}},
	{"GET", "/people/:id/edit", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/people/:id", "name=&email=", false, [5]int{see, no, no, no, bad}},
	{"GET", "/audit", "", false, [5]int{see, no, no, no, ok}},

	{"GET", "/api/v1/openapi", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/api/v1/me", "", false, [5]int{who, ok, ok, ok, ok}},
	{"GET", "/api/v1/regions", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/api/v1/people", "", false, [5]int{who, no, no, ok, ok}},
	{"POST", "/api/v1/people", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/people/:id", "", false, [5]int{who, gone, gone, ok, ok}},
	{"PUT", "/api/v1/people/:id", `{}`, false, [5]int{who, no, no, no, bad}},
	{"GET", "/api/v1/audit", "", false, [5]int{who, no, no, no, ok}},
}

// evaluationAccess covers the evaluation report with its exports, the grid of a region and
// period, the record form and the API. :id is a trainee of the coordinator's region and
// centre 7 is Děčín (ULK) as migration 0001 numbers it; the clock's day, 2. 3. 2026, lies in
// period 2026-2. Without ?region the grid is the coordinator's own region's; an admin gets the
// choice of a region (200), and a grid posted without one is a 400. The record form without
// ?person goes to the grid. The first valid record is the coordinator's (303, 201); the admin
// sends the same again (303, 200).
var evaluationAccess = []access{
	{"GET", "/evaluations", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/evaluations.csv", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/evaluations.xlsx", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/evaluations/entry", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/evaluations/entry", "", false, [5]int{see, no, no, see, http.StatusBadRequest}},
	{"GET", "/evaluations/new", "", false, [5]int{see, no, no, see, see}},
	{"POST", "/evaluations", "", false, [5]int{see, no, no, bad, bad}},
	{"POST", "/evaluations", "person_id=:id&centre_id=7&year=2026&period=1&clients_a=2&success_a=1", false,
		[5]int{see, no, no, see, see}},
	{"POST", "/api/v1/evaluations", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"POST", "/api/v1/evaluations", `{"person_id"::id,"centre_id":7,"year":2026,"period":2,"clients_b":3,"success_b":2}`,
		false, [5]int{who, no, no, made, ok}},
	{"GET", "/api/v1/evaluations", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/evaluations/report", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/evaluations/report.csv", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/evaluations/report.xlsx", "", false, [5]int{who, no, no, ok, ok}},
}

// TestAccess checks every route against every role, with browser sessions for pages and
// Bearer tokens for the API, and fails when a route is missing from the table.
func TestAccess(t *testing.T) {
	h := newHarness(t)
	emails := [5]string{"", "ucastnik@test.cz", "lektor@test.cz", "koordinator@test.cz", "admin@test.cz"}
	h.person(emails[1], "Marie Giňová", "ULK", web.RoleTrainee)
	h.person(emails[2], "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person(emails[3], "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person(emails[4], "Jana Dvořáková", "PHA", web.RoleAdmin)
	target := h.person("cil@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule(emails[2])
	h.pending(&fx, target.ID)
	h.certificate(&fx, target.ID)
	h.supervision(&fx, target.ID)
	h.educationFixture(&fx, target.ID)
	if _, err := h.svc.CreateToken(context.Background(), target.Email, people.TokenInput{Name: "tabulka"}, h.clock()); err != nil {
		t.Fatal(err)
	}
	if err := h.d.R.Get(&fx.apiToken, `SELECT MAX(id) FROM api_tokens`); err != nil {
		t.Fatal(err)
	}

	browsers, apis := [5]*client{h.visitor()}, [5]*client{h.visitor()}
	for i := 1; i < 5; i++ {
		browsers[i], apis[i] = h.browser(emails[i]), h.api(emails[i])
	}

	covered := map[string]bool{}
	for _, row := range accessTable {
		covered[row.method+" "+row.route] = true
		path, body := fx.replacer(target.ID).Replace(row.route), fx.replacer(target.ID).Replace(row.body)
		api := strings.HasPrefix(path, "/api/")
		for i, role := range roleNames {
			t.Run(row.method+" "+row.route+" as "+role, func(t *testing.T) {
				c := browsers[i]
				if api {
					c = apis[i]
				} else if row.fresh && i > 0 {
					c = h.browser(emails[i])
				}
				var resp *http.Response
				switch {
				case api && row.method != "GET":
					resp = c.json(row.method, path, body)
				case row.method == "GET":
					resp = c.get(path)
				default:
					resp = c.form(row.method, path, parseQuery(t, body))
				}
				resp.Body.Close()
				if resp.StatusCode != row.want[i] {
					t.Errorf("status %d, want %d", resp.StatusCode, row.want[i])
				}
			})
		}
	}
	for _, r := range h.app.GetRoutes(true) {
		if r.Method == "HEAD" || r.Method == "CONNECT" || r.Method == "TRACE" {
			continue
		}
		if !covered[r.Method+" "+r.Path] {
			t.Errorf("route %s %s is missing from the access table", r.Method, r.Path)
		}
	}
}

// statusAccess covers a mentor's status, the decisions of inactivity and who was active on a
// day. The target has no decision, so lifting one is refused (409) to those who may; the
// decision forms get no reason, so those who may get 422 and nothing is stored.
var statusAccess = []access{
	{"GET", "/people/:id/mentor", "", false, [5]int{see, gone, gone, ok, ok}},
	{"POST", "/people/:id/mentor/inactive", "reason=&since=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/people/:id/mentor/lift", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/people/:id/mentor/lift", "confirm=yes", false, [5]int{see, no, no, late, late}},
	{"GET", "/mentors/active", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/api/v1/people/:id/mentor-status", "", false, [5]int{who, gone, gone, ok, ok}},
	{"POST", "/api/v1/people/:id/mentor-status/inactive", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"POST", "/api/v1/people/:id/mentor-status/lift", `{}`, false, [5]int{who, no, no, late, late}},
	{"GET", "/api/v1/mentors/active", "", false, [5]int{who, no, no, ok, ok}},
}

// educationAccess covers continuing education and the transcript. :id is a mentor of the
// coordinator's region; :hours is an approved entry of theirs, which is locked (409 for those
// who may reach it, whatever they send); :employment and :absence are theirs too, and the last
// rows delete them through the API (the coordinator does, the admin then finds nothing).
var educationAccess = []access{
	{"GET", "/people/:id/education", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/education/pending", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/people/:id/education/hours/new", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/people/:id/education/hours", "organiser=&hours=1", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/education/hours/:hours/edit", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/education/hours/:hours", "organiser=X", false, [5]int{see, no, no, late, late}},
	{"GET", "/education/hours/:hours/delete", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/education/hours/:hours/delete", "confirm=yes", false, [5]int{see, no, no, late, late}},
	{"GET", "/education/hours/:hours/approve", "", false, [5]int{see, no, no, no, late}},
	{"POST", "/education/hours/:hours/approve", "confirm=yes", false, [5]int{see, no, no, no, late}},
	{"GET", "/people/:id/employments/new", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/people/:id/employments", "from=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/employments/:employment/edit", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/employments/:employment", "from=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/employments/:employment/delete", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/employments/:employment/delete", "", false, [5]int{see, no, no, ok, ok}}, // asks first
	{"GET", "/people/:id/absences/new", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/people/:id/absences", "kind=nope", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/absences/:absence/edit", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/absences/:absence", "kind=nope", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/absences/:absence/delete", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/absences/:absence/delete", "", false, [5]int{see, no, no, ok, ok}}, // asks first
	{"GET", "/people/:id/transcript", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/people/:id/transcript.pdf", "", false, [5]int{see, no, no, ok, ok}},

	{"GET", "/api/v1/people/:id/education", "", false, [5]int{who, no, no, ok, ok}},
	{"POST", "/api/v1/people/:id/education/hours", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/education/pending", "", false, [5]int{who, no, no, no, ok}},
	{"GET", "/api/v1/education/hours/:hours", "", false, [5]int{who, no, no, ok, ok}},
	{"PUT", "/api/v1/education/hours/:hours", `{}`, false, [5]int{who, no, no, late, late}},
	{"DELETE", "/api/v1/education/hours/:hours", "", false, [5]int{who, no, no, late, late}},
	{"POST", "/api/v1/education/hours/:hours/approve", "", false, [5]int{who, no, no, no, late}},
	{"POST", "/api/v1/people/:id/employments", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"PUT", "/api/v1/employments/:employment", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"POST", "/api/v1/people/:id/absences", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"PUT", "/api/v1/absences/:absence", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/people/:id/transcript", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/people/:id/transcript.pdf", "", false, [5]int{who, no, no, ok, ok}},
	{"DELETE", "/api/v1/employments/:employment", "", false, [5]int{who, no, no, http.StatusNoContent, gone}},
	{"DELETE", "/api/v1/absences/:absence", "", false, [5]int{who, no, no, http.StatusNoContent, gone}},
}
