package privacy

import (
	"context"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"mentorlms/people"
	"mentorlms/web"
	"mentorlms/web/pdf"
)

// summaryRun is an application as the summary lists it.
type summaryRun struct {
	Course   string `db:"course"`
	StartsOn string `db:"starts_on"`
	EndsOn   string `db:"ends_on"`
	Status   string `db:"status"`
}

// summaryCertificate is a certificate as the summary lists it.
type summaryCertificate struct {
	Number   string  `db:"number"`
	Course   string  `db:"course"`
	IssuedOn string  `db:"issued_on"`
	Revoked  *string `db:"revoked_on"`
}

// Summary is what the readable PDF of an export shows: the person, every table with how many
// records it holds about them, their applications and certificates by name.
type Summary struct {
	Person       people.Person
	Export       Export
	Runs         []summaryRun
	Certificates []summaryCertificate
}

// Summarise reads what the PDF names besides the export's counts.
func (s *Service) Summarise(ctx context.Context, e Export) (Summary, error) {
	sum := Summary{Export: e}
	var err error
	if sum.Person, err = s.people.Get(ctx, s.db.R, e.PersonID); err != nil {
		return sum, err
	}
	if err := s.db.R.SelectContext(ctx, &sum.Runs, `SELECT c.title AS course, r.starts_on, r.ends_on, e.status
		FROM enrollments e JOIN runs r ON r.id = e.run_id JOIN courses c ON c.id = r.course_id
		WHERE e.person_id = ? ORDER BY r.starts_on, e.id`, e.PersonID); err != nil {
		return sum, err
	}
	err = s.db.R.SelectContext(ctx, &sum.Certificates, `SELECT x.number, c.title AS course, x.issued_on, x.revoked_on
		FROM certificates x JOIN runs r ON r.id = x.run_id JOIN courses c ON c.id = r.course_id
		WHERE x.person_id = ? ORDER BY x.issued_on, x.id`, e.PersonID)
	return sum, err
}

// summaryLabel is the width of the labels of the summary's heading, in millimetres.
const summaryLabel = 45

// RenderSummary writes the readable summary of an export as an A4 PDF in the language of l.
func RenderSummary(w io.Writer, s Summary, l *web.Localizer, printed time.Time) error {
	d := pdf.New(pdf.Portrait)
	p := s.Person
	d.SetTitle(pdf.Clean(l.T("export.pdf.title")+" – "+p.FullName()), true)
	d.SetCreationDate(printed)
	d.Footer(l.T("export.pdf.footer", "Name", p.FullName(), "Date", l.DateTime(s.Export.Made)),
		l.T("pdf.page", "Page", pdf.Page, "Pages", pdf.Pages))
	d.Heading(l.T("export.pdf.title"), 18)
	d.Ln(2)
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = l.T("role." + string(r))
	}
	region := ""
	if p.Region != "" {
		region = l.T("region." + p.Region)
	}
	d.Fields(summaryLabel, []pdf.Field{
		{Label: l.T("field.name"), Value: p.FullName()},
		{Label: l.T("field.email"), Value: p.Email},
		{Label: l.T("field.birth_date"), Value: l.Date(p.BirthDate)},
		{Label: l.T("field.birth_place"), Value: p.BirthPlace},
		{Label: l.T("field.region"), Value: region},
		{Label: l.T("field.pms_centre"), Value: p.PMSCentre},
		{Label: l.T("field.roles"), Value: strings.Join(roles, ", ")},
		{Label: l.T("export.pdf.made"), Value: l.DateTime(s.Export.Made)},
	})

	d.Section(l.T("export.pdf.records"))
	d.Font("", 9)
	d.Lines(pdf.Wrap(d, l.T("export.pdf.records_note"), d.Width()), 4.5, "L")
	d.Ln(1)
	tb := d.Table([]pdf.Column{{Title: l.T("export.pdf.col.what")}, {Title: l.T("export.pdf.col.count"), Width: 30, Align: "R"}})
	for _, name := range slices.Sorted(maps.Keys(s.Export.Tables)) {
		tb.Row(l.T("export.table."+name), l.N("export.pdf.records_count", len(s.Export.Tables[name])))
	}

	d.Section(l.T("export.pdf.runs"))
	if len(s.Runs) == 0 {
		d.Note(l.T("export.pdf.none"))
	} else {
		tb := d.Table([]pdf.Column{{Title: l.T("export.pdf.col.course")}, {Title: l.T("export.pdf.col.dates"), Width: 44},
			{Title: l.T("export.pdf.col.status"), Width: 40}})
		for _, r := range s.Runs {
			tb.Row(r.Course, l.DateRange(r.StartsOn, r.EndsOn), l.T("enrollment_status."+r.Status))
		}
	}

	d.Section(l.T("export.pdf.certificates"))
	if len(s.Certificates) == 0 {
		d.Note(l.T("export.pdf.none"))
	} else {
		tb := d.Table([]pdf.Column{{Title: l.T("export.pdf.col.number"), Width: 36}, {Title: l.T("export.pdf.col.course")},
			{Title: l.T("export.pdf.col.issued"), Width: 28}})
		for _, c := range s.Certificates {
			tb.RowStyled(pdf.Style{Muted: c.Revoked != nil}, c.Number, c.Course, l.Date(c.IssuedOn))
		}
	}
	d.Ln(4)
	d.Font("", 9)
	d.Lines(pdf.Wrap(d, l.T("export.pdf.json_note"), d.Width()), 4.5, "L")
	return d.Write(w)
}
