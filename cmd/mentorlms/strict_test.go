package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestStrictInput sends through the whole application what a lenient server would take: every
// case is refused with the status of the contract and a message naming the problem, and
// nothing is stored.
func TestStrictInput(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	admin := h.api("admin@test.cz")
	person := `{"name":"Jan Bandy","email":"jan@test.cz","birth_date":"1990-01-01","region":"ULK","roles":["trainee"]}`
	course := func(field, value string) string {
		fields := map[string]string{"code": `"X1"`, "title": `"Kurz"`, "kind": `"course"`, "theory_hours": "6",
			"practice_hours": "0", "min_attendance_pct": "80", "requires_exam": "false"}
		fields[field] = value
		var parts []string
		for k, v := range fields {
			parts = append(parts, fmt.Sprintf("%q:%s", k, v))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	run := func(from, until string) string {
		return fmt.Sprintf(`{"starts_on":%q,"ends_on":%q,"place":"Most, Moskevská 1","region":"ULK","capacity":9,"lecturer_ids":[],"status":"planned"}`, from, until)
	}
	accreditation := `{"body":"MPSV","number":"A/1","valid_from":"2026-01-01","valid_until":"2026-12-31","theory_hours":%s}`
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		field                                 string // the field the message names, for 422
		inMessage                             string // or words of the message, for 400
	}{
		{"a key in another case", "POST", "/api/v1/people", "application/json", strings.Replace(person, `"name"`, `"NAME"`, 1), 400, "", "NAME"},
		{"a key twice", "POST", "/api/v1/people", "application/json", strings.Replace(person, `"email"`, `"name":"Eva","email"`, 1), 400, "", "dvakrát"},
		{"invalid UTF-8", "POST", "/api/v1/people", "application/json", strings.Replace(person, "Bandy", "Band\xff", 1), 400, "", "UTF-8"},
		{"no Content-Type", "POST", "/api/v1/people", "", person, 415, "", "application/json"},
		{"a form's Content-Type", "POST", "/api/v1/people", "application/x-www-form-urlencoded", person, 415, "", "application/json"},
		{"a path id with a sign", "GET", "/api/v1/people/+" + itoa(marie.ID), "", "", 404, "", ""},
		{"a path id with a leading zero", "GET", "/api/v1/people/0" + itoa(marie.ID), "", "", 404, "", ""},
		{"a filter that does not parse", "GET", "/api/v1/audit?entity_id=abc", "", "", 400, "", "entity_id"},
		{"an actor filter with a sign", "GET", "/api/v1/audit?actor=+1", "", "", 400, "", "actor"},
		{"a date filter that does not parse", "GET", "/api/v1/audit?from=2026-13-01", "", "", 400, "", ""},
		{"a limit with a sign", "GET", "/api/v1/people?limit=+5", "", "", 400, "", "limit"},
		{"an active filter that does not parse", "GET", "/api/v1/people?active=bogus", "", "", 400, "", "active"},
		{"an unknown role filter", "GET", "/api/v1/people?role=boss", "", "", 400, "", "role"},
		{"an unknown region filter of people", "GET", "/api/v1/people?region=XX", "", "", 400, "", "region"},
		{"an unknown region filter of runs", "GET", "/api/v1/runs?region=XX", "", "", 400, "", "region"},
		{"a null item of a roster", "PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", fx.session), "application/json", `[null]`, 400, "", "0"},
		{"a right-to-left override in a title", "POST", "/api/v1/courses", "application/json", course("title", `"Kurz \u202Eesruk"`), 422, "title", ""},
		{"a zero-width space in a name", "POST", "/api/v1/people", "application/json", strings.Replace(person, "Jan Bandy", `Jan\u200BBandy`, 1), 422, "name", ""},
		{"huge course hours", "POST", "/api/v1/courses", "application/json", course("theory_hours", "9223372036854775807"), 422, "theory_hours", ""},
		{"huge accreditation hours", "POST", fmt.Sprintf("/api/v1/courses/%d/accreditations", fx.course), "application/json",
			fmt.Sprintf(accreditation, "9223372036854775807"), 422, "theory_hours", ""},
		{"a run in year 0", "POST", fmt.Sprintf("/api/v1/courses/%d/runs", fx.course), "application/json", run("0000-01-01", "2026-05-01"), 422, "starts_on", ""},
		{"a run until 9999", "POST", fmt.Sprintf("/api/v1/courses/%d/runs", fx.course), "application/json", run("2026-05-01", "9999-12-31"), 422, "ends_on", ""},
		{"an accreditation from year 0", "POST", fmt.Sprintf("/api/v1/courses/%d/accreditations", fx.course), "application/json",
			strings.Replace(fmt.Sprintf(accreditation, "6"), "2026-01-01", "0000-01-01", 1), 422, "valid_from", ""},
		{"consent in year 0", "PUT", "/api/v1/people/" + itoa(marie.ID) + "/identification", "application/json",
			`{"roma":true,"consent":true,"consent_on":"0000-01-01"}`, 422, "consent_on", ""},
		{"a birth date in 1899", "POST", "/api/v1/people", "application/json", strings.Replace(person, "1990-01-01", "1899-12-31", 1), 422, "birth_date", ""},
	}
	count := func() (n int) {
		if err := h.d.R.Get(&n, `SELECT (SELECT COUNT(*) FROM persons) + (SELECT COUNT(*) FROM courses) +
			(SELECT COUNT(*) FROM runs) + (SELECT COUNT(*) FROM accreditations) + (SELECT COUNT(*) FROM identifications)`); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *http.Response
			if tt.method == "GET" {
				resp = admin.get(tt.path)
			} else {
				req := jsonReq(tt.method, tt.path, tt.body)
				req.Header.Del("Content-Type")
				if tt.contentType != "" {
					req.Header.Set("Content-Type", tt.contentType)
				}
				resp = admin.do(req)
			}
			e := decode[apiError](t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %+v", resp.StatusCode, tt.status, e.Error)
			}
			if tt.field != "" && e.Error.Fields[tt.field] == "" {
				t.Errorf("no message for %s: %+v", tt.field, e.Error)
			}
			if n := count(); n != before {
				t.Fatalf("%d records stored", n-before)
			}
			if !strings.Contains(e.Error.Message, tt.inMessage) || e.Error.Message == "" {
				t.Errorf("message %q does not name %q", e.Error.Message, tt.inMessage)
			}
		})
	}
	if after := count(); after != before {
		t.Errorf("%d records were stored by refused requests", after-before)
	}
}
