package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// The run's lecturer downloads the attendance sheet and the class book, in the page's and the
// API's language; nobody else's sessions are theirs to print.
func TestPDFDownloads(t *testing.T) {
	h := newHarness(t)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("jiny@test.cz", "Petr Jiný", "ULK", web.RoleLecturer)
	zofie := h.person("zofie@test.cz", "Žofie Řezníčková-Šťastná", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
		VALUES (?, ?, 'enrolled', '', '')`, fx.run, zofie.ID); err != nil {
		t.Fatal(err)
	}
	lecturer := h.browser("lektor@test.cz")

	download := func(t *testing.T, c *client, path, lang string) (*http.Response, string) {
		t.Helper()
		req := httptest.NewRequest("GET", path, nil)
		if lang != "" {
			req.Header.Set("Accept-Language", lang)
		}
		resp := c.do(req)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, readBody(t, resp))
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("Content-Type %q", ct)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q", cc)
		}
		return resp, pdftest.Words(pdftest.Text(t, b))
	}

	t.Run("sheet page as the lecturer", func(t *testing.T) {
		resp, text := download(t, lecturer, fmt.Sprintf("/runs/%d/sessions/%d/attendance-sheet.pdf", fx.run, fx.session), "")
		want := fmt.Sprintf(`attachment; filename="prezencni-listina-2026-04-14-%d.pdf"`, fx.session)
		if cd := resp.Header.Get("Content-Disposition"); cd != want {
			t.Errorf("Content-Disposition %q, want %q", cd, want)
		}
		for _, s := range []string{"Prezenční listina", "Řešení finanční situace zadlužených osob",
			"MPSV, č. 2014/0998-PC/SP/VP/PP", "14. 4. 2026", "9:00–13:30", "Děčín, Masarykovo nám. 1", "Eva Svobodová",
			"Úvod do problematiky", "Žofie Řezníčková-Šťastná", "Strana 1 z 1"} {
			if !strings.Contains(text, s) {
				t.Errorf("the sheet lacks %q:\n%s", s, text)
			}
		}
	})
	t.Run("sheet and class book through the API in English", func(t *testing.T) {
		api := h.api("lektor@test.cz")
		_, text := download(t, api, fmt.Sprintf("/api/v1/sessions/%d/attendance-sheet.pdf", fx.session), "en")
		for _, s := range []string{"Attendance sheet", "14 Apr 2026", "Žofie Řezníčková-Šťastná", "Page 1 of 1"} {
			if !strings.Contains(text, s) {
				t.Errorf("the sheet lacks %q:\n%s", s, text)
			}
		}
		resp, text := download(t, api, fmt.Sprintf("/api/v1/runs/%d/class-book.pdf", fx.run), "en")
		if cd := resp.Header.Get("Content-Disposition"); cd != fmt.Sprintf(`attachment; filename="tridni-kniha-%d.pdf"`, fx.run) {
			t.Errorf("Content-Disposition %q", cd)
		}
		for _, s := range []string{"Class book", "Úvod do problematiky", "Eva Svobodová"} {
			if !strings.Contains(text, s) {
				t.Errorf("the class book lacks %q:\n%s", s, text)
			}
		}
	})
	t.Run("refusals", func(t *testing.T) {
		other, err := courses.NewService(h.d).SaveRun(context.Background(), nil, fx.course, 0, courses.RunInput{
			StartsOn: "2026-05-14", EndsOn: "2026-05-14", Town: "Most", Capacity: 5, Status: courses.StatusOpen}, h.clock())
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			c    *client
			path string
			want int
		}{
			{lecturer, fmt.Sprintf("/runs/%d/sessions/%d/attendance-sheet.pdf", other.ID, fx.session), http.StatusNotFound},
			{lecturer, fmt.Sprintf("/runs/%d/sessions/%d/attendance-sheet.pdf", fx.run+1000, fx.session), http.StatusNotFound},
			{lecturer, fmt.Sprintf("/runs/%d/sessions/%d/attendance-sheet.pdf", fx.run, fx.session+1000), http.StatusNotFound},
			{lecturer, fmt.Sprintf("/runs/%d/class-book.pdf", fx.run+1000), http.StatusNotFound},
			{lecturer, fmt.Sprintf("/runs/%d/class-book.pdf", other.ID), http.StatusForbidden},
			{h.browser("jiny@test.cz"), fmt.Sprintf("/runs/%d/sessions/%d/attendance-sheet.pdf", fx.run, fx.session), http.StatusForbidden},
			{h.api("jiny@test.cz"), fmt.Sprintf("/api/v1/runs/%d/class-book.pdf", fx.run), http.StatusForbidden},
		} {
			resp := tc.c.get(tc.path)
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.want)
			}
		}
	})
}
