package certificates

import (
	"context"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// content gathers what a certificate says, as it is on the day of issue. The hours are the
// accreditation's (valid on the run's first day), which the certificate may not contradict.
func (s *Service) content(ctx context.Context, q db.Querier, b *basis, e enrollment.Enrollment, rep attendance.Report, now time.Time) (Content, error) {
	p, err := s.people.Get(ctx, q, e.PersonID)
	if err != nil {
		return Content{}, err
	}
	r, c, accs := b.run, b.course, b.accs
	today := courses.PragueDay(now)
	out := Content{Issuer: s.Issuer, Course: c.Title, Kind: string(c.Kind), Region: p.Region,
		Holder:      Holder{Name: p.Name, TitlesBefore: p.TitlesBefore, TitlesAfter: p.TitlesAfter, BirthDate: p.BirthDate},
		TheoryHours: c.TheoryHours, PracticeHours: c.PracticeHours, RunStartsOn: r.StartsOn, RunEndsOn: r.EndsOn,
		RunPlace: r.Place(), Online: r.Online, IssuedOn: today, ValidUntil: ValidUntil(c.Kind, c.ValidityMonths, today)}
	if c.RequiresBirthPlace {
		if p.BirthPlace == "" {
			return Content{}, web.Conflict("certificate.birth_place_missing", "Name", p.Name)
		}
		out.Holder.BirthPlace = p.BirthPlace
	}
	if a, ok := courses.Applicable(accs, r.StartsOn); ok {
		w, err := czech()
		if err != nil {
			return Content{}, err
		}
		// The body as the attendance sheet names it, in the certificate's Czech.
		out.AccBody, out.AccNo = w.T("pdf.body."+string(a.Body)), a.Number
		if a.Body == courses.BodyOther {
			out.AccBody = a.BodyName
		}
		out.TheoryHours, out.PracticeHours = a.TheoryHours, a.PracticeHours
	}
	for _, x := range rep.Attempts {
		if x.Outcome == attendance.ExamPassed {
			out.ExamOn, out.Signer, out.SignerChair = x.HeldOn, x.Chair(), true
		}
	}
	if out.Signer == "" {
		out.Signer = b.signer
	}
	return out, nil
}
