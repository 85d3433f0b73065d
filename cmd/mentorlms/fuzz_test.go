package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"testing"

	"mentorlms/people"
	"mentorlms/web"
)

// fuzzWorld is a run under way (its theory session is on now) with Marie enrolled, Jan not yet,
// their lecturer and an admin: enough for every body the API parses to mean something.
type fuzzWorld struct {
	h                            *harness
	admin, lecturer, trainee     string // API tokens
	run, session, enrolment, jan int64
	cookie, csrf                 string // the admin's browser session, for forms
}

func newFuzzWorld(f *testing.F) *fuzzWorld {
	h := newHarness(f)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	w := &fuzzWorld{h: h}
	w.run, w.session = h.checkinRun("lektor@test.cz", "marie@test.cz")
	if err := h.d.R.Get(&w.enrolment, `SELECT id FROM enrollments WHERE run_id = ?`, w.run); err != nil {
		f.Fatal(err)
	}
	w.jan = personID(f, h, "jan@test.cz")
	for email, token := range map[string]*string{"admin@test.cz": &w.admin, "lektor@test.cz": &w.lecturer,
		"marie@test.cz": &w.trainee} {
		t, err := h.svc.CreateToken(context.Background(), email, people.TokenInput{Name: "fuzz"}, h.clock())
		if err != nil {
			f.Fatal(err)
		}
		*token = t
	}
	browser := h.browser("admin@test.cz")
	w.cookie, w.csrf = browser.cookies[web.SessionCookie], browser.csrf()
	return w
}

// send sends body to the app and fails on a server error, or on a refusal that changed
// anything: a refused request leaves no audit entry.
func (w *fuzzWorld) send(t *testing.T, method, path, token, contentType string, body []byte) int {
	var before int
	if err := w.h.d.R.Get(&before, `SELECT COUNT(*) FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	} else {
		req.Header.Set("Cookie", web.SessionCookie+"="+w.cookie)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	resp, err := w.h.app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 500 {
		t.Fatalf("%s %s with %q: %d %s", method, path, body, resp.StatusCode, answer)
	}
	if resp.StatusCode >= 400 {
		var after int
		if err := w.h.d.R.Get(&after, `SELECT COUNT(*) FROM audit_log`); err != nil {
			t.Fatal(err)
		}
		if after != before {
			t.Fatalf("%s %s with %q was refused (%d %s) yet changed something", method, path, body, resp.StatusCode, answer)
		}
	}
	return resp.StatusCode
}

func (w *fuzzWorld) json(t *testing.T, method, path, token string, body []byte) int {
	return w.send(t, method, path, token, "application/json", body)
}

// FuzzAttendanceBody: the lecturer's marks of a session.
func FuzzAttendanceBody(f *testing.F) {
	w := newFuzzWorld(f)
	marie := personID(f, w.h, "marie@test.cz")
	for _, s := range []string{`[{"person_id":%d,"status":"present"}]`, `[{"person_id":%d,"status":"late","minutes":30}]`,
		`[{"person_id":%d,"status":"late","minutes":900}]`, `[{"person_id":%d,"status":"absent"},{"person_id":%d,"status":"absent"}]`,
		`[{"person_id":%d,"status":"gone"}]`, `{"person_id":%d}`, `[]`, `[{"person_id":-1,"status":"present","x":1}]`} {
		f.Add([]byte(fmt.Sprintf(s, marie, marie)))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w.json(t, "PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", w.session), w.lecturer, body)
	})
}

// FuzzEnrolmentBody: an application to a run.
func FuzzEnrolmentBody(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{`{"person_id":%d}`, `{"person_id":"%d"}`, `{"person_id":%d.5}`, `{"person_id":99999999999999999999}`,
		`{}`, `[]`, `{"person_id":%d,"status":"enrolled"}`} {
		f.Add([]byte(fmt.Sprintf(s, w.jan)))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w.json(t, "POST", fmt.Sprintf("/api/v1/runs/%d/enrollments", w.run), w.admin, body)
	})
}

// FuzzExamBody: an exam's record.
func FuzzExamBody(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{`{"held_on":"2026-03-02","passed":true,"identity_checked":true}`,
		`{"held_on":"2026-03-02","missed":true}`, `{"held_on":"2026-03-02","excused_on":"2026-03-01","missed":true}`,
		`{"held_on":"2026-13-40","passed":false,"parts":[{"name":"Ústní","passed":true}],"commission":[{"name":"Eva","role":"chair"}]}`,
		`{"held_on":"2126-03-02","passed":null}`, `{}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w.json(t, "PUT", fmt.Sprintf("/api/v1/enrollments/%d/exam", w.enrolment), w.lecturer, body)
	})
}

// FuzzPeopleBody: a new person.
func FuzzPeopleBody(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{
		`{"name":"Lenka Kotlárová","email":"lenka@test.cz","birth_date":"1990-05-17","region":"ULK","roles":["trainee"]}`,
		`{"name":"Jana","email":"jana@test.cz","roles":["admin"],"password":"dlouhé heslo s háčky"}`,
		`{"name":"","email":"x","birth_date":"1990-02-30","region":"XXX","roles":["pope"]}`,
		`{"name":"Eva","email":"eva@test.cz","roles":["coordinator"],"pms_centre":"Most","titles_before":"Mgr."}`,
		`{"name":"Eva","email":"EVA@test.cz","roles":[]}`, `{"roles":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w.json(t, "POST", "/api/v1/people", w.admin, body)
	})
}

// FuzzSessionBody: new sessions of a run.
func FuzzSessionBody(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{`{"starts_at":"2026-03-03T09:00:00+01:00","minutes":90,"kind":"theory","topic":"Úvod"}`,
		`{"starts_at":"2026-03-29T02:30:00+02:00","minutes":60,"kind":"practice","topic":"Praxe","repeat":{"every_days":7,"count":3}}`,
		`{"starts_at":"2026-03-03","minutes":-1,"kind":"x"}`, `{"starts_at":"2026-03-03T23:30:00+01:00","minutes":120,"kind":"theory","topic":"Noc"}`,
		`{"repeat":{"every_days":0,"count":1000000}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w.json(t, "POST", fmt.Sprintf("/api/v1/runs/%d/sessions", w.run), w.admin, body)
	})
}

// FuzzCheckinCode: a trainee's self check-in with a typed or scanned code.
func FuzzCheckinCode(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{"123456", "", "1700000000-abcdef", "-", "99999999999999999999-x", "ABCDEF", "12 34 56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		body, _ := json.Marshal(map[string]string{"code": code})
		w.json(t, "POST", fmt.Sprintf("/api/v1/sessions/%d/checkin", w.session), w.trainee, body)
	})
}

// FuzzPersonForm: the form that creates a person, as a browser posts it.
func FuzzPersonForm(f *testing.F) {
	w := newFuzzWorld(f)
	for _, s := range []string{"name=Lenka+Kotl%C3%A1rov%C3%A1&email=lenka%40test.cz&birth_date=1990-05-17&region=ULK&roles=trainee",
		"name=&email=&roles=admin&roles=admin", "name=%ZZ&email=%", "roles=trainee&birth_date=17.+5.+1990", "&&&==&",
		"name=" + url.QueryEscape("Eva\x00Nová") + "&email=eva%40test.cz&roles=lecturer"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, form string) {
		body := []byte("_csrf=" + url.QueryEscape(w.csrf) + "&" + form)
		w.send(t, "POST", "/people", "", "application/x-www-form-urlencoded", body)
	})
}
