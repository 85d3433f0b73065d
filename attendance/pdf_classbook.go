package attendance

import (
	"io"
	"strconv"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// ClassBook is what the class book (třídní kniha) of a run prints: every session in order,
// what was taught and by whom, and the hours held.
type ClassBook struct {
	Course        courses.Course
	Accreditation *courses.Accreditation // nil when the course has none valid on the run's first day
	Run           courses.Run
	Lecturers     []string // the run's lecturers with titles
	Entries       []Entry  // in time order, cancelled sessions included
	Printed       time.Time
}

// Entry is one session as the class book lists it.
type Entry struct {
	Session  courses.Session
	Topic    string // the session's topic, or its module's title
	Lecturer string // with titles
}

// RenderClassBook writes the class book as a PDF in the language of l. Hours are teaching
// hours of the course (minutes / theory_minutes or practice_minutes); a cancelled session is
// listed with its reason and counts for nothing, and one that has not ended by the time of
// printing is planned, not held.
func RenderClassBook(w io.Writer, b ClassBook, l *web.Localizer) error {
	d := pdf.New(pdf.Portrait)
	d.SetTitle(l.T("pdf.classbook.title")+" – "+b.Course.Title, true)
	d.SetCreationDate(b.Printed)
	d.Footer(l.T("pdf.classbook.footer", "Course", b.Course.Title, "Printed", l.Date(b.Printed)), pdfPageNumbers(l))
	d.Heading(l.T("pdf.classbook.title"), 18)
	d.Ln(2)
	dates := l.Date(b.Run.StartsOn)
	if b.Run.EndsOn != b.Run.StartsOn {
		dates = l.T("pdf.date_range", "From", dates, "To", l.Date(b.Run.EndsOn))
	}
	d.Fields(pdfLabelWidth, []pdf.Field{
		{Label: l.T("pdf.field.course"), Value: b.Course.Title},
		{Label: l.T("pdf.field.accreditation"), Value: pdfAccreditation(b.Accreditation, l)},
		{Label: l.T("pdf.field.extent"), Value: l.T("pdf.extent",
			"Theory", l.N("pdf.hours", b.Course.TheoryHours), "Practice", l.N("pdf.hours", b.Course.PracticeHours))},
		{Label: l.T("pdf.field.dates"), Value: dates},
		{Label: l.T("pdf.field.place"), Value: pdfPlace(b.Run, l)},
		{Label: l.N("pdf.field.lecturers", len(b.Lecturers)), Value: strings.Join(b.Lecturers, "; ")},
	})
	d.Ln(4)
	t := d.Table([]pdf.Column{
		{Title: l.T("pdf.sheet.col.number"), Width: 9, Align: "R"},
		{Title: l.T("pdf.classbook.col.date"), Width: 23},
		{Title: l.T("pdf.classbook.col.time"), Width: 23},
		{Title: l.T("pdf.classbook.col.kind"), Width: 17},
		{Title: l.T("pdf.classbook.col.topic")},
		{Title: l.T("pdf.classbook.col.hours"), Width: 17, Align: "R"},
		{Title: l.T("pdf.classbook.col.lecturer"), Width: 38},
	})
	held := map[courses.SessionKind]int{}    // minutes
	planned := map[courses.SessionKind]int{} // minutes
	cancelled := 0
	for i, e := range b.Entries {
		ss := e.Session
		start, end := ss.Start(), ss.End()
		kind := l.T("pdf.kind." + string(ss.Kind))
		when := l.T("pdf.time_range", "From", l.Time(start), "To", l.Time(end))
		if ss.Cancelled() {
			cancelled++
			what := l.T("pdf.classbook.cancelled")
			if ss.CancelReason != "" {
				what = l.T("pdf.classbook.cancelled_because", "Reason", ss.CancelReason)
			}
			t.RowStyled(pdf.Style{Muted: true}, strconv.Itoa(i+1), l.Date(start), when, kind,
				strings.TrimSpace(e.Topic+"\n"+what), "–", e.Lecturer)
			continue
		}
		if end.After(b.Printed) {
			planned[ss.Kind] += ss.Minutes
		} else {
			held[ss.Kind] += ss.Minutes
		}
		shown, _ := progressHours(ss.Minutes, pdfHourOf(b.Course, ss.Kind), false, l)
		t.Row(strconv.Itoa(i+1), l.Date(start), when, kind, e.Topic, shown, e.Lecturer)
	}
	if len(b.Entries) == 0 {
		t.Start()
		d.Ln(2)
		d.Lines([]string{l.T("pdf.classbook.no_sessions")}, 5, "L")
	}
	d.Ln(6)
	d.Need(24)
	d.Fields(pdfLabelWidth+20, []pdf.Field{
		{Label: l.T("pdf.classbook.held"), Value: pdfTotals(held, b.Course, l)},
		{Label: l.T("pdf.classbook.planned"), Value: pdfTotalsIf(planned, b.Course, l)},
		{Label: l.T("pdf.classbook.cancelled_label"), Value: pdfCount(l, "pdf.classbook.cancelled_count", cancelled)},
	})
	return d.Write(w)
}

// pdfTotals sums minutes of theory and practice into teaching hours of each.
func pdfTotals(minutes map[courses.SessionKind]int, c courses.Course, l *web.Localizer) string {
	return l.T("pdf.extent",
		"Theory", pdfHoursText(minutes[courses.Theory], pdfHourOf(c, courses.Theory), l),
		"Practice", pdfHoursText(minutes[courses.Practice], pdfHourOf(c, courses.Practice), l))
}

// pdfTotalsIf is pdfTotals, or nothing (a line left out) when there are no minutes.
func pdfTotalsIf(minutes map[courses.SessionKind]int, c courses.Course, l *web.Localizer) string {
	if minutes[courses.Theory]+minutes[courses.Practice] == 0 {
		return ""
	}
	return pdfTotals(minutes, c, l)
}

// pdfCount is a count in words, or nothing (a line left out) when it is zero.
func pdfCount(l *web.Localizer, key string, n int) string {
	if n == 0 {
		return ""
	}
	return l.N(key, n)
}
