package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"mentorlms/web"
)

// TestNoInputCausesA500 sends malformed and hostile input to every route, as an admin (who
// gets furthest into the handlers) and as a visitor, and accepts any answer but a 5xx.
func TestNoInputCausesA500(t *testing.T) {
	h := newHarness(t)
	h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	target := h.person("cil@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	admin, api := h.browser("admin@test.cz"), h.api("admin@test.cz")
	// Far past every field's limit (none takes more than 2,000 characters).
	long := strings.Repeat("ř", 20_000)
	forms := []url.Values{
		{"name": {long}, "email": {long}, "birth_date": {"29. 2. 2001"}, "roles": {"admin", "x", ""}, "region": {"\x00"}},
		{"email": {"a@b.cz\r\nBcc: x@y.cz"}, "birth_date": {"0000-00-00"}, "pms_centre": {"Neexistuje"}, "lang": {"<script>"}},
		{"password": {"\xff\xfe\xfd invalid utf-8 \xc3\x28"}, "current": {long}, "next": {"//evil.example"}},
	}
	bodies := []string{`{"name":"` + long + `"}`, `{"roles":"admin"}`, `{"birth_date":"2026-02-30","roles":[1]}`,
		`[]`, `null`, `"\ud800"`, `{"name":"\u0000"}`, "\xff\xfe", `{"a":` + strings.Repeat("[", 10000)}
	fx := h.schedule("lektor@test.cz")
	h.pending(&fx, target.ID)
	// The first variant names real records; the others are nonsense in every parameter: an id
	// that parses but names nothing, one that overflows and one that is not a number (web's
	// TestParseID holds the rest of the spellings). The query strings and bodies of nonsense
	// vary only on the real records, where a handler gets far enough to read them.
	ids := []string{"real", "0", "999999999999999999999", "%00"}
	queries := []string{"", "?q=" + url.QueryEscape(long[:400]), "?page=-5&limit=-1&offset=abc&from=x&to=2026-02-30&entity_id=z&actor=-1",
		"?q=%25_%5C&role=%00&region=%27%3B--&active=maybe"}

	check := func(t *testing.T, resp *http.Response, what string) {
		t.Helper()
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("%s: %d", what, resp.StatusCode)
		}
	}
	for _, row := range accessTable {
		for _, id := range ids {
			replacer := strings.NewReplacer(":id", id, ":token", id, ":course", id, ":run", id, ":session", id, ":module", id,
				":enrollment", id, ":accreditation", id)
			if id == "real" {
				replacer = fx.replacer(target.ID)
			}
			path := replacer.Replace(row.route)
			if strings.Contains(path, "/logout") {
				continue
			}
			if !strings.Contains(row.route, ":") && id != ids[0] {
				continue
			}
			qs := queries
			if id != ids[0] {
				qs = queries[:1]
			}
			t.Run(row.method+" "+path, func(t *testing.T) {
				for _, q := range qs {
					if row.method == "GET" {
						check(t, admin.get(path+q), "GET "+path+q)
						check(t, h.visitor().get(path+q), "visitor GET "+path+q)
						continue
					}
					if strings.HasPrefix(path, "/api/") {
						for _, b := range bodies {
							check(t, api.json(row.method, path+q, b), row.method+" "+path+" "+b[:min(len(b), 30)])
						}
						continue
					}
					for _, f := range forms {
						check(t, admin.form(row.method, path+q, f), row.method+" "+path)
					}
					// A body that is not a form at all.
					req := httptest.NewRequest(row.method, path+q, strings.NewReader("\xff"+long))
					req.Header.Set("Content-Type", "multipart/form-data; boundary=")
					check(t, admin.do(req), "multipart "+path)
				}
			})
		}
	}
}
