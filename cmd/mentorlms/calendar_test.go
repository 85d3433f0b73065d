package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mentorlms/courses"
	"mentorlms/web"
)

// feedAddress finds the private feed address on the page that POST /my/calendar renders.
var feedAddress = regexp.MustCompile(`value="http://[^/"]+/calendar/([A-Za-z0-9_-]{43})\.ics"`)

// makeFeed makes the client's person their first private feed address through the page, as a
// person would, and returns its token.
func makeFeed(t *testing.T, c *client) string {
	t.Helper()
	return postFeed(t, c, nil)
}

// postFeed posts the page's form with v and returns the token of the address it shows.
func postFeed(t *testing.T, c *client, v url.Values) string {
	t.Helper()
	resp := c.form("POST", "/my/calendar", v)
	body := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST /my/calendar: %d", resp.StatusCode)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q on the page that shows the address, want no-store", got)
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		t.Errorf("Location %q: the address must not travel in a redirect", loc)
	}
	m := feedAddress.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no feed address on the page:\n%s", body)
	}
	if !strings.Contains(body, `href="webcal://`) {
		t.Error("no webcal: link to subscribe")
	}
	return m[1]
}

// fetchFeed fetches a private feed without any session, as a calendar app does.
func fetchFeed(t *testing.T, h *harness, token string) (int, string) {
	t.Helper()
	resp := h.visitor().get("/calendar/" + token + ".ics")
	body := readBody(t, resp)
	if resp.StatusCode == http.StatusOK {
		if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, `filename="`) {
			t.Errorf("Content-Disposition %q", cd)
		}
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q on a personal feed, want no-store", cc)
		}
	}
	return resp.StatusCode, strings.ReplaceAll(body, "\r\n ", "") // unfolded
}

// statusOf fetches path and returns only the status.
func statusOf(c *client, path string) int {
	resp := c.get(path)
	resp.Body.Close()
	return resp.StatusCode
}

// TestCalendarFeeds follows the private feeds of a lecturer and an enrolled trainee, and the
// public feed of a run, through the application.
func TestCalendarFeeds(t *testing.T) {
	h := newHarness(t)
	boss := h.person("admin@test.cz", "Jana Dvořáková", "PHA", web.RoleAdmin)
	eva := h.person("lektor@test.cz", "Eva Svobodová", "ULK", web.RoleLecturer)
	h.person("ucastnik@test.cz", "Marie Giňová", "ULK", web.RoleTrainee)
	h.person("cekatel@test.cz", "Jan Bandy", "ULK", web.RoleTrainee)
	fx := h.schedule("lektor@test.cz")
	uid := "UID:" + courses.UID(fx.session) + "\r\n"
	lecturer := h.browser("lektor@test.cz")

	t.Run("the page explains and offers the address", func(t *testing.T) {
		body := readBody(t, lecturer.get("/my/calendar"))
		if !strings.Contains(body, `action="/my/calendar"`) || feedAddress.MatchString(body) {
			t.Errorf("page before any address:\n%s", body)
		}
	})

	token := makeFeed(t, lecturer)
	t.Run("the lecturer's feed lists the session, without a session cookie", func(t *testing.T) {
		status, doc := fetchFeed(t, h, token)
		if status != http.StatusOK {
			t.Fatalf("status %d", status)
		}
		for _, want := range []string{uid, "DTSTART:20260414T070000Z\r\n", "DTEND:20260414T113000Z\r\n",
			"SUMMARY:Řešení finanční situace zadlužených osob – Úvod do problematiky\r\n",
			"LOCATION:Děčín\\, Masarykovo nám. 1\r\n", "STATUS:CONFIRMED\r\n", "X-WR-CALNAME:"} {
			if !strings.Contains(doc, want) {
				t.Errorf("feed lacks %q:\n%s", want, doc)
			}
		}
	})
	t.Run("only the token's hash is stored", func(t *testing.T) {
		var stored string
		if err := h.d.R.Get(&stored, `SELECT calendar_token FROM persons WHERE id = ?`, eva.ID); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256([]byte(token))
		if stored != hex.EncodeToString(sum[:]) {
			t.Errorf("stored %q, want the sha256 of the token", stored)
		}
		body := readBody(t, lecturer.get("/my/calendar"))
		if strings.Contains(body, token) || feedAddress.MatchString(body) {
			t.Error("the page shows the address again after it was made")
		}
	})
	t.Run("a cancelled session shows as cancelled", func(t *testing.T) {
		resp := h.api("admin@test.cz").json("POST", fmt.Sprintf("/api/v1/sessions/%d/cancel", fx.session),
			`{"reason":"Lektorka onemocněla"}`)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("cancel: %d %s", resp.StatusCode, readBody(t, resp))
		}
		resp.Body.Close()
		_, doc := fetchFeed(t, h, token)
		for _, want := range []string{uid, "STATUS:CANCELLED\r\n", "SEQUENCE:1\r\n", "Důvod zrušení: Lektorka onemocněla"} {
			if !strings.Contains(doc, want) {
				t.Errorf("feed lacks %q:\n%s", want, doc)
			}
		}
	})
	t.Run("a new address ends the old one", func(t *testing.T) {
		// Replacing asks first; asking changes nothing.
		expectPage(t, lecturer.form("POST", "/my/calendar", nil), http.StatusOK,
			[]string{"Vytvořit novou adresu kalendáře?", `name="confirm" value="yes"`})
		if status, _ := fetchFeed(t, h, token); status != http.StatusOK {
			t.Fatalf("asking ended the old address: %d", status)
		}
		again := postFeed(t, lecturer, url.Values{"confirm": {"yes"}})
		if again == token {
			t.Fatal("the same token twice")
		}
		if status, doc := fetchFeed(t, h, token); status != http.StatusNotFound || strings.Contains(doc, "Svobodová") {
			t.Errorf("old address: %d", status)
		}
		if status, doc := fetchFeed(t, h, again); status != http.StatusOK || !strings.Contains(doc, uid) {
			t.Errorf("new address: %d", status)
		}
	})
	t.Run("unknown and malformed addresses are not found", func(t *testing.T) {
		for _, bad := range []string{"neplatny", strings.Repeat("A", 43), token + "x", "", "..%2F"} {
			if status, _ := fetchFeed(t, h, bad); status != http.StatusNotFound {
				t.Errorf("%q: %d", bad, status)
			}
		}
	})

	t.Run("an enrolled trainee sees the run's sessions", func(t *testing.T) {
		for _, e := range []struct {
			email, status string
		}{{"ucastnik@test.cz", "enrolled"}, {"cekatel@test.cz", "waitlisted"}} {
			p, err := h.svc.Store().ByEmail(context.Background(), h.d.R, e.email)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
				VALUES (?, ?, ?, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')`, fx.run, p.ID, e.status); err != nil {
				t.Fatal(err)
			}
		}
		_, doc := fetchFeed(t, h, makeFeed(t, h.browser("ucastnik@test.cz")))
		if !strings.Contains(doc, uid) || !strings.Contains(doc, "DTSTART:20260414T070000Z\r\n") {
			t.Errorf("the enrolled trainee's feed lacks the session:\n%s", doc)
		}
		_, doc = fetchFeed(t, h, makeFeed(t, h.browser("cekatel@test.cz")))
		if strings.Contains(doc, "BEGIN:VEVENT") {
			t.Errorf("a waitlisted trainee's feed lists sessions:\n%s", doc)
		}
	})
	t.Run("a deactivated person's address stops working", func(t *testing.T) {
		tok := postFeed(t, h.browser("cekatel@test.cz"), url.Values{"confirm": {"yes"}}) // a new one replaces the one above
		p, _ := h.svc.Store().ByEmail(context.Background(), h.d.R, "cekatel@test.cz")
		if _, err := h.svc.SetActive(context.Background(), boss.Principal(""), p.ID, false, h.clock()); err != nil {
			t.Fatal(err)
		}
		if status, _ := fetchFeed(t, h, tok); status != http.StatusNotFound {
			t.Errorf("status %d", status)
		}
	})

	t.Run("a run's feed is public unless the run is planned", func(t *testing.T) {
		for _, path := range []string{"/runs/%d/calendar.ics", "/api/v1/runs/%d/calendar.ics"} {
			resp := h.visitor().get(fmt.Sprintf(path, fx.run))
			doc := strings.ReplaceAll(readBody(t, resp), "\r\n ", "")
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" ||
				!strings.Contains(doc, uid) || !strings.Contains(doc, "X-WR-CALNAME:Řešení finanční situace zadlužených osob\\, běh od 14. 4. 2026") {
				t.Errorf("%s: %d %s\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), doc)
			}
		}
		svc := courses.NewService(h.d)
		planned, err := svc.SaveRun(context.Background(), nil, fx.course, 0, courses.RunInput{StartsOn: "2026-05-12",
			EndsOn: "2026-05-12", Online: true, Capacity: 9, LecturerIDs: []int64{eva.ID}}, h.clock())
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/runs/%d/calendar.ics", "/api/v1/runs/%d/calendar.ics"} {
			p := fmt.Sprintf(path, planned.ID)
			if got := statusOf(h.visitor(), p); got != http.StatusNotFound {
				t.Errorf("visitor %s: %d", p, got)
			}
			if got := statusOf(lecturer, p); got != http.StatusOK {
				t.Errorf("lecturer %s: %d", p, got)
			}
		}
		for _, p := range []string{"/runs/0/calendar.ics", "/runs/999/calendar.ics", "/api/v1/runs/x/calendar.ics"} {
			if got := statusOf(h.visitor(), p); got != http.StatusNotFound {
				t.Errorf("%s: %d", p, got)
			}
		}
	})
}
