package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// educationFixture gives person (a mentor of ULK) an approved entry of external hours, a
// period of employment and an absence, for the access table.
func (h *harness) educationFixture(fx *fixture, person int64) {
	h.t.Helper()
	fx.hours = h.insert(`INSERT INTO external_hours (person_id, organiser, title, held_on, minutes, kind, entered_at, approved_at)
		VALUES (?, 'Člověk v tísni', 'Konference', '2026-02-10', 360, 'conference', '', '2026-02-11T08:00:00Z')`, person)
	fx.employment = h.insert(`INSERT INTO employments (person_id, from_on, entered_at) VALUES (?, '2024-01-01', '')`, person)
	fx.absence = h.insert(`INSERT INTO absences (person_id, kind, from_on, until_on, entered_at) VALUES (?, 'illness', '2025-01-01', '2025-03-31', '')`, person)
}

// insert runs an INSERT and returns the new row's id.
func (h *harness) insert(query string, args ...any) int64 {
	h.t.Helper()
	res, err := h.d.W.Exec(query, args...)
	if err != nil {
		h.t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	return id
}

// rows counts the rows of a table.
func (h *harness) rows(table string) int {
	h.t.Helper()
	var n int
	if err := h.d.R.Get(&n, `SELECT COUNT(*) FROM `+table); err != nil {
		h.t.Fatal(err)
	}
	return n
}

// eduPeople makes the people of the education tests: an admin, the coordinators of ULK and
// MSK, and Marie, a mentor of ULK.
func (h *harness) eduPeople() (marie int64) {
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("koord@test.cz", "Petr Horváth", "ULK", web.RoleCoordinator)
	h.person("koord.msk@test.cz", "Renata Lakatošová", "MSK", web.RoleCoordinator)
	return h.person("marie@test.cz", "Marie Giňová", "ULK", web.RoleTrainee).ID
}

// The coordinator enters hours on the page, the admin approves them on theirs, and from then
// on they count and are locked; the mentor reads her own page and downloads her transcript,
// in her own language; another region's coordinator sees nothing of it.
func TestEducationThroughTheApp(t *testing.T) {
	h := newHarness(t)
	marie := h.eduPeople()
	m := itoa(marie)
	coord, admin, other := h.browser("koord@test.cz"), h.browser("admin@test.cz"), h.browser("koord.msk@test.cz")

	resp := coord.form("POST", "/people/"+m+"/employments", url.Values{"from": {"2025-07-01"}, "probation_ends": {"2025-09-30"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("employment: %d %s", resp.StatusCode, readBody(t, resp))
	}
	resp = coord.form("POST", "/people/"+m+"/education/hours", url.Values{"organiser": {"Člověk v tísni"},
		"title": {"Konference o dluzích"}, "held_on": {"2026-02-12"}, "hours": {"6,5"}, "kind": {"conference"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/people/"+m+"/education?year=2026" {
		t.Fatalf("entering hours: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var id int64
	if err := h.d.R.Get(&id, `SELECT id FROM external_hours`); err != nil {
		t.Fatal(err)
	}
	page := readBody(t, coord.get("/people/"+m+"/education"))
	for _, want := range []string{"6,5 h", "čeká na schválení", "(nezapočítáno)", "chybí 24 h", "zkušební doba do 30. 9. 2025",
		"/education/hours/" + itoa(id) + "/edit", "chybí 6 h"} {
		if !strings.Contains(page, want) {
			t.Errorf("the coordinator's page lacks %q", want)
		}
	}

	// Another region's coordinator: nothing, on pages and in the API.
	otherAPI := h.api("koord.msk@test.cz")
	for _, r := range []*http.Response{other.get("/people/" + m + "/education"), other.get("/people/" + m + "/transcript"),
		other.get("/people/" + m + "/transcript.pdf"), other.get("/education/hours/" + itoa(id) + "/edit"),
		other.form("POST", "/people/"+m+"/education/hours", url.Values{"organiser": {"X"}, "held_on": {"2026-01-01"}, "hours": {"1"}, "kind": {"other"}}),
		otherAPI.get("/api/v1/people/" + m + "/education"), otherAPI.get("/api/v1/people/" + m + "/transcript"),
		otherAPI.get("/api/v1/education/hours/" + itoa(id)), otherAPI.json("DELETE", "/api/v1/education/hours/"+itoa(id), "")} {
		if r.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s by another region's coordinator: %d", r.Request.Method, r.Request.URL.Path, r.StatusCode)
		}
		r.Body.Close()
	}

	// The admin approves after a confirmation; the hours then count and are locked.
	pending := readBody(t, admin.get("/education/pending"))
	if !strings.Contains(pending, "Marie Giňová") || !strings.Contains(pending, "Schválení čeká 1 záznam.") {
		t.Errorf("the pending list: %s", pending)
	}
	if resp := admin.form("POST", "/education/hours/"+itoa(id)+"/approve", nil); resp.StatusCode != http.StatusOK ||
		!strings.Contains(readBody(t, resp), "Schválený záznam už nepůjde upravit ani smazat.") {
		t.Errorf("approving without confirming did not ask")
	}
	if resp := admin.form("POST", "/education/hours/"+itoa(id)+"/approve", url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approving: %d", resp.StatusCode)
	}
	page = readBody(t, coord.get("/people/"+m+"/education"))
	if !strings.Contains(page, "chybí 17,5 h") || strings.Contains(page, "/education/hours/"+itoa(id)+"/edit") {
		t.Errorf("after approval the page should count 6,5 h and offer no correction")
	}
	coordAPI := h.api("koord@test.cz")
	for _, r := range []*http.Response{coord.get("/education/hours/" + itoa(id) + "/edit"),
		coordAPI.json("PUT", "/api/v1/education/hours/"+itoa(id), `{"organiser":"X","held_on":"2026-02-12","minutes":60,"kind":"other"}`),
		coordAPI.json("DELETE", "/api/v1/education/hours/"+itoa(id), "")} {
		if r.StatusCode != http.StatusConflict {
			t.Errorf("%s %s of approved hours: %d, want 409", r.Request.Method, r.Request.URL.Path, r.StatusCode)
		}
		r.Body.Close()
	}

	// The mentor: her own page from her menu, and her transcript in English once she chose it.
	self := h.browser("marie@test.cz")
	home := readBody(t, self.get("/"))
	if !strings.Contains(home, `href="/people/`+m+`/education"`) {
		t.Error("the mentor's menu has no link to her education")
	}
	if page := readBody(t, self.get("/people/"+m+"/education")); !strings.Contains(page, "/people/"+m+"/transcript") ||
		strings.Contains(page, "/education/hours/new") {
		t.Error("the mentor's own page should link the transcript and offer no entering")
	}
	if _, err := h.d.W.Exec(`UPDATE persons SET lang = 'en' WHERE id = ?`, marie); err != nil {
		t.Fatal(err)
	}
	resp = coord.get("/people/" + m + "/transcript.pdf")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("transcript PDF: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	text := pdftest.Words(pdftest.Text(t, []byte(readBody(t, resp))))
	for _, want := range []string{"Transcript of education", "Marie Giňová", "Ústí nad Labem Region", "6.5 h", "17.5 h missing"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English transcript lacks %q: %s", want, text)
		}
	}
	tr := decode[map[string]any](t, h.api("marie@test.cz").get("/api/v1/people/"+m+"/transcript"))
	years, _ := tr["years"].([]any)
	if len(years) != 2 || years[0].(map[string]any)["approved_minutes"] != float64(390) {
		t.Errorf("API transcript years: %v", tr["years"])
	}
}

// Bad input is refused naming the field, on the form (which comes back filled in) and in the
// API, and nothing is stored.
func TestEducationRefused(t *testing.T) {
	h := newHarness(t)
	m := itoa(h.eduPeople())
	coord, api := h.browser("koord@test.cz"), h.api("koord@test.cz")
	good := url.Values{"organiser": {"Člověk v tísni"}, "title": {"Konference"}, "held_on": {"2026-02-12"}, "hours": {"2"}, "kind": {"seminar"}}
	with := func(k, v string) url.Values {
		out := url.Values{}
		for kk, vv := range good {
			out[kk] = vv
		}
		out.Set(k, v)
		return out
	}
	for _, tt := range []struct {
		name string
		form url.Values
		want string
	}{
		{"no hours", with("hours", "0"), "Počet hodin musí být větší než nula."},
		{"negative hours", with("hours", "-3"), "Počet hodin musí být větší než nula."},
		{"not a number", with("hours", "šest"), "Počet hodin zadejte číslem"},
		{"a quarter", with("hours", "1,25"), "Zadejte celé nebo půl hodiny"},
		{"over 200", with("hours", "200,5"), "nejvýše 200 hodin"},
		{"in the future", with("held_on", "2026-03-03"), "Datum nesmí být v budoucnosti."},
		{"before 1900", with("held_on", "1899-12-31"), "Datum musí ležet mezi 1. 1. 1900 a 31. 12. 2100."},
		{"no organiser", with("organiser", " "), "Zadejte pořadatele."},
		{"unknown kind", with("kind", "party"), "Vyberte druh akce ze seznamu."},
	} {
		t.Run("form "+tt.name, func(t *testing.T) {
			resp := coord.form("POST", "/people/"+m+"/education/hours", tt.form)
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want 422 with %q", resp.StatusCode, tt.want)
			}
			if !strings.Contains(body, `value="Konference"`) {
				t.Error("the refused form lost what was typed")
			}
		})
	}
	for _, tt := range []struct {
		name, path, body, field string
	}{
		{"hours: everything", "/api/v1/people/" + m + "/education/hours", `{"organiser":"","held_on":"2026-04-01","minutes":0,"kind":"x"}`, "organiser held_on kind minutes"},
		{"hours: not a half", "/api/v1/people/" + m + "/education/hours", `{"organiser":"A","held_on":"2026-01-01","minutes":45,"kind":"other"}`, "minutes"},
		{"hours: too many", "/api/v1/people/" + m + "/education/hours", `{"organiser":"A","held_on":"2026-01-01","minutes":12030,"kind":"other"}`, "minutes"},
		{"employment: until before from", "/api/v1/people/" + m + "/employments", `{"from":"2025-05-01","until":"2025-04-30"}`, "until"},
		{"employment: from ahead", "/api/v1/people/" + m + "/employments", `{"from":"2026-05-01"}`, "from"},
		{"absence: unknown kind", "/api/v1/people/" + m + "/absences", `{"kind":"holiday","from":"2025-05-01"}`, "kind"},
		{"absence: until before from", "/api/v1/people/" + m + "/absences", `{"kind":"illness","from":"2025-05-01","until":"2025-04-01"}`, "until"},
	} {
		t.Run("API "+tt.name, func(t *testing.T) {
			resp := api.json("POST", tt.path, tt.body)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			e := decode[apiError](t, resp)
			var got []string
			for _, f := range strings.Fields(tt.field) {
				if e.Error.Fields[f] == "" {
					t.Errorf("no message for %s: %v", f, e.Error.Fields)
				}
				got = append(got, f)
			}
			if len(e.Error.Fields) != len(got) {
				t.Errorf("fields %v, want %v", e.Error.Fields, got)
			}
		})
	}
	// Overlapping employment: the second period is refused.
	if resp := api.json("POST", "/api/v1/people/"+m+"/employments", `{"from":"2024-01-01","until":"2025-12-31"}`); resp.StatusCode != http.StatusCreated {
		t.Fatalf("employment: %d", resp.StatusCode)
	}
	resp := api.json("POST", "/api/v1/people/"+m+"/employments", `{"from":"2025-12-31"}`)
	if e := decode[apiError](t, resp); resp.StatusCode != http.StatusUnprocessableEntity || e.Error.Fields["from"] == "" {
		t.Errorf("an overlapping employment: %d %v", resp.StatusCode, e.Error.Fields)
	}
	if n := h.rows("external_hours") + h.rows("absences"); n != 0 || h.rows("employments") != 1 {
		t.Errorf("refused input stored rows: %d hours and absences, %d employments", n, h.rows("employments"))
	}
}
