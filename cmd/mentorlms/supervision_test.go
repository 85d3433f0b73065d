package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/people"
	"mentorlms/supervision"
	"mentorlms/web"
)

// supervisionWorld is a region (ULK) with its coordinator and two mentors, a mentor of another
// region (PHA) with its coordinator, a lecturer who may lead supervision, and an admin.
type supervisionWorld struct {
	h                      *harness
	marie, jan, pavel, eva people.Person
}

func newSupervisionWorld(t *testing.T) supervisionWorld {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("praha@test.cz", "Olga Nová", "PHA", web.RoleCoordinator)
	return supervisionWorld{h: h,
		marie: h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee),
		jan:   h.person("jan@test.cz", "Jan Bandy", "ULK", web.RoleTrainee),
		pavel: h.person("pavel@test.cz", "Pavel Kotlár", "PHA", web.RoleTrainee),
		eva:   h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer),
	}
}

func (w supervisionWorld) count(table string) int {
	w.h.t.Helper()
	var n int
	if err := w.h.d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		w.h.t.Fatal(err)
	}
	return n
}

func TestSupervisionMeetingsAPI(t *testing.T) {
	w := newSupervisionWorld(t)
	h := w.h
	coord, admin, marie := h.api("koordinator@test.cz"), h.api("admin@test.cz"), h.api("marie@test.cz")

	body := fmt.Sprintf(`{"held_on":"2026-02-26","time":"14:00","region":"ULK","kind":"group","supervisor_id":%d,
		"attendee_ids":[%d],"excused_ids":[%d],"note":"Téma: hranice pomoci.\nPříště v Děčíně."}`, w.eva.ID, w.marie.ID, w.jan.ID)
	resp := coord.json("POST", "/api/v1/supervisions", body)
	m := decode[supervision.Meeting](t, resp)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	if m.HeldOn != "2026-02-26" || m.HeldAt != "2026-02-26T13:00:00.000000000Z" || m.Supervisor != "Eva Svobodová" ||
		len(m.Attended) != 1 || m.Attended[0].PersonID != w.marie.ID || len(m.Excused) != 1 || m.Excused[0].PersonID != w.jan.ID {
		t.Fatalf("recorded %+v", m)
	}

	// The mentor sees their own, and neither the list nor another's detail.
	own := decode[web.Page[supervision.Own]](t, marie.get("/api/v1/me/supervisions"))
	if own.Total != 1 || own.Items[0].ID != m.ID || own.Items[0].Excused || own.Items[0].Supervisor != "Eva Svobodová" {
		t.Errorf("own %+v", own)
	}
	if jan := decode[web.Page[supervision.Own]](t, h.api("jan@test.cz").get("/api/v1/me/supervisions")); jan.Total != 1 || !jan.Items[0].Excused {
		t.Errorf("jan's own %+v", jan)
	}
	expectStatus(t, marie.get(fmt.Sprintf("/api/v1/supervisions/%d", m.ID)), http.StatusForbidden)

	// A correction: external supervisor, Jan attends too; the audit log keeps the before.
	resp = admin.json("PUT", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), fmt.Sprintf(`{"held_on":"2026-02-26","time":"14:00",
		"region":"ULK","supervisor":"PhDr. Alena Krátká","attendee_ids":[%d,%d]}`, w.marie.ID, w.jan.ID))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("correct: %d %+v", resp.StatusCode, decode[apiError](t, resp))
	}
	c := decode[supervision.Meeting](t, resp)
	if resp.StatusCode != http.StatusOK || c.Supervisor != "PhDr. Alena Krátká" || c.SupervisorID != nil ||
		len(c.Attended) != 2 || len(c.Excused) != 0 || c.Kind != supervision.Group {
		t.Fatalf("corrected %d %+v", resp.StatusCode, c)
	}
	var before string
	if err := h.d.R.Get(&before, `SELECT before FROM audit_log WHERE action = 'supervision.correct' AND entity_id = ?`, m.ID); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before, "Eva Svobodová") || !strings.Contains(before, "hranice pomoci") {
		t.Errorf("audit before = %s", before)
	}

	list := decode[web.Page[supervision.Listed]](t, coord.get("/api/v1/supervisions?from=2026-02-01&to=2026-02-28"))
	if list.Total != 1 || list.Items[0].AttendedCount != 2 {
		t.Errorf("list %+v", list)
	}
	if l := decode[web.Page[supervision.Listed]](t, coord.get("/api/v1/supervisions?from=2026-02-27")); l.Total != 0 {
		t.Errorf("from filter %+v", l)
	}
	expectStatus(t, coord.get("/api/v1/supervisions?from=včera"), http.StatusBadRequest)

	// Marie leaves the program; correcting the meeting keeps her attendance, a fact of that day.
	if _, err := h.d.W.Exec(`UPDATE persons SET active = 0 WHERE id = ?`, w.marie.ID); err != nil {
		t.Fatal(err)
	}
	resp = coord.json("PUT", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), fmt.Sprintf(`{"held_on":"2026-02-26","time":"15:00",
		"region":"ULK","supervisor":"PhDr. Alena Krátká","attendee_ids":[%d,%d]}`, w.marie.ID, w.jan.ID))
	if c := decode[supervision.Meeting](t, resp); resp.StatusCode != http.StatusOK || len(c.Attended) != 2 {
		t.Errorf("a correction naming someone who has left: %d %+v", resp.StatusCode, c)
	}
	expectPage(t, h.browser("koordinator@test.cz").get(fmt.Sprintf("/supervision/meetings/%d/edit", m.ID)), http.StatusOK,
		[]string{fmt.Sprintf(`id="m-%d-a" value="a" checked`, w.marie.ID)})
	// Someone new who is not the region's mentor is still refused.
	expectStatus(t, coord.json("PUT", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), fmt.Sprintf(`{"held_on":"2026-02-26",
		"region":"ULK","supervisor":"PhDr. Alena Krátká","attendee_ids":[%d,%d]}`, w.marie.ID, w.pavel.ID)), http.StatusUnprocessableEntity)

	expectStatus(t, coord.json("DELETE", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), ""), http.StatusNoContent)
	if n := w.count("supervision_attendees"); n != 0 {
		t.Errorf("%d attendees left after delete", n)
	}
}

func TestSupervisionRefusesBadMeetings(t *testing.T) {
	w := newSupervisionWorld(t)
	coord := w.h.api("koordinator@test.cz")
	valid := func(change string) string {
		fields := map[string]string{"held_on": `"2026-02-26"`, "time": `"10:00"`, "region": `"ULK"`, "kind": `"group"`,
			"supervisor": `"Mgr. Eva Malá"`, "attendee_ids": fmt.Sprintf("[%d]", w.marie.ID)}
		for _, ch := range strings.Split(change, ";") {
			if ch == "" {
				continue
			}
			k, v, _ := strings.Cut(ch, "=")
			if v == "" {
				delete(fields, k)
			} else {
				fields[k] = v
			}
		}
		var parts []string
		for k, v := range fields {
			parts = append(parts, fmt.Sprintf("%q:%s", k, v))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	for _, tt := range []struct {
		name, change, field string
	}{
		{"in the future", `held_on="2026-03-03"`, "held_on"},
		{"later today", `held_on="2026-03-02";time="11:00"`, "held_on"},
		{"no date", `held_on=`, "held_on"},
		{"an impossible date", `held_on="2026-02-30"`, "held_on"},
		{"an impossible time", `time="25:61"`, "time"},
		{"a mentor of another region", fmt.Sprintf("attendee_ids=[%d]", w.pavel.ID), "attendee_ids"},
		{"a lecturer as a mentor", fmt.Sprintf("attendee_ids=[%d]", w.eva.ID), "attendee_ids"},
		{"nobody attended", "attendee_ids=[]", "attendee_ids"},
		{"both attending and excused", fmt.Sprintf("excused_ids=[%d]", w.marie.ID), "excused_ids"},
		{"an unknown kind", `kind="party"`, "kind"},
		{"individual with two", fmt.Sprintf(`kind="individual";attendee_ids=[%d,%d]`, w.marie.ID, w.jan.ID), "attendee_ids"},
		{"no supervisor", `supervisor=`, "supervisor"},
		{"both supervisors", fmt.Sprintf(`supervisor_id=%d`, w.eva.ID), "supervisor"},
		{"a trainee as supervisor", fmt.Sprintf(`supervisor="";supervisor_id=%d`, w.jan.ID), "supervisor_id"},
		{"a note with a control character", `note="a\u0007b"`, "note"},
		{"an unknown region", `region="XXX"`, "region"},
		{"more mentors than a region has", "attendee_ids=[" + ids(40000) + "]", "attendee_ids"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := valid(tt.change)
			admin := w.h.api("admin@test.cz")
			c := coord
			if tt.field == "region" {
				c = admin // a coordinator is refused any other region outright
			}
			resp := c.json("POST", "/api/v1/supervisions", body)
			e := decode[apiError](t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity || e.Error.Fields[tt.field] == "" {
				t.Errorf("%.200s: %d %v", body, resp.StatusCode, e.Error.Fields)
			}
			if n := w.count("supervisions"); n != 0 {
				t.Errorf("%d meetings stored", n)
			}
		})
	}
	// The valid body is accepted: the table above refuses for the reason it names.
	expectStatus(t, coord.json("POST", "/api/v1/supervisions", valid("")), http.StatusCreated)
}

func TestSupervisionRegionScoping(t *testing.T) {
	w := newSupervisionWorld(t)
	h := w.h
	body := fmt.Sprintf(`{"held_on":"2026-02-26","region":"ULK","supervisor":"Mgr. Eva Malá","attendee_ids":[%d]}`, w.marie.ID)
	m := decode[supervision.Meeting](t, h.api("koordinator@test.cz").json("POST", "/api/v1/supervisions", body))
	praha, prahaPage := h.api("praha@test.cz"), h.browser("praha@test.cz")
	for _, tt := range []struct {
		c      *client
		method string
		path   string
		body   string
		want   int
	}{
		{praha, "POST", "/api/v1/supervisions", body, http.StatusForbidden},
		{praha, "GET", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), "", http.StatusForbidden},
		{praha, "PUT", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), strings.Replace(body, "ULK", "PHA", 1), http.StatusForbidden},
		{praha, "DELETE", fmt.Sprintf("/api/v1/supervisions/%d", m.ID), "", http.StatusForbidden},
		{praha, "GET", "/api/v1/supervisions?region=ULK", "", http.StatusForbidden},
		{praha, "GET", "/api/v1/supervision/status?region=ULK", "", http.StatusForbidden},
		{praha, "PUT", "/api/v1/supervision/intervals/ULK", `{"months":1}`, http.StatusForbidden},
		{praha, "PUT", fmt.Sprintf("/api/v1/people/%d/supervision-interval", w.marie.ID), `{"months":1,"reason":"Plán"}`, http.StatusForbidden},
		{prahaPage, "GET", fmt.Sprintf("/supervision/meetings/%d", m.ID), "", http.StatusForbidden},
		{prahaPage, "GET", "/supervision?region=ULK", "", http.StatusForbidden},
		{prahaPage, "GET", fmt.Sprintf("/supervision/mentors/%d", w.marie.ID), "", http.StatusForbidden},
		// Nobody sets their own cadence, and a mentor's page is not the place for staff.
		{h.api("koordinator@test.cz"), "PUT", fmt.Sprintf("/api/v1/people/%d/supervision-interval", w.eva.ID), `{"months":1,"reason":"Plán"}`, http.StatusNotFound},
	} {
		var resp *http.Response
		switch {
		case tt.method == "GET":
			resp = tt.c.get(tt.path)
		default:
			resp = tt.c.json(tt.method, tt.path, tt.body)
		}
		expectStatus(t, resp, tt.want)
	}
	// What a coordinator of another region lists holds nothing of ULK.
	if l := decode[web.Page[supervision.Listed]](t, praha.get("/api/v1/supervisions")); l.Total != 0 {
		t.Errorf("Praha lists %+v", l)
	}
	expectPage(t, prahaPage.get("/supervision/meetings"), http.StatusOK, []string{"Zatím není zapsáno"}, "Mgr. Eva Malá")
	// The coordinator's own page filters by the days held.
	own := h.browser("koordinator@test.cz")
	expectPage(t, own.get("/supervision/meetings?from=2026-02-01&to=2026-02-28"), http.StatusOK, []string{"Mgr. Eva Malá"})
	expectPage(t, own.get("/supervision/meetings?from=2026-02-27"), http.StatusOK, []string{"Zatím není zapsáno"}, "Mgr. Eva Malá")
	expectStatus(t, own.get("/supervision/meetings?to=loni"), http.StatusBadRequest)
}

func TestSupervisionFormKeepsWhatWasTyped(t *testing.T) {
	w := newSupervisionWorld(t)
	b := w.h.browser("koordinator@test.cz")
	page := expectPage(t, b.get("/supervision/meetings/new"), http.StatusOK,
		[]string{"Marie Giňová", "Jan Bandy", "Nikdy nepište nic o klientech", "Eva Svobodová"}, "Pavel Kotlár")
	_ = page
	resp := b.form("POST", "/supervision/meetings", url.Values{"held_on": {"2026-03-20"}, "time": {"10:00"}, "region": {"ULK"},
		"kind": {"group"}, "supervisor": {"Mgr. Eva Malá"}, "note": {"Téma: mlčenlivost"},
		fmt.Sprintf("mark_%d", w.marie.ID): {"a"}, fmt.Sprintf("mark_%d", w.jan.ID): {"e"}})
	expectPage(t, resp, http.StatusUnprocessableEntity, []string{"ještě nenastaly", "Téma: mlčenlivost", "Mgr. Eva Malá",
		fmt.Sprintf(`id="m-%d-a" value="a" checked`, w.marie.ID), fmt.Sprintf(`id="m-%d-e" value="e" checked`, w.jan.ID)})

	resp = b.form("POST", "/supervision/meetings", url.Values{"held_on": {"2026-02-20"}, "time": {"10:00"}, "region": {"ULK"},
		"kind": {"group"}, "supervisor": {"Mgr. Eva Malá"}, fmt.Sprintf("mark_%d", w.marie.ID): {"a"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("record: %d %s", resp.StatusCode, readBody(t, resp))
	}
	loc := resp.Header.Get("Location")
	expectPage(t, b.get(loc), http.StatusOK, []string{"Supervize je zapsaná", "Mgr. Eva Malá", "Marie Giňová", "20. 2. 2026"})
	// Deleting asks first, saying how many mentors it concerns.
	expectPage(t, b.form("POST", loc+"/delete", nil), http.StatusOK, []string{"1 přítomného mentora"})
	if n := w.count("supervisions"); n != 1 {
		t.Fatalf("%d meetings after an unconfirmed delete", n)
	}
	expectStatus(t, b.form("POST", loc+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
	if n := w.count("supervisions"); n != 0 {
		t.Errorf("%d meetings after delete", n)
	}
}

// TestSupervisionIntervals sets a region's interval and one mentor's, with the refusals.
func TestSupervisionIntervals(t *testing.T) {
	w := newSupervisionWorld(t)
	coord := w.h.api("koordinator@test.cz")
	expectStatus(t, coord.json("PUT", "/api/v1/supervision/intervals/ULK", `{"months":3}`), http.StatusUnprocessableEntity)
	expectStatus(t, coord.json("PUT", "/api/v1/supervision/intervals/ULK", `{"months":1}`), http.StatusNoContent)
	list := decode[web.List[supervision.RegionInterval]](t, coord.get("/api/v1/supervision/intervals"))
	if len(list.Items) != 1 || list.Items[0].Months != 1 || !list.Items[0].Set {
		t.Errorf("intervals %+v", list)
	}
	path := fmt.Sprintf("/api/v1/people/%d/supervision-interval", w.marie.ID)
	expectStatus(t, coord.json("PUT", path, `{"months":2}`), http.StatusUnprocessableEntity) // no reason
	expectStatus(t, coord.json("PUT", path, `{"months":0,"reason":"x"}`), http.StatusUnprocessableEntity)
	expectStatus(t, coord.json("PUT", path, `{"months":2,"reason":"Individuální plán"}`), http.StatusNoContent)
	var months int
	if err := w.h.d.R.Get(&months, `SELECT months FROM supervision_overrides WHERE person_id = ?`, w.marie.ID); err != nil || months != 2 {
		t.Errorf("override %d %v", months, err)
	}
	expectStatus(t, coord.json("DELETE", path, ""), http.StatusNoContent)
	if n := w.count("supervision_overrides"); n != 0 {
		t.Errorf("%d overrides after removing", n)
	}
	var audits int
	if err := w.h.d.R.Get(&audits, `SELECT COUNT(*) FROM audit_log WHERE action IN ('supervision.interval', 'supervision.override')`); err != nil || audits != 3 {
		t.Errorf("%d audit entries", audits)
	}
}

// ids lists n different ids, as JSON numbers.
func ids(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i + 1)
	}
	return strings.Join(out, ",")
}

// expectStatus fails the test when resp has another status, showing the body.
func expectStatus(t *testing.T, resp *http.Response, want int) {
	t.Helper()
	body := readBody(t, resp)
	if resp.StatusCode != want {
		t.Errorf("%s %s: status %d, want %d: %.300s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, want, body)
	}
}

// TestSupervisionListLogsRecordFacts: the list says when a certified mentor's record extract is
// missing, which tells something of their criminal record; showing it is logged, per person.
func TestSupervisionListLogsRecordFacts(t *testing.T) {
	w := newSupervisionWorld(t)
	h := w.h
	w.certify(t, w.marie.ID, "2025-12-05")

	list := decode[web.Page[supervision.Row]](t, h.api("koordinator@test.cz").get("/api/v1/supervision/status"))
	if list.Total != 1 || list.Items[0].PersonID != w.marie.ID || len(list.Items[0].Missing) != 1 || list.Items[0].Missing[0] != "record" {
		t.Fatalf("list %+v", list)
	}
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM audit_log WHERE action = 'eligibility.view' AND entity_id = ?`, w.marie.ID); err != nil || n != 1 {
		t.Errorf("%d view entries (%v)", n, err)
	}
}

// exec runs a statement on the world's database and returns the id it inserted.
func (w supervisionWorld) exec(t *testing.T, q string, args ...any) int64 {
	t.Helper()
	res, err := w.h.d.W.Exec(q, args...)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// certify gives a person a requalification certificate issued on day and the signed pledge,
// as if they had completed a finished run of the course; the record extract is theirs to add.
func (w supervisionWorld) certify(t *testing.T, person int64, day string) {
	t.Helper()
	course := w.exec(t, `INSERT INTO courses (code, title, kind, created_at, updated_at) VALUES (?, 'Romský mentor', 'requalification', '', '')`,
		fmt.Sprintf("RQ%d", person))
	run := w.exec(t, `INSERT INTO runs (course_id, starts_on, ends_on, region_code, capacity, status, created_at, updated_at)
		VALUES (?, '2024-09-01', ?, 'ULK', 10, 'finished', '', '')`, course, day)
	e := w.exec(t, `INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
		VALUES (?, ?, 'enrolled', '', '', ?)`, run, person, day+"T16:00:00Z")
	w.exec(t, `INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on, issued_at,
		issued_by, content, pdf) VALUES (?, ?, ?, 'RM', 2025, ?, ?, ?, ?, '', ?, '{}', x'00')`,
		e, person, run, person, fmt.Sprintf("RM/2025/%04d", person), fmt.Sprintf("CODE%08d", person), day, person)
	w.exec(t, `INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?, ?, '')`, person, day)
}

// The page's interval form, refused for want of a reason, comes back with the interval chosen
// and not the stored one.
func TestSupervisionIntervalFormKeepsChoice(t *testing.T) {
	w := newSupervisionWorld(t)
	coord := w.h.browser("koordinator@test.cz")
	page := fmt.Sprintf("/supervision/mentors/%d", w.marie.ID)
	expectPage(t, coord.get(page), http.StatusOK, []string{`value="region" checked`}, `value="1" checked`)
	expectPage(t, coord.form("POST", page+"/interval", url.Values{"months": {"1"}, "reason": {""}}), http.StatusUnprocessableEntity,
		[]string{`value="1" checked`}, `value="region" checked`)
	if n := w.count("supervision_overrides"); n != 0 {
		t.Fatalf("a refused form stored %d overrides", n)
	}
	resp := coord.form("POST", page+"/interval", url.Values{"months": {"2"}, "reason": {"Individuální plán"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving: %d", resp.StatusCode)
	}
	expectPage(t, coord.get(page), http.StatusOK, []string{`value="2" checked`, `value="Individuální plán"`}, `value="region" checked`)
	// The region's interval refused says why at its own select.
	expectPage(t, coord.form("POST", "/supervision/intervals", url.Values{"region": {"ULK"}, "months": {"7"}}),
		http.StatusUnprocessableEntity, []string{`aria-describedby="months-ULK-error"`, `<p class="field-error" id="months-ULK-error">`})
}
