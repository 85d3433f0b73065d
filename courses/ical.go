package courses

// The iCalendar documents (RFC 5545) of the feeds: a run's sessions, a person's own sessions.
//
// Times are written as UTC instants with a Z suffix (DTSTART:20260329T070000Z), not as Prague
// wall-clock times with a TZID and a VTIMEZONE. Both are correct; UTC is the simpler one that
// cannot go wrong here. A session's instant was resolved from Prague time once, when it was
// scheduled, with the tz database (9:00 on the last Sunday of March is 07:00Z, on the last Sunday
// of October 08:00Z), and every session is its own VEVENT without RRULE, so nothing is left for a
// client to compute in local time: the one thing a TZID adds, a recurring series that follows the
// local clock, is not used. A hand-written VTIMEZONE, by contrast, is a second copy of the
// daylight-saving rules that could disagree with the tz database or go stale. Every client shows
// a UTC instant in its viewer's own zone.
//
// The document is written with github.com/arran4/golang-ical rather than by hand: it is
// maintained, escapes TEXT values (\\ ; , and newlines) and folds lines at 75 octets without
// splitting a UTF-8 character. Its default line ending is LF, so it is told to use the CRLF that
// RFC 5545 requires.

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"mentorlms/web"
)

// prodID names the product that wrote a calendar (PRODID).
const prodID = "-//mentorlms//mentorlms//CS"

// Event is a session with what a calendar shows of it.
type Event struct {
	Session
	CourseTitle string
	Place       string // town and address; "" when the run is online
	// A cancelled run takes its sessions with it, with the run's reason.
	RunCancelled bool
	RunReason    string
	URL          string // the run's page; "" leaves it out
	// JoinLink is the online run's join link, set only in a feed of the people of the run (a
	// person's own feed), never in a run's public feed. It goes in as the event's LOCATION and
	// URL, where calendar apps offer it to click, and in its DESCRIPTION.
	JoinLink string
}

// Cancelled reports whether the event is off: the session was cancelled, or its whole run.
func (e Event) Cancelled() bool { return e.Session.Cancelled() || e.RunCancelled }

// reason is why the event is off.
func (e Event) reason() string {
	if e.Session.Cancelled() {
		return e.CancelReason
	}
	return e.RunReason
}

// Feed is one calendar: its name and its events.
type Feed struct {
	Name   string
	Events []Event
}

// UID is the stable identity of a session's event, so that a calendar that imported or
// subscribed to a feed updates the event (and removes it when it is cancelled) instead of
// adding a second one.
func UID(sessionID int64) string { return fmt.Sprintf("session-%d@mentorlms", sessionID) }

// WriteICS writes the feed as an iCalendar document stamped at now, in the language of l.
//
// A cancelled session stays in the document with STATUS:CANCELLED and SEQUENCE 1 (a live one
// has SEQUENCE 0), which is what tells a calendar to drop an event it already holds; its
// summary says it is cancelled for calendars that show cancelled events anyway.
func WriteICS(w io.Writer, f Feed, now time.Time, l *web.Localizer) error {
	cal := ics.NewCalendarFor("mentorlms")
	cal.SetProductId(prodID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(icsText(f.Name)) // NAME (RFC 7986) and X-WR-CALNAME
	// Subscribed calendars re-read the feed hourly, so a cancellation arrives the same day.
	cal.SetRefreshInterval("PT1H") // the library writes REFRESH-INTERVAL;VALUE=DURATION itself
	cal.SetXPublishedTTL("PT1H")
	for _, e := range f.Events {
		ev := cal.AddEvent(UID(e.ID))
		ev.SetDtStampTime(now)
		ev.SetStartAt(e.Start())
		ev.SetEndAt(e.End())
		summary := e.CourseTitle
		if e.Topic != "" {
			summary += " – " + e.Topic
		}
		if e.Cancelled() {
			summary = l.T("calendar.event.cancelled", "Summary", summary)
		}
		ev.SetSummary(icsText(summary))
		place, url := e.Place, e.URL
		if place == "" {
			place = l.T("calendar.event.online")
		}
		// A cancelled session has nothing to join.
		join := e.JoinLink != "" && !e.Cancelled()
		if join {
			place, url = e.JoinLink, e.JoinLink
		}
		ev.SetLocation(icsText(place))
		lines := []string{
			l.T("calendar.event.kind", "Kind", l.T("session_kind."+string(e.Kind))),
			l.T("calendar.event.lecturer", "Name", e.LecturerName),
		}
		if join {
			lines = append(lines, l.T("calendar.event.join", "Link", e.JoinLink))
			if e.URL != "" {
				lines = append(lines, l.T("calendar.event.page", "Link", e.URL))
			}
		}
		if e.Cancelled() {
			lines = append(lines, l.T("calendar.event.reason", "Reason", e.reason()))
		}
		ev.SetDescription(icsText(strings.Join(lines, "\n")))
		if url != "" {
			ev.SetURL(url)
		}
		if e.Cancelled() {
			ev.SetSequence(1)
			ev.SetStatus(ics.ObjectStatusCancelled)
		} else {
			ev.SetSequence(0)
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// icsLineBreaks turns any CR or CRLF into LF, the one line break the writer escapes (as \n): a
// bare CR must not reach the document, where it would end a content line.
var icsLineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

func icsText(s string) string { return icsLineBreaks.Replace(s) }
