package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// statusPeople are the coordinators of ULK and MSK, an admin, and a mentor of ULK who was seated
// in a requalification run on 1. 9. 2025 and became active on 10. 1. 2026 (the harness's day
// is 2. 3. 2026).
func (h *harness) statusPeople() people.Person {
	h.t.Helper()
	h.person("koordinator@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("ostrava@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator)
	admin := h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	m := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	at := func(s string) string { return db.Stamp(prague(s)) }
	exec := func(q string, args ...any) int64 {
		h.t.Helper()
		res, err := h.d.W.Exec(q, args...)
		if err != nil {
			h.t.Fatalf("%s: %v", q, err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	course := exec(`INSERT INTO courses (code, title, kind, created_at, updated_at)
		VALUES ('RK', 'Romský mentor', 'requalification', '', '')`)
	run := exec(`INSERT INTO runs (course_id, starts_on, ends_on, capacity, status, created_at, updated_at)
		VALUES (?, '2025-09-15', '2025-12-15', 12, 'finished', '', ?)`, course, at("2025-12-16 10:00"))
	e := exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at) VALUES (?, ?, 'enrolled', ?, ?)`,
		run, m.ID, at("2025-08-20 10:00"), at("2025-09-01 10:00"))
	exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on,
		issued_at, issued_by, content, pdf) VALUES (?, ?, ?, 'RM', 2026, 1, 'RM/2026/0001', 'kod', '2026-01-10', ?, ?, '{}', x'00')`,
		e, m.ID, run, at("2026-01-10 11:00"), admin.ID)
	exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2025-08-01', 1, '2025-08-03', ?)`,
		m.ID, at("2025-08-03 12:00"))
	exec(`INSERT INTO pledges (person_id, signed_on, created_at) VALUES (?, '2026-01-05', ?)`, m.ID, at("2026-01-05 12:00"))
	return m
}

// The coordinator reads a mentor's status from the person's page, decides on inactivity (a
// refused form comes back filled in), and lifts it after a page that asks first.
func TestStatusPages(t *testing.T) {
	h := newHarness(t)
	m := h.statusPeople()
	c := h.browser("koordinator@test.cz")
	path := "/people/" + itoa(m.ID) + "/mentor"
	if body := readBody(t, c.get("/people/"+itoa(m.ID))); !strings.Contains(body, `href="`+path+`"`) {
		t.Error("the person's page does not link to the mentor status")
	}
	body := readBody(t, c.get(path))
	for _, want := range []string{"Aktivní", "od 10. 1. 2026", "1. 8. 2026", "Vydáno osvědčení o rekvalifikaci",
		"Konec rekvalifikačního kurzu", "Zápis do rekvalifikačního kurzu", "Rozhodnout o neaktivitě"} {
		if !strings.Contains(body, want) {
			t.Errorf("the status page lacks %q", want)
		}
	}
	resp := c.form("POST", path+"/inactive", url.Values{"reason": {""}, "since": {"2026-03-01"}, "note": {"Odjela za prací."}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "Vyberte důvod neaktivity.") || !strings.Contains(body, "Odjela za prací.") {
		t.Errorf("a decision without a reason: %d", resp.StatusCode)
	}
	resp = c.form("POST", path+"/inactive", url.Values{"reason": {"moved"}, "since": {"2026-03-01"}, "note": {"Odjela za prací."}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
		t.Fatalf("the decision: %d", resp.StatusCode)
	}
	body = readBody(t, c.get(path))
	for _, want := range []string{"Rozhodnutí o neaktivitě je uložené.", "Neaktivní", "přestěhování", "Petr Horváth",
		"Odjela za prací.", "Zrušit neaktivitu"} {
		if !strings.Contains(body, want) {
			t.Errorf("after the decision the page lacks %q", want)
		}
	}
	resp = c.form("POST", path+"/lift", url.Values{"on": {"2026-03-02"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Od 2. 3. 2026 se stav znovu řídí údaji: Aktivní.") {
		t.Errorf("lifting asks first: %d", resp.StatusCode)
	}
	resp = c.form("POST", path+"/lift", url.Values{"on": {"2026-02-01"}, "confirm": {"yes"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "nemůže skončit dřív") {
		t.Errorf("lifting before the decision began: %d", resp.StatusCode)
	}
	if resp = c.form("POST", path+"/lift", url.Values{"on": {"2026-03-02"}, "confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lifting: %d", resp.StatusCode)
	}
	if body := readBody(t, c.get(path)); !strings.Contains(body, "Zrušení neaktivity") || !strings.Contains(body, "Rozhodnout o neaktivitě") {
		t.Error("the history lacks the lifting")
	}
	body = readBody(t, c.get("/mentors/active?on=2026-03-01"))
	if !strings.Contains(body, "K tomuto dni nebyl aktivní nikdo.") {
		t.Error("the mentor was inactive on 1. 3. 2026")
	}
	if body = readBody(t, c.get("/mentors/active?on=2026-02-01")); !strings.Contains(body, "Marie Giňová") ||
		!strings.Contains(body, "1 aktivní mentor ke dni 1. 2. 2026") {
		t.Error("the mentor was active on 1. 2. 2026")
	}
	if resp := c.get("/mentors/active?on=2026-04-01"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a day ahead: %d", resp.StatusCode)
	}
	// The mentor reads their own status, in English too, and may not decide.
	own := h.browser("marie@test.cz")
	own.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/"}})
	if body := readBody(t, own.get(path)); !strings.Contains(body, "Inactivity lifted") || strings.Contains(body, "Save the decision") {
		t.Error("the mentor's own page")
	}
}

// A coordinator of another region reaches none of it, on pages or in the API.
func TestStatusRegionScoping(t *testing.T) {
	h := newHarness(t)
	m := h.statusPeople()
	path := "/people/" + itoa(m.ID) + "/mentor"
	b, api := h.browser("ostrava@test.cz"), h.api("ostrava@test.cz")
	for name, resp := range map[string]*http.Response{
		"page":              b.get(path),
		"decision":          b.form("POST", path+"/inactive", url.Values{"reason": {"moved"}}),
		"lift page":         b.get(path + "/lift"),
		"active of ULK":     b.get("/mentors/active?region=ULK"),
		"API":               api.get("/api/v1/people/" + itoa(m.ID) + "/mentor-status"),
		"API decision":      api.json("POST", "/api/v1/people/"+itoa(m.ID)+"/mentor-status/inactive", `{"reason":"moved"}`),
		"API lift":          api.json("POST", "/api/v1/people/"+itoa(m.ID)+"/mentor-status/lift", `{}`),
		"API active of ULK": api.get("/api/v1/mentors/active?region=ULK"),
	} {
		if resp.Body.Close(); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %d", name, resp.StatusCode)
		}
	}
	own := decode[struct {
		Items []struct{ PersonID int64 } `json:"items"`
		Total int                        `json:"total"`
	}](t, api.get("/api/v1/mentors/active?on=2026-03-01"))
	if own.Total != 0 || len(own.Items) != 0 {
		t.Errorf("MSK's own active mentors: %+v", own)
	}
	// A filter that cannot be read is a malformed query (400), as on every other list.
	for _, q := range []string{"on=bogus", "on=2026-02-30"} {
		if resp := api.get("/api/v1/mentors/active?" + q); resp.Body.Close() != nil || resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
	}
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM mentor_decisions`); err != nil || n != 0 {
		t.Errorf("%d decisions, %v", n, err)
	}
}

func TestStatusAPI(t *testing.T) {
	h := newHarness(t)
	m := h.statusPeople()
	base := "/api/v1/people/" + itoa(m.ID) + "/mentor-status"
	type status struct {
		Status   string   `json:"status"`
		Since    string   `json:"since"`
		Missing  []string `json:"missing"`
		Decision *struct {
			Reason, Since, Note string
		} `json:"decision"`
		History []struct {
			Since, Status, Cause string
			DecidedBy            string `json:"decided_by"`
		} `json:"history"`
	}
	self := decode[status](t, h.api("marie@test.cz").get(base))
	if self.Status != "active" || self.Since != "2026-01-10" || len(self.History) != 3 || self.Decision != nil || self.Missing == nil {
		t.Errorf("the mentor's own status: %+v", self)
	}
	admin := h.api("admin@test.cz")
	tests := []struct {
		name, path, body string
		status           int
		field            string
	}{
		{"no reason", "/inactive", `{"since":"2026-03-01"}`, http.StatusUnprocessableEntity, "reason"},
		{"an unknown field", "/inactive", `{"reason":"moved","why":"x"}`, http.StatusBadRequest, ""},
		{"a day far ahead", "/inactive", `{"reason":"paused","since":"2027-01-01"}`, http.StatusUnprocessableEntity, "since"},
		{"lifting nothing", "/lift", `{}`, http.StatusConflict, ""},
		{"the decision", "/inactive", `{"reason":"dismissed","since":"2026-03-01","note":"Porušil mlčenlivost."}`, http.StatusCreated, ""},
		{"a second decision", "/inactive", `{"reason":"moved"}`, http.StatusConflict, ""},
		{"lifting before it began", "/lift", `{"on":"2026-02-28"}`, http.StatusUnprocessableEntity, "on"},
		{"lifting", "/lift", `{"on":"2026-03-02"}`, http.StatusOK, ""},
	}
	for _, tt := range tests {
		resp := admin.json("POST", base+tt.path, tt.body)
		body := readBody(t, resp)
		if resp.StatusCode != tt.status || (tt.field != "" && !strings.Contains(body, `"`+tt.field+`":`)) {
			t.Errorf("%s: %d %s", tt.name, resp.StatusCode, body)
		}
	}
	got := decode[status](t, admin.get(base))
	if got.Status != "active" || got.Since != "2026-03-02" || len(got.History) != 5 || got.History[1].Cause != "decided_inactive" ||
		got.History[1].DecidedBy != "Jana Dvořáková" {
		t.Errorf("after deciding and lifting: %+v", got)
	}
	for q, want := range map[string]int{"?on=2026-03-01&region=ULK": 0, "?on=2026-02-01&region=ULK": 1, "?on=2026-02-01": 1,
		"?on=2026-02-01&limit=0": -400, "?on=2026-04-01": -400, "?on=2026-02-01&region=ULK&offset=1": 1} {
		resp := admin.get("/api/v1/mentors/active" + q)
		if want < 0 {
			if resp.Body.Close(); resp.StatusCode != -want {
				t.Errorf("%s: %d", q, resp.StatusCode)
			}
			continue
		}
		list := decode[struct {
			Items []struct {
				PersonID int64  `json:"person_id"`
				Name     string `json:"name"`
				Region   string `json:"region"`
				Since    string `json:"since"`
			} `json:"items"`
			Total int `json:"total"`
		}](t, resp)
		if list.Total != want || (want > 0 && !strings.Contains(q, "offset") && (len(list.Items) != 1 ||
			list.Items[0].PersonID != m.ID || list.Items[0].Region != "ULK" || list.Items[0].Since != "2026-01-10")) {
			t.Errorf("%s: %+v", q, list)
		}
	}
}
