package courses_test

import (
	"context"
	"strings"
	"testing"

	"mentorlms/courses"
)

// An online run's join link goes into the events of a feed of its people (LOCATION, URL and a
// line of DESCRIPTION), never into the run's public feed, and not into a cancelled session.
func TestICSJoinLink(t *testing.T) {
	s := newFeedSchedule(t, "Práce s klientem online")
	ctx := context.Background()
	const link = "https://meet.example.cz/prace-s-klientem?pwd=Ab12,cd;ef"
	r, err := s.svc.Store().Run(ctx, s.d.R, s.run)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.svc.SaveRun(ctx, nil, r.CourseID, r.ID, courses.RunInput{StartsOn: r.StartsOn, EndsOn: r.EndsOn,
		Online: true, JoinLink: link, Capacity: r.Capacity, LecturerIDs: r.LecturerIDs}, feedNow); err != nil {
		t.Fatal(err)
	}
	s.add("2026-04-14", "9:00", "Úvod", nil)
	gone := s.add("2026-04-21", "9:00", "Exekuce", nil)[0]
	if _, err := s.svc.CancelSession(ctx, nil, gone.ID, "Lektorka onemocněla", feedNow); err != nil {
		t.Fatal(err)
	}
	ss, err := s.svc.Store().Sessions(ctx, s.d.R, s.run)
	if err != nil {
		t.Fatal(err)
	}
	feed := func(links bool) string {
		t.Helper()
		events, err := s.svc.Store().Events(ctx, ss, links)
		if err != nil {
			t.Fatal(err)
		}
		for i := range events {
			events[i].URL = "https://mentoring.example.cz/runs/1"
		}
		return writeFeed(t, courses.Feed{Name: "Kalendář", Events: events}, s.l)
	}

	public := feed(false)
	if strings.Contains(unfoldICS(public), "meet.example.cz") {
		t.Errorf("the public feed carries the join link:\n%s", public)
	}
	if loc := icsProp(public, "LOCATION"); len(loc) != 2 || loc[0] != "online" {
		t.Errorf("public LOCATION %q, want online", loc)
	}

	own := feed(true)
	locs, urls, descs := icsProp(own, "LOCATION"), icsProp(own, "URL"), icsProp(own, "DESCRIPTION")
	if len(locs) != 2 || len(urls) != 2 || len(descs) != 2 {
		t.Fatalf("LOCATION %q URL %q DESCRIPTION %q", locs, urls, descs)
	}
	// TEXT values escape , and ; (RFC 5545 3.3.11); URL is a URI and does not.
	if got := unescapeText.Replace(locs[0]); got != link {
		t.Errorf("LOCATION %q, want the link", got)
	}
	if urls[0] != link {
		t.Errorf("URL %q, want the link", urls[0])
	}
	desc := unescapeText.Replace(descs[0])
	if !strings.Contains(desc, "Připojení online: "+link) || !strings.Contains(desc, "Stránka běhu: https://mentoring.example.cz/runs/1") {
		t.Errorf("DESCRIPTION %q", desc)
	}
	// The cancelled session keeps its place as online and its link to the run's page.
	if unescapeText.Replace(locs[1]) != "online" || urls[1] != "https://mentoring.example.cz/runs/1" ||
		strings.Contains(descs[1], "meet.example.cz") {
		t.Errorf("cancelled: LOCATION %q URL %q DESCRIPTION %q", locs[1], urls[1], descs[1])
	}
}
