package certificates

import (
	"context"
	"time"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// PersonRecord is what a person's page shows of their training: every application with where
// it stands, and every certificate. It is read for someone the reader may see (people.CanSee),
// which the people page has checked.
type PersonRecord struct {
	Courses      []PersonCourse
	Certificates []Certificate
	// Download: the reader may download the PDFs (admins and the holder).
	Download bool
	Admin    bool
}

// PersonCourse is one application on a person's page.
type PersonCourse struct {
	enrollment.Application
	// Percent is the share of the course attended so far, for an enrolment under way; -1 when
	// not shown.
	Percent int
}

// Record reads the training record of person for the reader me. The attendance of runs under
// way is worked out afresh; finished ones show their kept completion.
func (s *Service) Record(ctx context.Context, me *web.Principal, person int64, now time.Time) (PersonRecord, error) {
	as, err := enrollment.Applications(ctx, s.db.R, person)
	if err != nil {
		return PersonRecord{}, err
	}
	rec := PersonRecord{Download: me.Has(web.RoleAdmin) || me.ID == person, Admin: me.Has(web.RoleAdmin)}
	for _, a := range as {
		pc := PersonCourse{Application: a, Percent: -1}
		if a.Status == enrollment.Enrolled && !a.Completed && a.RunStatus != string(courses.StatusFinished) {
			rep, err := s.attendance.ReportOf(ctx, a.Enrollment, now)
			if err != nil {
				return PersonRecord{}, err
			}
			pc.Percent = rep.Percent
		}
		rec.Courses = append(rec.Courses, pc)
	}
	if rec.Certificates, err = many(ctx, s.db.R, "c.person_id = ?", courses.PragueDay(now), person); err != nil {
		return PersonRecord{}, err
	}
	return rec, nil
}
