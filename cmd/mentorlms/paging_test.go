package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"mentorlms/courses"
)

// apiPage is a page of a list as the API answers it.
type apiPage struct {
	Items  []map[string]any `json:"items"`
	Total  int              `json:"total"`
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
}

func (p apiPage) ids() []float64 {
	out := make([]float64, len(p.Items))
	for i, it := range p.Items {
		out[i], _ = it["id"].(float64)
	}
	return out
}

// The lists that grow with history are paged at their edges: walking pages of two gives every
// item once and in the order of the whole list, the last page is short, an offset past the end
// is an empty page that still says how many there are, and a bad limit or offset is a 400 that
// names it.
func TestListsArePaged(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	for i := range 5 {
		_, es := h.certRun(fmt.Sprintf("STR-%d", i), courses.KindCourse, 0, []string{"marie@test.cz"})
		h.issued(es["marie@test.cz"], prague("2026-02-20 12:00"))
	}
	admin, marie := h.api("admin@test.cz"), h.api("marie@test.cz")
	for _, tc := range []struct {
		name string
		c    *client
		path string
	}{
		{"runs", admin, "/api/v1/runs?"},
		{"runs seen by a visitor", h.visitor(), "/api/v1/runs?"},
		{"certificate register", admin, "/api/v1/certificates?year=all&"},
		{"inbox", marie, "/api/v1/notifications?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			whole := decode[apiPage](t, tc.c.get(tc.path+"limit=500"))
			if whole.Total != 5 || len(whole.Items) != 5 || whole.Limit != 500 || whole.Offset != 0 {
				t.Fatalf("whole list: total %d, %d items, limit %d, offset %d; want 5 of 5 from 0 by 500",
					whole.Total, len(whole.Items), whole.Limit, whole.Offset)
			}
			if def := decode[apiPage](t, tc.c.get(tc.path)); def.Limit != 50 || len(def.Items) != 5 {
				t.Errorf("without a limit: limit %d and %d items, want the default 50 and all 5", def.Limit, len(def.Items))
			}
			var walked []float64
			for off := 0; off < 5; off += 2 {
				p := decode[apiPage](t, tc.c.get(fmt.Sprintf("%slimit=2&offset=%d", tc.path, off)))
				if want := min(2, 5-off); len(p.Items) != want || p.Total != 5 || p.Limit != 2 || p.Offset != off {
					t.Errorf("offset %d: %d items of %d (limit %d, offset %d), want %d of 5", off, len(p.Items), p.Total,
						p.Limit, p.Offset, want)
				}
				walked = append(walked, p.ids()...)
			}
			if !slices.Equal(walked, whole.ids()) {
				t.Errorf("pages of two give %v, the whole list %v", walked, whole.ids())
			}
			for _, off := range []int{5, 1000} {
				resp := tc.c.get(fmt.Sprintf("%slimit=2&offset=%d", tc.path, off))
				body := readBody(t, resp)
				var p apiPage
				if err := json.Unmarshal([]byte(body), &p); err != nil || resp.StatusCode != http.StatusOK {
					t.Fatalf("offset %d: %d %s", off, resp.StatusCode, body)
				}
				if !strings.Contains(body, `"items":[]`) || p.Total != 5 {
					t.Errorf("offset %d past the end: %s, want an empty page of a list of 5", off, body)
				}
			}
			for _, q := range []string{"limit=0", "limit=501", "limit=abc", "limit=-1", "limit=1.5", "offset=-1", "offset=x"} {
				resp := tc.c.get(tc.path + q)
				body := readBody(t, resp)
				name, _, _ := strings.Cut(q, "=")
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, name) {
					t.Errorf("%s: %d %s, want a 400 naming %s", q, resp.StatusCode, body, name)
				}
			}
		})
	}
	t.Run("an empty list is an empty page", func(t *testing.T) {
		for _, path := range []string{"/api/v1/runs?from=2100-01-01", "/api/v1/certificates?year=2025"} {
			resp := admin.get(path)
			body := readBody(t, resp)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"items":[]`) || !strings.Contains(body, `"total":0`) {
				t.Errorf("%s: %d %s", path, resp.StatusCode, body)
			}
		}
	})
}

// The pages of long lists link to the page before and after; a page past the end says the
// list is empty there rather than failing.
func TestPagesLinkOn(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	marie := personID(t, h, "marie@test.cz")
	at := time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC).Format(time.RFC3339)
	for i := range 51 {
		h.insert(`INSERT INTO notifications (key, person_id, kind, args, created_at) VALUES (?, ?, 'certificate_issued',
			'{"Course":"Kurz","Number":"K/2026/0001","URL":"http://x"}', ?)`, fmt.Sprintf("page-%d", i), marie, at)
	}
	course := h.insert(`INSERT INTO courses (code, kind, title, theory_hours, created_at, updated_at)
		VALUES ('STR', 'course', 'Kurz stránkování', 2, '', '')`)
	for i := range 51 {
		day := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02")
		h.insert(`INSERT INTO runs (course_id, starts_on, ends_on, town, address, region_code, capacity, status,
			created_at, updated_at) VALUES (?, ?, ?, 'Most', 'Radniční 1', 'ULK', 9, 'open', '', '')`, course, day, day)
	}
	for _, tc := range []struct {
		name   string
		c      *client
		path   string
		items  string // what each item of the list has
		first  int    // items on the first page
		second int    // items on the second
	}{
		{"inbox", h.browser("marie@test.cz"), "/inbox", `class="notice-title"`, 50, 1},
		{"catalog", h.visitor(), "/runs", `/runs/`, 50, 1},
		{"a course's runs", h.browser("admin@test.cz"), fmt.Sprintf("/courses/%d", course), `<a href="/runs/`, 50, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			one := readBody(t, tc.c.get(tc.path))
			if !strings.Contains(one, `page=2" rel="next"`) || strings.Contains(one, `rel="prev"`) {
				t.Errorf("page 1 links: next %v, prev %v", strings.Contains(one, `rel="next"`), strings.Contains(one, `rel="prev"`))
			}
			two := readBody(t, tc.c.get(tc.path+"?page=2"))
			if !strings.Contains(two, `page=1" rel="prev"`) || strings.Contains(two, `rel="next"`) {
				t.Errorf("page 2 links: prev %v, next %v", strings.Contains(two, `rel="prev"`), strings.Contains(two, `rel="next"`))
			}
			if strings.Count(two, tc.items) >= strings.Count(one, tc.items) {
				t.Errorf("page 2 shows as much as page 1 (%d ≥ %d)", strings.Count(two, tc.items), strings.Count(one, tc.items))
			}
			if tc.name == "a course's runs" && (!strings.Contains(one, "20. 2. 2027") || !strings.Contains(two, "1. 1. 2027")) {
				// The latest run first: what is being planned, not years of past runs.
				t.Errorf("a course's first page lacks its latest run (20. 2. 2027) or its second the earliest (1. 1. 2027)")
			}
			resp := tc.c.get(tc.path + "?page=99")
			if resp.StatusCode != http.StatusOK {
				t.Errorf("page past the end: %d", resp.StatusCode)
			}
			resp.Body.Close()
		})
	}
}

// The people and the audit log were paged before the others, by limit and offset; their pages
// now also say how many there are in all, as every list of the API does.
func TestPeopleAndAuditPagesCount(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	h.certRun("POCET", courses.KindCourse, 0, []string{"marie@test.cz"})
	admin := h.api("admin@test.cz")
	for _, path := range []string{"/api/v1/people?", "/api/v1/audit?"} {
		whole := decode[apiPage](t, admin.get(path+"limit=500"))
		if whole.Total < 2 || whole.Total != len(whole.Items) || whole.Limit != 500 {
			t.Fatalf("%s whole: total %d, %d items, limit %d", path, whole.Total, len(whole.Items), whole.Limit)
		}
		one := decode[apiPage](t, admin.get(path+"limit=1&offset=1"))
		if len(one.Items) != 1 || one.Total != whole.Total || one.Offset != 1 || one.ids()[0] != whole.ids()[1] {
			t.Errorf("%s second item alone: %d items of %d from %d, id %v; want the whole list's second, %v",
				path, len(one.Items), one.Total, one.Offset, one.ids(), whole.ids()[1])
		}
		past := decode[apiPage](t, admin.get(fmt.Sprintf("%slimit=1&offset=%d", path, whole.Total)))
		if len(past.Items) != 0 || past.Total != whole.Total {
			t.Errorf("%s past the end: %d items of %d", path, len(past.Items), past.Total)
		}
	}
}
