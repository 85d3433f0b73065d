package main

import (
	"net/http"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/web"
)

// TestCoursesPageCatalog filters the public catalog and hides planned runs from visitors.
func TestCoursesPageCatalog(t *testing.T) {
	p := newCoursePages(t)
	seminar := p.course("DLUHY", "Řešení finanční situace zadlužených osob", courses.KindAccreditedSeminar, 6, true)
	workshop := p.course("JSEMOK", "Jsem OK, jsi OK", courses.KindWorkshop, 8, false)
	april := p.run(seminar.ID, "2026-04-14", "2026-04-14", "ULK", courses.StatusOpen)
	may := p.run(workshop.ID, "2026-05-05", "2026-05-06", "MSK", courses.StatusOpen)
	planned := p.run(workshop.ID, "2026-06-02", "2026-06-02", "ULK", courses.StatusPlanned)
	visitor := p.visitor()

	shows := func(body string, r courses.Run) bool { return strings.Contains(body, `href="/runs/`+itoa(r.ID)+`"`) }
	for _, tc := range []struct {
		query           string
		april, may, jun bool
	}{
		{"", true, true, false},
		{"?region=ULK", true, false, false},
		{"?region=msk", false, true, false},
		{"?kind=workshop", false, true, false},
		{"?kind=accredited_seminar&region=ULK", true, false, false},
		{"?month=2026-05", false, true, false},
		{"?month=2026-04", true, false, false},
		{"?month=2026-06", false, false, false},
		{"?status=planned", true, true, false}, // visitors cannot ask for drafts
	} {
		resp := visitor.get("/runs" + tc.query)
		body := readBody(t, resp)
		if resp.StatusCode != http.StatusOK || shows(body, april) != tc.april || shows(body, may) != tc.may ||
			shows(body, planned) != tc.jun {
			t.Errorf("%s: %d, April %v, May %v, June %v", tc.query, resp.StatusCode, shows(body, april),
				shows(body, may), shows(body, planned))
		}
	}
	body := readBody(t, visitor.get("/runs?region=ULK"))
	if !strings.Contains(body, "1 termín") || !strings.Contains(body, "14. 4. 2026") || !strings.Contains(body, "9 volných míst") {
		t.Error("the catalog's count, dates or seats")
	}
	if body := readBody(t, visitor.get("/runs?month=2026-06")); !strings.Contains(body, "Filtru neodpovídá žádný termín") {
		t.Error("no empty state")
	}
	if resp := visitor.get("/runs?month=kveten"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a wrong month: %d", resp.StatusCode)
	}
	if body := readBody(t, p.admin.get("/runs?status=planned")); !shows(body, planned) || shows(body, april) {
		t.Error("staff filtering by status")
	}
	if body := readBody(t, visitor.get("/")); !shows(body, april) || !shows(body, may) || shows(body, planned) {
		t.Error("the front page does not offer the open runs")
	}

	if resp := visitor.get("/runs/" + itoa(planned.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a visitor sees a planned run: %d", resp.StatusCode)
	}
	if resp := p.admin.get("/runs/" + itoa(planned.ID)); resp.StatusCode != http.StatusOK {
		t.Errorf("the admin does not see a planned run: %d", resp.StatusCode)
	}
	body = readBody(t, visitor.get("/runs/"+itoa(april.ID)))
	for _, want := range []string{"Řešení finanční situace zadlužených osob", "14. 4. 2026", "Děčín", "Eva Svobodová",
		"MPSV", "č. 2014/0998-PC/SP/VP/PP", "platná od 1. 1. 2025 do 31. 12. 2028", "kapacita 9, obsazeno 0, v pořadníku 0",
		"Rozvrh zatím není naplánovaný.", "Teorie: naplánováno 0 z 6 hodin"} {
		if !strings.Contains(body, want) {
			t.Errorf("the run page lacks %q", want)
		}
	}
	if strings.Contains(body, "Správa běhu") {
		t.Error("a visitor sees the admin's controls")
	}

	// The pages speak English too (the harness fails on any string missing from the catalog).
	english := p.visitor()
	english.cookies[web.LangCookie] = "en"
	body = readBody(t, english.get("/runs/"+itoa(april.ID)))
	if !strings.Contains(body, "Theory: 0 of 6 hours scheduled") || !strings.Contains(body, "valid from 1 Jan 2025 until 31 Dec 2028") {
		t.Error("the run page in English")
	}
	p.admin.cookies[web.LangCookie] = "en"
	for _, path := range []string{"/", "/runs?status=all", "/courses", "/courses/new", "/courses/" + itoa(seminar.ID),
		"/courses/" + itoa(seminar.ID) + "/edit", "/courses/" + itoa(seminar.ID) + "/runs/new", "/runs/" + itoa(april.ID),
		"/runs/" + itoa(april.ID) + "/edit", "/runs/" + itoa(april.ID) + "/sessions/new", "/my/sessions"} {
		if resp := p.admin.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s in English: %d", path, resp.StatusCode)
		}
	}
}
