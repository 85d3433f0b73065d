package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"mentorlms/courses"
)

// The session form judges the time on its own, so a wrong time is named together with a wrong
// date; a session outside the run's days and one ending after midnight get messages of their
// own, on the field that puts each right.
func TestSessionFormWhen(t *testing.T) {
	p := newCoursePages(t)
	c := p.course("JSEMOK", "Jsem OK, jsi OK", courses.KindCourse, 40, false)
	r := p.run(c.ID, "2026-03-03", "2026-03-10", "ULK", courses.StatusPlanned)
	path := "/runs/" + itoa(r.ID) + "/sessions"
	post := func(date, clock, minutes string) (int, string) {
		t.Helper()
		resp := p.admin.form("POST", path, url.Values{"date": {date}, "time": {clock}, "minutes": {minutes},
			"kind": {"theory"}, "lecturer_id": {itoa(p.lecturer)}})
		return resp.StatusCode, readBody(t, resp)
	}
	for _, tt := range []struct {
		name, date, clock, minutes string
		want                       map[string]string // field → part of its message; "" must have none
	}{
		{"a wrong time with a wrong date", "2026-02-30", "25:70", "60", map[string]string{
			"date": "Zadejte datum", "time": "Čas 25:70 neexistuje", "minutes": ""}},
		{"a wrong time with no date", "", "25:70", "60", map[string]string{"date": "Zadejte datum", "time": "hodiny jdou od 0 do 23"}},
		{"not a time", "2026-03-04", "půl desáté", "60", map[string]string{"date": "", "time": "Zadejte čas ve tvaru 9:00."}},
		{"outside the run", "2026-03-11", "9:00", "60", map[string]string{
			"date": "leží mimo dny běhu (3. 3. 2026 – 10. 3. 2026)", "minutes": ""}},
		{"past midnight", "2026-03-10", "23:00", "120", map[string]string{
			"date": "", "minutes": "Lekce od 23:00 na 120 min by skončila až po půlnoci (1:00)"}},
		{"both", "2026-03-11", "23:30", "60", map[string]string{"date": "mimo dny běhu", "minutes": "po půlnoci"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := post(tt.date, tt.clock, tt.minutes)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", status)
			}
			for field, want := range tt.want {
				got := fieldError(body, field)
				if want == "" && got != "" || !strings.Contains(got, want) {
					t.Errorf("%s: %q, want %q", field, got, want)
				}
			}
			if strings.Contains(body, "nebo přesahuje půlnoc") {
				t.Error("the message still leaves the reader to guess which rule failed")
			}
			if !strings.Contains(body, `value="`+tt.clock+`"`) {
				t.Error("the form lost the time typed")
			}
		})
	}
	if n := len(p.sessions(r.ID)); n != 0 {
		t.Errorf("%d sessions stored", n)
	}
}

// More hours scheduled than the course has are warned about on the run's page, kind by kind,
// with the plural form of the excess; a schedule within the course's hours is not.
func TestRunPageOverPlanned(t *testing.T) {
	p := newCoursePages(t)
	c, err := p.svc.SaveCourse(context.Background(), nil, 0, courses.CourseInput{Code: "DLUHY", Title: "Dluhy",
		Kind: courses.KindCourse, TheoryHours: 6, PracticeHours: 2}, p.clock())
	if err != nil {
		t.Fatal(err)
	}
	r := p.run(c.ID, "2026-03-03", "2026-03-31", "ULK", courses.StatusPlanned)
	add := func(date string, minutes int, kind courses.SessionKind) {
		t.Helper()
		if _, err := p.svc.AddSessions(context.Background(), nil, r.ID, courses.SessionInput{Date: date, Time: "9:00",
			Minutes: minutes, Kind: kind, LecturerID: p.lecturer}, p.clock()); err != nil {
			t.Fatal(err)
		}
	}
	page := func(c *client) string { t.Helper(); return readBody(t, c.get("/runs/"+itoa(r.ID))) }
	add("2026-03-03", 270, courses.Theory) // 6 hours of 45 minutes: exactly the course's
	add("2026-03-04", 60, courses.Practice)
	if body := page(p.admin); !strings.Contains(body, "Teorie: naplánováno 6 z 6 hodin") || strings.Contains(body, "Pozor") {
		t.Error("a schedule within the course's hours is warned about")
	}
	add("2026-03-10", 90, courses.Theory)    // 2 hours more
	add("2026-03-11", 150, courses.Practice) // 3.5 hours of 60 minutes: 1.5 more
	body := page(p.admin)
	for _, want := range []string{"Teorie: naplánováno 8 z 6 hodin", "Pozor: naplánováno o 2 hodiny víc, než má kurz.",
		"Praxe: naplánováno 3,5 z 2 hodin", "Pozor: naplánováno o 1,5 hodiny víc, než má kurz."} {
		if !strings.Contains(body, want) {
			t.Errorf("the run's page lacks %q", want)
		}
	}
	if n := strings.Count(body, `<li class="over">`); n != 2 {
		t.Errorf("%d kinds marked over, want 2", n)
	}
	add("2026-03-17", 45*3, courses.Theory) // 5 hours more in all
	if body := page(p.admin); !strings.Contains(body, "o 5 hodin víc") {
		t.Error("five hours over")
	}
	en := p.browser("admin@test.cz")
	en.form("POST", "/lang", url.Values{"lang": {"en"}, "next": {"/"}}).Body.Close()
	if body := page(en); !strings.Contains(body, "Warning: 5 hours more are scheduled than the course has.") {
		t.Error("the English warning")
	}
}
