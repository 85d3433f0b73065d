package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/courses"
)

// What visitors are shown is kept briefly in memory (web.Shared), yet a write shows at once:
// here nobody's clock moves between the reads, so only the write can make the page new.
func TestVisitorsSeeAWriteAtOnce(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	run, es := h.certRun("SDILENE", courses.KindCourse, 0, []string{"marie@test.cz"})
	cert := h.issued(es["marie@test.cz"], prague("2026-02-20 12:00"))
	visitor, other, admin := h.visitor(), h.visitor(), h.api("admin@test.cz")

	page := "/verify/" + cert.Code
	for _, c := range []*client{visitor, other, visitor} {
		expectPage(t, c.get(page), 200, []string{"Osvědčení je platné"}, "zneplatněno")
		expectPage(t, c.get("/api/v1/verify/"+cert.Code), 200, []string{`"status":"valid"`}, `"revoked"`)
	}
	if r := admin.json("POST", fmt.Sprintf("/api/v1/certificates/%d/revoke", cert.ID), `{"reason":"Chyba v údajích"}`); r.StatusCode != 200 {
		t.Fatalf("revoke: %d %s", r.StatusCode, readBody(t, r))
	}
	for _, c := range []*client{visitor, other} {
		expectPage(t, c.get(page), 200, []string{"zneplatněno", "Chyba v údajích"}, "Osvědčení je platné")
		expectPage(t, c.get("/api/v1/verify/"+cert.Code), 200, []string{`"status":"revoked"`}, `"status":"valid"`)
	}

	runPage := fmt.Sprintf("/runs/%d", run)
	before := readBody(t, visitor.get(runPage))
	if !strings.Contains(before, "SDILENE") {
		t.Fatalf("the run page:\n%s", before)
	}
	if r := admin.json("POST", fmt.Sprintf("/api/v1/runs/%d/status", run), `{"status":"cancelled","reason":"Lektor onemocněl"}`); r.StatusCode != 200 {
		t.Fatalf("cancel: %d %s", r.StatusCode, readBody(t, r))
	}
	after := readBody(t, visitor.get(runPage))
	if after == before || !strings.Contains(after, "zrušen") {
		t.Fatalf("the run page was not drawn again after the run was cancelled:\n%s", after)
	}
}

// The visitors' routes are served from memory for a second: a change that bypasses the server's
// writer (another process on the same file, as the command line is) shows only once the second
// has passed, while anyone signed in sees it at once.
func TestVisitorsPagesAreSharedForASecond(t *testing.T) {
	h := newHarness(t)
	h.certPeople()
	run, _ := h.certRun("SDILENE", courses.KindCourse, 0, []string{"marie@test.cz"})
	other, err := sqlx.Open("sqlite3", "file:"+h.d.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	visitor, admin := h.visitor(), h.browser("admin@test.cz")
	for i, path := range []string{fmt.Sprintf("/runs/%d", run), fmt.Sprintf("/api/v1/runs/%d", run)} {
		old, town := fmt.Sprintf("Obec%d", i), fmt.Sprintf("Kocourkov%d", i)
		if _, err := other.Exec(`UPDATE runs SET town = ? WHERE id = ?`, old, run); err != nil {
			t.Fatal(err)
		}
		h.advance(time.Second)
		expectPage(t, visitor.get(path), 200, []string{old}, town)
		if _, err := other.Exec(`UPDATE runs SET town = ? WHERE id = ?`, town, run); err != nil {
			t.Fatal(err)
		}
		expectPage(t, visitor.get(path), 200, []string{old}, town)
		if !strings.HasPrefix(path, "/api/") {
			expectPage(t, admin.get(path), 200, []string{town}, old)
		}
		h.advance(999 * time.Millisecond)
		expectPage(t, visitor.get(path), 200, []string{old}, town)
		h.advance(time.Millisecond)
		expectPage(t, visitor.get(path), 200, []string{town}, old)
	}
}
