package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

// coursePages is an admin and a lecturer signed in, with the courses service for setting up and
// checking what the pages stored.
type coursePages struct {
	*harness
	admin    *client
	lecturer int64
	svc      *courses.Service
}

func newCoursePages(t *testing.T) *coursePages {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	l := h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	return &coursePages{harness: h, admin: h.browser("admin@test.cz"), lecturer: l.ID, svc: courses.NewService(h.d)}
}

// course creates a course through the service; acc adds an accreditation valid through 2028.
func (p *coursePages) course(code, title string, kind courses.Kind, theory int, acc bool) courses.Course {
	p.t.Helper()
	in := courses.CourseInput{Code: code, Title: title, Kind: kind, TheoryHours: theory}
	if acc {
		in.Accreditation = &courses.AccreditInput{Body: courses.BodyMPSV, Number: "2014/0998-PC/SP/VP/PP",
			ValidFrom: "2025-01-01", ValidUntil: "2028-12-31"}
	}
	c, err := p.svc.SaveCourse(context.Background(), nil, 0, in, p.clock())
	if err != nil {
		p.t.Fatal(err)
	}
	return c
}

// run creates a run through the service, taught by the lecturer.
func (p *coursePages) run(courseID int64, from, until, region string, status courses.Status) courses.Run {
	p.t.Helper()
	r, err := p.svc.SaveRun(context.Background(), nil, courseID, 0, courses.RunInput{StartsOn: from, EndsOn: until,
		Town: "Děčín", Region: region, Capacity: 9, Status: status, LecturerIDs: []int64{p.lecturer}}, p.clock())
	if err != nil {
		p.t.Fatal(err)
	}
	return r
}

func (p *coursePages) sessions(runID int64) []courses.Session {
	p.t.Helper()
	ss, err := p.svc.Store().Sessions(context.Background(), p.d.R, runID)
	if err != nil {
		p.t.Fatal(err)
	}
	return ss
}

// fieldError finds the message shown under a form field.
func fieldError(body, field string) string {
	m := regexp.MustCompile(`<p class="field-error" id="` + regexp.QuoteMeta(field) + `-note">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

func TestCoursesPageCreateCourse(t *testing.T) {
	p := newCoursePages(t)
	bad := url.Values{"code": {""}, "title": {"Práce se závislým klientem"}, "kind": {"seance"},
		"theory_hours": {"šest"}, "min_attendance_pct": {"80"}}
	resp := p.admin.form("POST", "/courses", bad)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad input: %d", resp.StatusCode)
	}
	for field, want := range map[string]string{"code": "Vyplňte toto pole.", "kind": "Neznámý druh kurzu.",
		"theory_hours": "Zadejte celé číslo."} {
		if got := fieldError(body, field); got != want {
			t.Errorf("%s: %q, want %q", field, got, want)
		}
	}
	if !strings.Contains(body, `value="šest"`) || !strings.Contains(body, `value="Práce se závislým klientem"`) {
		t.Error("the form does not keep what was typed")
	}
	if cs, _ := p.svc.Store().Courses(context.Background()); len(cs) != 0 {
		t.Fatalf("a wrong form stored %d courses", len(cs))
	}
	if body := readBody(t, p.admin.get("/courses")); !strings.Contains(body, "Katalog je zatím prázdný") {
		t.Error("no empty state")
	}

	good := url.Values{"code": {"ZAV"}, "title": {"Práce se závislým klientem"}, "kind": {"accredited_seminar"},
		"theory_hours": {"6"}, "practice_hours": {"0"}, "theory_minutes_per_hour": {"45"}, "min_attendance_pct": {"100"},
		"min_age": {"18"}, "validity_months": {"0"}}
	resp = p.admin.form("POST", "/courses", good)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/courses/") {
		t.Fatalf("create: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	path := resp.Header.Get("Location")
	body = readBody(t, p.admin.get(path))
	if !strings.Contains(body, "<h1>Práce se závislým klientem</h1>") || !strings.Contains(body, "akreditovaný seminář") ||
		!strings.Contains(body, "Kurz zatím nemá akreditaci") {
		t.Error("the course page lacks the course")
	}

	// A curriculum that does not add up is flagged, and goes away when it does.
	if resp := p.admin.form("POST", path+"/modules", url.Values{"title": {"Závislosti a jejich léčba"},
		"theory_hours": {"4"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("module: %d", resp.StatusCode)
	}
	if body := readBody(t, p.admin.get(path)); !strings.Contains(body, "Moduly dávají dohromady 4 h teorie a 0 h praxe, kurz má 6 h teorie") {
		t.Error("no warning that the modules do not add up")
	}
	resp = p.admin.form("POST", path+"/modules", url.Values{"title": {""}, "theory_hours": {"x"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		fieldError(body, "module_theory_hours") != "Zadejte celé číslo." {
		t.Errorf("a wrong module: %d", resp.StatusCode)
	}
	p.admin.form("POST", path+"/modules", url.Values{"title": {"Motivační rozhovor"}, "theory_hours": {"2"}})
	body = readBody(t, p.admin.get(path))
	if strings.Contains(body, "Moduly dávají dohromady") {
		t.Error("a warning although the modules add up")
	}
	del := regexp.MustCompile(`action="(/courses/\d+/modules/\d+/delete)"`).FindStringSubmatch(body)
	if del == nil {
		t.Fatal("no delete button for a module")
	}
	expectPage(t, p.admin.form("POST", del[1], nil), http.StatusOK, []string{"Smazat modul?",
		"zmizí z osnovy.", "Osnova pak bude mít 2 h teorie a 0 h praxe"})
	expectPage(t, p.admin.get(del[1]), http.StatusOK, []string{"Smazat modul?", `name="confirm" value="yes"`})
	if resp := p.admin.form("POST", del[1], url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete module: %d", resp.StatusCode)
	}
	if body := readBody(t, p.admin.get(path)); !strings.Contains(body, "Moduly dávají dohromady 2 h teorie") {
		t.Error("the module was not deleted")
	}

	// An accreditation with other hours than the course's is flagged.
	resp = p.admin.form("POST", path+"/accreditations", url.Values{"body": {"MPSV"}, "number": {"A/2026/1"},
		"valid_from": {"2026-01-01"}, "valid_until": {"2025-12-31"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		fieldError(body, "valid_until") != "Konec platnosti je před jejím začátkem. Opravte datum konce platnosti." {
		t.Errorf("an accreditation ending before it starts: %d", resp.StatusCode)
	}
	resp = p.admin.form("POST", path+"/accreditations", url.Values{"body": {"MPSV"}, "number": {"A/2026/1"},
		"valid_from": {"2026-01-01"}, "valid_until": {"2029-12-31"}, "theory_hours": {"8"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("accreditation: %d", resp.StatusCode)
	}
	body = readBody(t, p.admin.get(path))
	if !strings.Contains(body, "A/2026/1") || !strings.Contains(body, "1. 1. 2026 – 31. 12. 2029") ||
		!strings.Contains(body, "Hodiny akreditace se liší od hodin kurzu") {
		t.Error("the accreditation or its warning is missing")
	}

	// Editing keeps the form's rules; a code another course has is refused.
	p.course("DLUHY", "Dluhy", courses.KindCourse, 6, false)
	edit := url.Values{}
	for k, v := range good {
		edit[k] = v
	}
	edit.Set("code", "DLUHY")
	resp = p.admin.form("POST", path, edit)
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		fieldError(body, "code") != "Tento kód už má jiný kurz." {
		t.Errorf("a taken code: %d", resp.StatusCode)
	}
}

func TestCoursesPageRunNeedsAccreditation(t *testing.T) {
	p := newCoursePages(t)
	c := p.course("ZAV", "Práce se závislým klientem", courses.KindAccreditedSeminar, 6, false)
	resp := p.admin.form("POST", "/courses/"+itoa(c.ID)+"/runs", url.Values{"starts_on": {"2026-04-14"},
		"ends_on": {"2026-04-14"}, "town": {"Děčín"}, "region": {"ULK"}, "capacity": {"9"},
		"lecturer_ids": {itoa(p.lecturer)}, "status": {"open"}})
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a run without a valid accreditation: %d", resp.StatusCode)
	}
	if got := fieldError(body, "starts_on"); got != "Kurz nemá akreditaci platnou v první den běhu." {
		t.Errorf("starts_on: %q", got)
	}
	if !strings.Contains(body, `id="starts_on" name="starts_on" type="date" value="2026-04-14" aria-invalid="true"`) {
		t.Error("the start is not marked or not kept")
	}
	if runs, _ := p.svc.Store().Runs(context.Background(), courses.RunFilter{}); len(runs) != 0 {
		t.Fatal("the run was stored")
	}
}

// TestCoursesPageSchedule adds 8 weekly sessions through the form across the change to summer
// time, sees a clash on the form, cancels a session and moves the run through its statuses.
func TestCoursesPageSchedule(t *testing.T) {
	p := newCoursePages(t)
	c := p.course("JSEMOK", "Jsem OK, jsi OK", courses.KindCourse, 40, false)
	r := p.run(c.ID, "2026-03-03", "2026-04-28", "ULK", courses.StatusPlanned)
	runPath := "/runs/" + itoa(r.ID)
	if body := readBody(t, p.admin.get(runPath+"/sessions/new")); !strings.Contains(body, `<option value="`+itoa(p.lecturer)+`" selected>Eva Svobodová</option>`) {
		t.Error("the session form does not offer the run's lecturer")
	}
	weekly := url.Values{"date": {"2026-03-03"}, "time": {"9:00"}, "minutes": {"180"}, "kind": {"theory"},
		"topic": {"Transakční analýza"}, "lecturer_id": {itoa(p.lecturer)}, "repeat_count": {"8"}, "repeat_every_days": {"7"}}
	// Too many repetitions are refused at their own field.
	weekly.Set("repeat_count", "61")
	resp := p.admin.form("POST", runPath+"/sessions", weekly)
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `<p class="field-error" id="repeat_count-note">`) {
		t.Errorf("61 repetitions: %d", resp.StatusCode)
	}
	weekly.Set("repeat_count", "8")
	resp = p.admin.form("POST", runPath+"/sessions", weekly)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("repeating sessions: %d %s", resp.StatusCode, readBody(t, resp))
	}
	ss := p.sessions(r.ID)
	if len(ss) != 8 {
		t.Fatalf("%d sessions, want 8", len(ss))
	}
	for i, s := range ss {
		local := s.Start().In(web.Prague)
		if local.Weekday() != time.Tuesday || local.Hour() != 9 || local.Minute() != 0 {
			t.Errorf("session %d starts %v in Prague", i, local)
		}
	}
	// Winter time (UTC+1) before 29 March, summer time (UTC+2) after.
	if got := ss[3].Start().UTC(); !got.Equal(time.Date(2026, 3, 24, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("24 March 9:00 is %v", got)
	}
	if got := ss[4].Start().UTC(); !got.Equal(time.Date(2026, 3, 31, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("31 March 9:00 is %v", got)
	}
	body := readBody(t, p.admin.get(runPath))
	if n := strings.Count(body, "<td data-label=\"Čas\">9:00–12:00</td>"); n != 8 {
		t.Errorf("the schedule shows 9:00–12:00 %d times", n)
	}
	if !strings.Contains(body, "Teorie: naplánováno 32 z 40 hodin") {
		t.Error("scheduled hours against the course's")
	}

	// A clash with another run of the lecturer is shown on the form, which keeps what was typed.
	other := p.course("DLUHY", "Dluhy", courses.KindCourse, 6, false)
	r2 := p.run(other.ID, "2026-03-10", "2026-03-10", "ULK", courses.StatusOpen)
	resp = p.admin.form("POST", "/runs/"+itoa(r2.ID)+"/sessions", url.Values{"date": {"2026-03-10"}, "time": {"10:30"},
		"minutes": {"90"}, "kind": {"theory"}, "topic": {"Exekuce"}, "lecturer_id": {itoa(p.lecturer)}})
	body = readBody(t, resp)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("a clash: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "V tu dobu už učí Eva Svobodová: 10. 3. 2026 9:00–12:00, kurz „Jsem OK, jsi OK“.") ||
		!strings.Contains(body, `value="Exekuce"`) || !strings.Contains(body, `value="10:30"`) {
		t.Error("the clash is not named on the form, or the form lost what was typed")
	}
	if len(p.sessions(r2.ID)) != 0 {
		t.Error("the clashing session was stored")
	}
	// A time the clocks skip is named on its field.
	resp = p.admin.form("POST", "/runs/"+itoa(r.ID)+"/sessions", url.Values{"date": {"2026-03-29"}, "time": {"2:30"},
		"minutes": {"60"}, "kind": {"theory"}, "lecturer_id": {itoa(p.lecturer)}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(fieldError(body, "time"), "neexistuje") {
		t.Errorf("a skipped time: %d", resp.StatusCode)
	}

	// Cancelling needs a reason; a cancelled session stays, struck through, and stops counting.
	cancel := "/sessions/" + itoa(ss[2].ID) + "/cancel"
	expectPage(t, p.admin.form("POST", cancel, url.Values{"reason": {"Nemoc lektorky"}}), http.StatusOK,
		[]string{"Zrušit lekci?", "Nemoc lektorky</textarea>", "se nebude konat"})
	resp = p.admin.form("POST", cancel, url.Values{"reason": {""}, "confirm": {"yes"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "reason") == "" {
		t.Errorf("cancel without a reason: %d", resp.StatusCode)
	}
	if resp := p.admin.form("POST", cancel, url.Values{"reason": {"Nemoc lektorky"}, "confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", resp.StatusCode)
	}
	body = readBody(t, p.admin.get(runPath))
	if !strings.Contains(body, `<tr class="cancelled" id="session-`+itoa(ss[2].ID)+`">`) ||
		!strings.Contains(body, "<del>17. 3. 2026</del>") || !strings.Contains(body, "Zrušeno: Nemoc lektorky") {
		t.Error("the cancelled session is not struck through with its reason")
	}
	if !strings.Contains(body, "Teorie: naplánováno 28 z 40 hodin") {
		t.Error("the cancelled session still counts")
	}

	// Moving a session through its form; the lecturer sees their sessions day by day.
	resp = p.admin.form("POST", "/sessions/"+itoa(ss[0].ID), url.Values{"date": {"2026-03-03"}, "time": {"13:00"},
		"minutes": {"120"}, "kind": {"practice"}, "topic": {"Nácvik"}, "lecturer_id": {itoa(p.lecturer)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit session: %d", resp.StatusCode)
	}
	lecturer := p.browser("lektor@test.cz")
	body = readBody(t, lecturer.get("/my/sessions"))
	if !strings.Contains(body, "<h2>3. března 2026</h2>") || !strings.Contains(body, "13:00–15:00") ||
		!strings.Contains(body, `<a href="`+runPath+`">Jsem OK, jsi OK</a>`) || !strings.Contains(body, "Před vámi je 7 lekcí.") {
		t.Error("my sessions")
	}

	// Status buttons: cancelling needs a reason, which the page then shows to everyone.
	if resp := p.admin.form("POST", runPath+"/status", url.Values{"status": {"open"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("open: %d", resp.StatusCode)
	}
	resp = p.admin.form("POST", runPath+"/status", url.Values{"status": {"finished"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(body, "nelze běh takto převést") {
		t.Errorf("open → finished: %d", resp.StatusCode)
	}
	expectPage(t, p.admin.form("POST", runPath+"/status", url.Values{"status": {"cancelled"}, "reason": {""}}), http.StatusOK,
		[]string{"Zrušit běh?", "0 přijatých osob přijde o místo.", "Ano, zrušit běh"})
	resp = p.admin.form("POST", runPath+"/status", url.Values{"status": {"cancelled"}, "reason": {""}, "confirm": {"yes"}})
	if body := readBody(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || fieldError(body, "reason") == "" {
		t.Errorf("cancel without a reason: %d", resp.StatusCode)
	}
	p.admin.form("POST", runPath+"/status", url.Values{"status": {"cancelled"}, "reason": {"Málo přihlášených"}, "confirm": {"yes"}})
	if body := readBody(t, p.visitor().get(runPath)); !strings.Contains(body, "Běh je zrušen.</strong> <span class=\"note\">Málo přihlášených</span>") {
		t.Error("a visitor does not see why the run was cancelled")
	}
}
