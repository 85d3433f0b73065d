package attendance

import (
	"io"
	"strconv"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// Sheet is what the attendance sheet (prezenční listina) of one session prints. Inspectors of
// the accrediting bodies ask for these, so it names the course, the accreditation, when,
// where and by whom, and leaves each enrolled trainee a line to sign.
type Sheet struct {
	Course        courses.Course
	Accreditation *courses.Accreditation // nil when the course has none valid on the run's first day
	Run           courses.Run
	Session       courses.Session
	Topic         string // the session's topic, or its module's title
	Lecturer      string // the session's lecturer with titles
	Trainees      []Attendee
	Printed       time.Time
}

// pdfLabelWidth is the width of the labels of a document's heading, in millimetres.
const pdfLabelWidth = 42

// RenderSheet writes the attendance sheet as a PDF in the language of l.
func RenderSheet(w io.Writer, s Sheet, l *web.Localizer) error {
	start, end := s.Session.Start(), s.Session.End()
	d := pdf.New(pdf.Portrait)
	d.SetTitle(l.T("pdf.sheet.title")+" – "+s.Course.Title+", "+l.Date(start), true)
	d.SetCreationDate(s.Printed)
	d.Footer(l.T("pdf.sheet.footer", "Course", s.Course.Title, "Date", l.Date(start), "Printed", l.Date(s.Printed)),
		pdfPageNumbers(l))
	d.Heading(l.T("pdf.sheet.title"), 18)
	d.Ln(2)
	d.Fields(pdfLabelWidth, []pdf.Field{
		{Label: l.T("pdf.field.course"), Value: s.Course.Title},
		{Label: l.T("pdf.field.accreditation"), Value: pdfAccreditation(s.Accreditation, l)},
		{Label: l.T("pdf.field.date"), Value: l.Date(start)},
		{Label: l.T("pdf.field.time"), Value: l.T("pdf.time_range", "From", l.Time(start), "To", l.Time(end))},
		{Label: l.T("pdf.field.place"), Value: pdfPlace(s.Run, l)},
		{Label: l.T("pdf.field.lecturer"), Value: s.Lecturer},
		{Label: l.T("pdf.field.topic"), Value: s.Topic},
		{Label: l.T("pdf.field.kind"), Value: l.T("pdf.kind." + string(s.Session.Kind))},
		{Label: l.T("pdf.field.length"), Value: pdfLength(s.Session, s.Course, l)},
	})
	d.Ln(4)
	t := d.Table([]pdf.Column{
		{Title: l.T("pdf.sheet.col.number"), Width: 10, Align: "R"},
		{Title: l.T("pdf.sheet.col.name")},
		{Title: l.T("pdf.sheet.col.signature"), Width: 55},
		{Title: l.T("pdf.sheet.col.note"), Width: 42},
	})
	t.MinRowHeight = 11 // room for a signature in pen
	t.Start()
	for i, a := range s.Trainees {
		note := ""
		if a.Apologised {
			note = l.T("pdf.sheet.apologised")
		}
		t.Row(strconv.Itoa(i+1), a.FullName(), "", note)
	}
	if len(s.Trainees) == 0 {
		d.Ln(2)
		d.Lines([]string{l.T("pdf.sheet.nobody")}, 5, "L")
	}
	pdfSignature(d, l.T("pdf.sheet.present", "Count", len(s.Trainees)), l.T("pdf.sheet.lecturer_signature"), s.Lecturer)
	return d.Write(w)
}

// pdfSignature closes a document with a line to count the present on and a line for the
// lecturer's signature, kept together on one page.
func pdfSignature(d *pdf.Doc, present, label, name string) {
	d.Ln(8)
	d.Need(34)
	d.Font("", 10)
	d.Lines([]string{present}, 6, "L")
	d.Ln(16)
	l, _, _, _ := d.GetMargins()
	x, y := l+d.Width()-85, d.GetY()
	d.Line(x, y, x+85, y)
	d.SetXY(x, y+1)
	d.CellFormat(85, 5, pdf.Fit(d, label, 85), "", 2, "C", false, 0, "")
	d.SetX(x)
	d.CellFormat(85, 5, pdf.Fit(d, name, 85), "", 1, "C", false, 0, "")
}

// pdfPageNumbers is the localized "Strana 1 z 2" with the toolkit's placeholders.
func pdfPageNumbers(l *web.Localizer) string {
	return l.T("pdf.page", "Page", pdf.Page, "Pages", pdf.Pages)
}

// pdfAccreditation is how a document names the accreditation: "MPSV, č. 2014/0998-PC/SP/VP/PP";
// empty (and so left out) when there is none.
func pdfAccreditation(a *courses.Accreditation, l *web.Localizer) string {
	if a == nil {
		return ""
	}
	body := a.BodyName
	if a.Body != courses.BodyOther || body == "" {
		body = l.T("pdf.body." + string(a.Body))
	}
	return l.T("pdf.accreditation", "Body", body, "Number", a.Number)
}

// pdfPlace is where a run takes place, or that it is online.
func pdfPlace(r courses.Run, l *web.Localizer) string {
	if r.Online {
		return l.T("pdf.online")
	}
	return r.Place()
}

// pdfHourOf is how many minutes a teaching hour of kind lasts in course c.
func pdfHourOf(c courses.Course, kind courses.SessionKind) int {
	per := c.TheoryMinutes
	if kind == courses.Practice {
		per = c.PracticeMinutes
	}
	if per <= 0 { // a course always has one; never divide by zero if it does not
		per = 60
	}
	return per
}

// pdfHoursText is a number of teaching hours in words: "1,5 hodiny", "6 hodin".
func pdfHoursText(minutes, per int, l *web.Localizer) string {
	shown, count := progressHours(minutes, per, false, l)
	return l.N("pdf.hours", count, "Count", shown)
}

// pdfLength is a session's length in minutes and in teaching hours of its kind.
func pdfLength(ss courses.Session, c courses.Course, l *web.Localizer) string {
	per := pdfHourOf(c, ss.Kind)
	return l.T("pdf.length", "Minutes", l.N("pdf.minutes", ss.Minutes), "Hours", pdfHoursText(ss.Minutes, per, l), "Per", per)
}
