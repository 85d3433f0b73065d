package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/web"
)

// joinLink is the meeting address of the online run of these tests.
const joinLink = "https://meet.example.cz/dluhy-online?pwd=Ab12"

// onlineRun is an open online seminar taught by lektor@test.cz with one session, and the
// people around it: enrolled, waitlisted and withdrawn trainees, a trainee of another run, a
// coordinator, another lecturer and an admin.
type onlineRun struct {
	*harness
	run, course int64
}

func newOnlineRun(t *testing.T) *onlineRun {
	h := newHarness(t)
	ctx := context.Background()
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	h.person("koord@test.cz", "Petr Horváth", "MSK", web.RoleCoordinator)
	lec := h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("jiny.lektor@test.cz", "Karel Šťovíček", "ULK", web.RoleLecturer)
	svc := courses.NewService(h.d)
	c, err := svc.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "DLUHY-ON", Title: "Dluhy online",
		Kind: courses.KindOnlineSeminar, TheoryHours: 4}, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14", Online: true,
		JoinLink: joinLink, Capacity: 9, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, h.clock())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: "2026-04-14T09:00:00+02:00", Minutes: 180,
		Kind: courses.Theory, Topic: "Exekuce", LecturerID: lec.ID}, h.clock()); err != nil {
		t.Fatal(err)
	}
	for email, status := range map[string]string{"prijata@test.cz": "enrolled", "cekatelka@test.cz": "waitlisted",
		"odhlasena@test.cz": "withdrawn", "zadatelka@test.cz": "pending"} {
		p := h.person(email, "Účastnice "+status, "ULK", web.RoleTrainee)
		if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, ?, '', '')`, r.ID, p.ID, status); err != nil {
			t.Fatal(err)
		}
	}
	h.person("cizi@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	return &onlineRun{harness: h, run: r.ID, course: c.ID}
}

// viewers are who asks, and whether they may see the link: the run's people do, nobody else.
var viewers = []struct {
	email string // "" is a visitor
	sees  bool
}{
	{"", false}, {"cizi@test.cz", false}, {"cekatelka@test.cz", false}, {"odhlasena@test.cz", false},
	{"zadatelka@test.cz", false}, {"jiny.lektor@test.cz", false},
	{"prijata@test.cz", true}, {"lektor@test.cz", true}, {"koord@test.cz", true}, {"admin@test.cz", true},
}

// The run's page shows the join link to those enrolled and to staff, uncached; everyone else
// is told who gets it, and finds it nowhere on the page.
func TestOnlineRunPage(t *testing.T) {
	o := newOnlineRun(t)
	path := "/runs/" + itoa(o.run)
	for _, v := range viewers {
		t.Run("viewer "+v.email, func(t *testing.T) {
			c := o.visitor()
			if v.email != "" {
				c = o.browser(v.email)
			}
			resp := c.get(path)
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			has := strings.Contains(body, "meet.example.cz")
			if has != v.sees {
				t.Fatalf("the page carries the link: %v, want %v", has, v.sees)
			}
			if v.sees {
				if !strings.Contains(body, `href="https://meet.example.cz/dluhy-online?pwd=Ab12"`) ||
					!strings.Contains(body, "Připojit se online") {
					t.Error("no link to join")
				}
				if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q on a page with the link, want no-store", cc)
				}
			} else if !strings.Contains(body, "Odkaz k připojení uvidí na této stránce přijatí účastníci.") {
				t.Error("the page does not say who sees the link")
			}
		})
	}
	// Without a link yet, its people are told so.
	if _, err := o.d.W.Exec(`UPDATE runs SET join_link = '' WHERE id = ?`, o.run); err != nil {
		t.Fatal(err)
	}
	expectPage(t, o.browser("prijata@test.cz").get(path), 200, []string{"Odkaz k připojení zatím není zadaný."}, "Připojit se online")
}

// The API's run detail carries join_link for the run's people only, and no list of runs ever
// does.
func TestOnlineRunAPI(t *testing.T) {
	o := newOnlineRun(t)
	for _, v := range viewers {
		t.Run("caller "+v.email, func(t *testing.T) {
			c := o.visitor()
			if v.email != "" {
				c = o.api(v.email)
			}
			resp := c.get("/api/v1/runs/" + itoa(o.run))
			var d map[string]any
			if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			link, has := d["join_link"]
			if has != v.sees || (has && link != joinLink) {
				t.Errorf("join_link %v (%v), want present %v", link, has, v.sees)
			}
			if has && resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q with the link", resp.Header.Get("Cache-Control"))
			}
			list := readBody(t, c.get("/api/v1/runs?status=open"))
			if !strings.Contains(list, `"id":`+itoa(o.run)) || strings.Contains(list, "meet.example.cz") {
				t.Errorf("the list of runs: %s", list)
			}
		})
	}
}

// The form and the API take an https link only, naming the field in the refusal; an online run
// needs no town; PUT without the link clears it.
func TestOnlineRunLinkInput(t *testing.T) {
	o := newOnlineRun(t)
	adm := o.browser("admin@test.cz")
	lec := itoa(personID(t, o.harness, "lektor@test.cz"))
	form := func(link string) url.Values {
		return url.Values{"starts_on": {"2026-05-05"}, "ends_on": {"2026-05-05"}, "online": {"1"}, "join_link": {link},
			"capacity": {"12"}, "status": {"planned"}, "lecturer_ids": {lec}}
	}
	for _, bad := range []string{"http://meet.example.cz/x", "javascript:alert(1)"} {
		resp := adm.form("POST", "/courses/"+itoa(o.course)+"/runs", form(bad))
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", bad, resp.StatusCode)
		}
		if got := fieldError(body, "join_link"); !strings.HasPrefix(got, "Odkaz k připojení musí být celá adresa začínající https://") {
			t.Errorf("%s: the message %q", bad, got)
		}
		if !strings.Contains(body, `value="`+bad) {
			t.Errorf("%s: the form lost what was typed", bad)
		}
	}
	resp := adm.form("POST", "/courses/"+itoa(o.course)+"/runs", form("https://meet.example.cz/kveten"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an online run without a town: %d %s", resp.StatusCode, readBody(t, resp))
	}
	page := readBody(t, adm.get(resp.Header.Get("Location")+"/edit"))
	if !strings.Contains(page, `value="https://meet.example.cz/kveten"`) {
		t.Error("the edit form does not show the link")
	}

	api := o.api("admin@test.cz")
	put := func(body string) (int, map[string]any) {
		t.Helper()
		resp := api.json("PUT", "/api/v1/runs/"+itoa(o.run), body)
		var out map[string]any
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, out
	}
	run := `{"starts_on":"2026-04-14","ends_on":"2026-04-14","online":true,"capacity":9,"lecturer_ids":[` + lec + `]`
	for _, bad := range []string{"http://meet.example.cz/x", "javascript:alert(1)"} {
		status, out := put(run + `,"join_link":"` + bad + `"}`)
		e, _ := out["error"].(map[string]any)
		fields, _ := e["fields"].(map[string]any)
		if msg, _ := fields["join_link"].(string); status != http.StatusUnprocessableEntity || !strings.Contains(msg, "Odkaz k připojení") {
			t.Errorf("PUT %s: %d %v", bad, status, out)
		}
	}
	if status, out := put(run + `,"join_link":"https://meet.example.cz/novy"}`); status != 200 || out["join_link"] != "https://meet.example.cz/novy" {
		t.Errorf("PUT a link: %d %v", status, out["join_link"])
	}
	if status, out := put(run + `}`); status != 200 || out["join_link"] != nil {
		t.Errorf("PUT without the link: %d %v", status, out["join_link"])
	}
	resp = api.json("POST", "/api/v1/courses/"+itoa(o.course)+"/runs",
		`{"starts_on":"2026-06-02","ends_on":"2026-06-02","online":true,"capacity":9,"join_link":"https://meet.example.cz/cerven"}`)
	var created map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&created); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || created["join_link"] != "https://meet.example.cz/cerven" {
		t.Errorf("POST: %d %v", resp.StatusCode, created)
	}
}

// The private feeds of an enrolled trainee and of the run's lecturer carry the link; the run's
// public feed does not, whoever fetches it.
func TestOnlineRunCalendar(t *testing.T) {
	o := newOnlineRun(t)
	for _, email := range []string{"prijata@test.cz", "lektor@test.cz"} {
		status, doc := fetchFeed(t, o.harness, makeFeed(t, o.browser(email)))
		if status != 200 || !strings.Contains(doc, "LOCATION:"+strings.ReplaceAll(joinLink, ",", `\,`)) ||
			!strings.Contains(doc, "URL:"+joinLink) || !strings.Contains(doc, "Připojení online: "+joinLink) {
			t.Errorf("%s's feed: %d\n%s", email, status, doc)
		}
	}
	status, doc := fetchFeed(t, o.harness, makeFeed(t, o.browser("cekatelka@test.cz")))
	if status != 200 || strings.Contains(doc, "meet.example.cz") || strings.Contains(doc, "BEGIN:VEVENT") {
		t.Errorf("a waitlisted trainee's feed: %d\n%s", status, doc)
	}
	for _, email := range []string{"", "prijata@test.cz", "admin@test.cz"} {
		c := o.visitor()
		if email != "" {
			c = o.browser(email)
		}
		for _, path := range []string{"/runs/" + itoa(o.run) + "/calendar.ics", "/api/v1/runs/" + itoa(o.run) + "/calendar.ics"} {
			resp := c.get(path)
			body := readBody(t, resp)
			if resp.StatusCode != 200 || strings.Contains(body, "meet.example.cz") || !strings.Contains(body, "LOCATION:online") {
				t.Errorf("%s as %q: %d\n%s", path, email, resp.StatusCode, body)
			}
		}
	}
}
