package main

import (
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
