package supervision

import (
	"io"
	"strconv"
	"time"

	"mentorlms/certificates"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// transcriptLabelWidth is the width of the labels of the transcript's heading, in millimetres.
const transcriptLabelWidth = 45

// RenderTranscript writes a person's transcript as an A4 PDF in the language of l: who it is
// about, the courses completed with hours and accreditation numbers, the certificates (the
// revoked ones marked), the supervisions attended and each year's continuing education
// against its target.
func RenderTranscript(w io.Writer, t Transcript, l *web.Localizer, printed time.Time) error {
	d := pdf.New(pdf.Portrait)
	name := t.Person.FullName()
	d.SetTitle(pdf.Clean(l.T("transcript.pdf.title")+" – "+name), true)
	d.SetCreationDate(printed)
	d.Footer(l.T("transcript.pdf.footer", "Name", name, "Date", l.Date(t.Today)), l.T("pdf.page", "Page", pdf.Page, "Pages", pdf.Pages))
	d.Heading(l.T("transcript.pdf.title"), 18)
	d.Ln(2)
	region := ""
	if t.Person.Region != "" {
		region = l.T("region." + t.Person.Region)
	}
	d.Fields(transcriptLabelWidth, []pdf.Field{
		{Label: l.T("transcript.field.name"), Value: name},
		{Label: l.T("transcript.field.region"), Value: region},
		{Label: l.T("transcript.field.centre"), Value: t.Person.PMSCentre},
		{Label: l.T("transcript.field.made"), Value: l.Date(t.Today)},
	})

	d.Section(l.T("transcript.courses"))
	if len(t.Courses) == 0 {
		d.Note(l.T("transcript.courses.none"))
	} else {
		tb := d.Table([]pdf.Column{{Title: l.T("transcript.col.course")}, {Title: l.T("transcript.col.dates"), Width: 44},
			{Title: l.T("transcript.col.theory"), Width: 17, Align: "R"}, {Title: l.T("transcript.col.practice"), Width: 17, Align: "R"},
			{Title: l.T("transcript.col.accreditation"), Width: 46}})
		for _, c := range t.Courses {
			tb.Row(c.Title+"\n"+l.T("kind."+c.Kind), l.DateRange(c.StartsOn, c.EndsOn), l.T("education.h", "Hours", c.TheoryHours),
				l.T("education.h", "Hours", c.PracticeHours), accreditationText(c, l))
		}
	}

	d.Section(l.T("transcript.certificates"))
	if len(t.Certificates) == 0 {
		d.Note(l.T("transcript.certificates.none"))
	} else {
		tb := d.Table([]pdf.Column{{Title: l.T("transcript.col.number"), Width: 36}, {Title: l.T("transcript.col.course")},
			{Title: l.T("transcript.col.issued"), Width: 28}, {Title: l.T("transcript.col.status"), Width: 45}})
		for _, c := range t.Certificates {
			tb.RowStyled(pdf.Style{Muted: c.RevokedOn != nil}, c.Number, c.Course, l.Date(c.IssuedOn), certificateStatus(c, l))
		}
	}

	d.Section(l.T("transcript.supervisions"))
	if len(t.Supervisions) == 0 {
		d.Note(l.T("transcript.supervisions.none"))
	} else {
		d.Lines([]string{l.N("transcript.supervisions.count", len(t.Supervisions))}, 5, "L")
		d.Ln(1)
		tb := d.Table([]pdf.Column{{Title: l.T("transcript.col.date"), Width: 36}, {Title: l.T("transcript.col.kind"), Width: 50},
			{Title: l.T("transcript.col.region")}})
		for _, s := range t.Supervisions {
			tb.Row(l.Date(s.HeldOn), l.T("transcript.supervision_kind."+s.Kind), l.T("region."+s.Region))
		}
	}

	d.Section(l.T("transcript.years"))
	d.Font("", 9)
	d.Lines(pdf.Wrap(d, l.N("transcript.years.note", t.YearlyHours), d.Width()), 4.5, "L")
	d.Ln(1)
	tb := d.Table([]pdf.Column{{Title: l.T("transcript.col.year"), Width: 18}, {Title: l.T("transcript.col.from_courses"), Align: "R"},
		{Title: l.T("transcript.col.external"), Align: "R"}, {Title: l.T("transcript.col.target"), Align: "R"},
		{Title: l.T("transcript.col.result"), Width: 34}})
	for _, y := range t.Years {
		tb.Row(strconv.Itoa(y.Year), eduHoursShort(y.CourseMinutes, false, l), eduHoursShort(y.ApprovedMinutes, false, l),
			targetText(y, l), resultText(y, l))
	}
	return d.Write(w)
}

// accreditationText names the accreditation valid on the run's first day, the body over the
// number ("MPSV", "2014/0998-PC/SP/VP/PP"); a dash when there was none.
func accreditationText(c CompletedCourse, l *web.Localizer) string {
	if c.Number == "" {
		return "–"
	}
	body := c.BodyName
	if c.Body != "other" || body == "" {
		body = l.T("body." + c.Body)
	}
	return body + "\n" + c.Number
}

// certificateStatus is where a certificate stands, with the day it was revoked or expired.
func certificateStatus(c TranscriptCertificate, l *web.Localizer) string {
	switch {
	case c.RevokedOn != nil:
		return l.T("cert_status.revoked_on", "Date", l.Date(*c.RevokedOn))
	case c.ValidUntil != nil && c.Status == certificates.Expired:
		return l.T("cert_status.expired_on", "Date", l.Date(*c.ValidUntil))
	}
	return l.T("cert_status." + string(c.Status))
}

// targetText is a year's target, with the months it runs for when not the whole year.
func targetText(y Year, l *web.Localizer) string {
	target := eduHoursShort(y.TargetMinutes, true, l)
	if y.Months > 0 && y.Months < 12 {
		return target + " (" + l.N("transcript.months", y.Months) + ")"
	}
	return target
}

// resultText says whether a year's target was met, or how much is missing.
func resultText(y Year, l *web.Localizer) string {
	switch {
	case y.TargetMinutes == 0:
		return l.T("transcript.no_target")
	case y.Met():
		return l.T("transcript.met")
	}
	return l.T("education.missing", "Hours", eduHoursShort(y.MissingMinutes, true, l))
}
