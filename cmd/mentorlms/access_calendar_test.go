package main

// calendarAccess covers the iCalendar feeds and the page of a person's own feed. A run's feed is
// public like the run (its fixture is open); a private feed needs no sign-in but a token, and
// ":token" stands for one that does not exist; the page is for anyone signed in, and posting it
// makes (or replaces) the signed-in person's own address.
var calendarAccess = []access{
	{"GET", "/runs/:run/calendar.ics", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/calendar/:token.ics", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"GET", "/my/calendar", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/my/calendar", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/api/v1/runs/:run/calendar.ics", "", false, [5]int{ok, ok, ok, ok, ok}},
}
