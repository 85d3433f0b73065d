package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// evalSetup is the world of the evaluation tests (the harness's day, 2. 3. 2026, lies in
// period 2026-2): an admin, the coordinators of ULK and MSK, Marie (a mentor of ULK) and Roman
// (of MSK); it returns the ids of PMS centres by name.
func evalSetup(t *testing.T) (*harness, people.Person, people.Person, map[string]int64) {
	t.Helper()
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("ulk@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("msk@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator)
	marie := h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	roman := h.person("roman@test.cz", "Roman Balog", "MSK", web.RoleTrainee)
	centres := map[string]int64{}
	rows, err := h.d.R.Query(`SELECT name, id FROM pms_centres`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var id int64
		if err := rows.Scan(&name, &id); err != nil {
			t.Fatal(err)
		}
		centres[name] = id
	}
	return h, marie, roman, centres
}

func (h *harness) evaluations(t *testing.T) int {
	t.Helper()
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM evaluations`); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEvaluationAPI(t *testing.T) {
	h, marie, roman, centre := evalSetup(t)
	ulk, msk, admin, trainee := h.api("ulk@test.cz"), h.api("msk@test.cz"), h.api("admin@test.cz"), h.api("marie@test.cz")
	body := func(person int64, centre int64, year, period int, counts string) string {
		return fmt.Sprintf(`{"person_id":%d,"centre_id":%d,"year":%d,"period":%d%s}`, person, centre, year, period, counts)
	}
	dec, ost := centre["Děčín"], centre["Ostrava"]
	tests := []struct {
		name   string
		as     *client
		body   string
		status int
		field  string // the field a 422 names
	}{
		{"a coordinator records", ulk, body(marie.ID, dec, 2026, 1, `,"clients_a":5,"success_a":3,"clients_c":4,"success_c":3`), http.StatusCreated, ""},
		{"the same again", ulk, body(marie.ID, dec, 2026, 1, `,"clients_a":5,"success_a":3,"clients_c":4,"success_c":3`), http.StatusOK, ""},
		{"an admin corrects", admin, body(marie.ID, dec, 2026, 1, `,"clients_a":5,"success_a":3,"clients_c":5,"success_c":4`), http.StatusOK, ""},
		{"the period under way", ulk, body(marie.ID, dec, 2026, 2, `,"clients_b":2,"success_b":1`), http.StatusCreated, ""},
		{"a coordinator of MSK", msk, body(roman.ID, ost, 2026, 1, `,"clients_b":4,"success_b":1`), http.StatusCreated, ""},
		{"negative", ulk, body(marie.ID, dec, 2025, 6, `,"clients_a":-1`), http.StatusUnprocessableEntity, "clients_a"},
		{"more successful than clients", ulk, body(marie.ID, dec, 2025, 6, `,"clients_b":2,"success_b":3`), http.StatusUnprocessableEntity, "success_b"},
		{"over the bound", ulk, body(marie.ID, dec, 2025, 6, `,"clients_c":5000`), http.StatusUnprocessableEntity, "clients_c"},
		{"period 7", ulk, body(marie.ID, dec, 2025, 7, ``), http.StatusUnprocessableEntity, "period"},
		{"a period that has not begun", ulk, body(marie.ID, dec, 2026, 3, ``), http.StatusUnprocessableEntity, "period"},
		{"next year", ulk, body(marie.ID, dec, 2027, 1, ``), http.StatusUnprocessableEntity, "year"},
		{"before the program", ulk, body(marie.ID, dec, 1999, 1, ``), http.StatusUnprocessableEntity, "year"},
		{"a centre of another region", ulk, body(marie.ID, ost, 2026, 1, ``), http.StatusUnprocessableEntity, "centre_id"},
		{"a mentor of another region", ulk, body(roman.ID, ost, 2026, 1, ``), http.StatusUnprocessableEntity, "person_id"},
		{"not a mentor", admin, body(h.evalID(t, "ulk@test.cz"), dec, 2026, 1, ``), http.StatusUnprocessableEntity, "person_id"},
		{"an unknown field", ulk, `{"person_id":1,"client":"Novák"}`, http.StatusBadRequest, ""},
		{"a trainee", trainee, body(marie.ID, dec, 2026, 1, ``), http.StatusForbidden, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.evaluations(t)
			resp := tt.as.json("POST", "/api/v1/evaluations", tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, readBody(t, resp))
			}
			if tt.status == http.StatusUnprocessableEntity {
				e := decode[apiError](t, resp)
				if _, ok := e.Error.Fields[tt.field]; !ok || len(e.Error.Fields) != 1 {
					t.Errorf("fields %v, want %s", e.Error.Fields, tt.field)
				}
			} else {
				resp.Body.Close()
			}
			if tt.status >= 400 && h.evaluations(t) != before {
				t.Error("a refused record was stored")
			}
		})
	}

	type page struct {
		Items []struct {
			Name   string `json:"name"`
			Region string `json:"region"`
		} `json:"items"`
		Total int `json:"total"`
	}
	if got := decode[page](t, ulk.get("/api/v1/evaluations")); got.Total != 2 || got.Items[0].Region != "ULK" {
		t.Errorf("the coordinator's list: %+v", got)
	}
	if got := decode[page](t, admin.get("/api/v1/evaluations?year=2026&period=1")); got.Total != 2 {
		t.Errorf("the admin's list of 2026-1: %+v", got)
	}
	if got := decode[page](t, admin.get("/api/v1/evaluations?region=MSK&limit=1")); got.Total != 1 ||
		got.Items[0].Name != "Roman Balog" {
		t.Errorf("the admin's list of MSK: %+v", got)
	}

	type tally struct {
		Mentors    int  `json:"mentors"`
		Clients    int  `json:"clients"`
		Successful int  `json:"successful"`
		Percent    *int `json:"percent"`
	}
	type report struct {
		Regions []struct {
			Region  string `json:"region"`
			Centres []struct {
				Centre string `json:"centre"`
				tally
			} `json:"centres"`
			Total tally `json:"total"`
		} `json:"regions"`
		Total tally `json:"total"`
	}
	rep := decode[report](t, ulk.get("/api/v1/evaluations/report?year=2026&period=1"))
	if len(rep.Regions) != 1 || rep.Regions[0].Region != "ULK" || rep.Total.Clients != 10 || *rep.Total.Percent != 70 {
		t.Errorf("the coordinator's report: %+v", rep)
	}
	rep = decode[report](t, admin.get("/api/v1/evaluations/report?year=2026"))
	if len(rep.Regions) != 2 || rep.Total.Mentors != 2 || rep.Total.Clients != 16 || rep.Total.Successful != 9 ||
		*rep.Total.Percent != 56 {
		t.Errorf("the admin's year: %+v", rep)
	}

	for _, path := range []string{"/api/v1/evaluations?region=MSK", "/api/v1/evaluations/report?region=MSK",
		"/api/v1/evaluations/report.csv?region=MSK"} {
		if resp := ulk.get(path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s for the coordinator of ULK: %d", path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/api/v1/evaluations?region=XYZ", "/api/v1/evaluations/report?year=2026&from=2026-1",
		"/api/v1/evaluations/report?from=2026-2&to=2026-1", "/api/v1/evaluations/report?period=2",
		"/api/v1/evaluations?limit=0", "/api/v1/evaluations?person=abc"} {
		if resp := admin.get(path); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", path, resp.StatusCode)
		}
	}
}

// evalID is the id of the person with email.
func (h *harness) evalID(t *testing.T, email string) int64 {
	t.Helper()
	p, err := h.svc.Store().ByEmail(t.Context(), h.d.R, email)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func TestEvaluationPages(t *testing.T) {
	h, marie, roman, centre := evalSetup(t)
	ulk, msk, admin := h.browser("ulk@test.cz"), h.browser("msk@test.cz"), h.browser("admin@test.cz")
	grid := "/evaluations/entry?year=2026&period=1"

	page := readBody(t, ulk.get(grid))
	if !strings.Contains(page, "Marie Giňová") || strings.Contains(page, "Roman Balog") ||
		!strings.Contains(page, "nikdy jména") {
		t.Fatalf("the coordinator's grid:\n%s", page)
	}
	line := func(id, clientsA, successA string) url.Values {
		return url.Values{"lines": {"1"}, "person.0": {itoa(marie.ID)}, "id.0": {id},
			"centre.0": {itoa(centre["Děčín"])}, "clients_a.0": {clientsA}, "success_a.0": {successA},
			"clients_c.0": {"3"}, "success_c.0": {"2"}}
	}
	resp := ulk.form("POST", grid, line("", "4", "9"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("more successful than clients: %d", resp.StatusCode)
	}
	page = readBody(t, resp)
	if !strings.Contains(page, "Úspěšných nemůže být víc než klientů tohoto typu (4).") ||
		!strings.Contains(page, `value="9"`) || h.evaluations(t) != 0 {
		t.Errorf("the refused grid does not come back as sent:\n%s", page)
	}
	resp = ulk.form("POST", grid, line("", "4", "2"))
	if resp.StatusCode != http.StatusSeeOther || h.evaluations(t) != 1 {
		t.Fatalf("saving the grid: %d", resp.StatusCode)
	}
	if page = readBody(t, ulk.get(resp.Header.Get("Location"))); !strings.Contains(page, "Uložen 1 záznam.") {
		t.Errorf("after saving:\n%s", page)
	}
	if resp := msk.form("POST", "/evaluations/entry?region=ULK&year=2026&period=1", line("", "1", "1")); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the coordinator of MSK saves ULK's grid: %d", resp.StatusCode)
	}
	resp = msk.form("POST", "/evaluations", url.Values{"person_id": {itoa(roman.ID)}, "centre_id": {itoa(centre["Ostrava"])},
		"year": {"2026"}, "period": {"1"}, "clients_b": {"3"}, "success_b": {"x"}})
	if page = readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Napište celé číslo.") {
		t.Errorf("a count that is no number: %d\n%s", resp.StatusCode, page)
	}
	resp = msk.form("POST", "/evaluations", url.Values{"person_id": {itoa(roman.ID)}, "centre_id": {itoa(centre["Ostrava"])},
		"year": {"2026"}, "period": {"1"}, "clients_b": {"3"}, "success_b": {"3"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "region=MSK") {
		t.Errorf("the record form: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := msk.get("/evaluations/new?person=" + itoa(marie.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the record form of another region's mentor: %d", resp.StatusCode)
	}

	// Marie: 4 A clients with 2 successful, 3 C with 2: 4 of 7 is 57 %.
	page = readBody(t, ulk.get("/evaluations?year=2026"))
	if !strings.Contains(page, "57\u00a0%") || !strings.Contains(page, "Děčín") || strings.Contains(page, "Ostrava") {
		t.Errorf("the coordinator's report:\n%s", page)
	}
	if resp := ulk.get("/evaluations?region=MSK"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the coordinator of ULK reads MSK's report: %d", resp.StatusCode)
	}
	if resp := ulk.get("/evaluations/entry?region=MSK"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the coordinator of ULK opens MSK's grid: %d", resp.StatusCode)
	}
	// A span set backwards in the selects is a 422 with both choices kept and the end marked.
	resp = ulk.get("/evaluations?from=2026-2&to=2026-1")
	page = readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `<option value="2026-2" selected>`) ||
		!strings.Contains(page, `<option value="2026-1" selected>`) || !strings.Contains(page, `id="to-error">Konec je dřív než začátek`) {
		t.Errorf("a span backwards: %d\n%s", resp.StatusCode, page)
	}
	admin.cookies[web.LangCookie] = "en"
	page = readBody(t, admin.get("/evaluations?from=2026-1&to=2026-2"))
	if !strings.Contains(page, "57%") || !strings.Contains(page, "100%") || !strings.Contains(page, "All regions in total") {
		t.Errorf("the admin's report in English:\n%s", page)
	}

	csv := readBody(t, admin.get("/evaluations.csv?year=2026"))
	for _, want := range []string{"Ústecký kraj;Děčín;1;7;4;57;4;2;0;0;3;2", "Moravskoslezský kraj;Ostrava;1;3;3;100;0;0;3;3;0;0",
		"All regions in total;;2;10;7;70;"} {
		if !strings.Contains(csv, want) {
			t.Errorf("the CSV lacks %q:\n%s", want, csv)
		}
	}
	resp = ulk.get("/evaluations.xlsx?year=2026")
	if resp.Header.Get("Content-Disposition") != `attachment; filename="evaluace-ULK-2026.xlsx"` {
		t.Errorf("the workbook's name: %s", resp.Header.Get("Content-Disposition"))
	}
	f, err := excelize.OpenReader(bytes.NewReader([]byte(readBody(t, resp))))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Evaluace")
	if err != nil || len(rows) != 3 || rows[1][1] != "Děčín" || rows[1][5] != "57" || rows[2][1] != "Celkem" {
		t.Errorf("the workbook: %v, %v", rows, err)
	}
}
