package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/certificates"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Transcript is a person's record of education in the program (výpis): the courses they
// completed with hours and accreditation numbers, their certificates (revoked ones marked),
// the supervisions they attended and each year's continuing education against its target.
type Transcript struct {
	Person       people.Person
	Courses      []CompletedCourse
	Certificates []TranscriptCertificate
	Supervisions []AttendedSupervision
	Years        []Year
	// Today is the day it was made, which certificates' validity is read on.
	Today string
	// YearlyHours is the yearly target before pro rata.
	YearlyHours int
}

// TranscriptCertificate is one of the person's certificates as a transcript lists it.
type TranscriptCertificate struct {
	ID         int64               `db:"id" json:"id"`
	Number     string              `db:"number" json:"number"`
	Course     string              `db:"course" json:"course"`
	IssuedOn   string              `db:"issued_on" json:"issued_on"`
	ValidUntil *string             `db:"valid_until" json:"valid_until"`
	RevokedOn  *string             `db:"revoked_on" json:"revoked_on"`
	Status     certificates.Status `db:"-" json:"status"`
}

// RevokedDay is the day the certificate was revoked, "" if it was not.
func (c TranscriptCertificate) RevokedDay() string { return dayOrEmpty(c.RevokedOn) }

// AttendedSupervision is a supervision meeting the person attended (not excused).
type AttendedSupervision struct {
	ID     int64  `db:"id" json:"id"`
	HeldOn string `db:"held_on" json:"held_on"`
	Kind   string `db:"kind" json:"kind"`
	Region string `db:"region" json:"region"`
}

// Transcript reads a person's transcript for actor: the holder their own, the coordinator of
// the person's region and admins anyone's. It costs a fixed number of queries.
func (s *Service) Transcript(ctx context.Context, actor *web.Principal, personID int64, now time.Time) (Transcript, error) {
	q := s.db.R
	p, err := s.educationPerson(ctx, q, actor, personID, false)
	if err != nil {
		return Transcript{}, err
	}
	t := Transcript{Person: p, Today: today(now), YearlyHours: s.YearlyHours}
	if t.Courses, err = completedCourses(ctx, q, p.ID); err != nil {
		return t, err
	}
	if t.Certificates, err = transcriptCertificates(ctx, q, p.ID, t.Today); err != nil {
		return t, err
	}
	if t.Supervisions, err = attendedSupervisions(ctx, q, p.ID); err != nil {
		return t, err
	}
	hours, err := externalHours(ctx, q, p.ID)
	if err != nil {
		return t, err
	}
	js, err := jobsOf(ctx, q, p.ID)
	if err != nil {
		return t, err
	}
	as, err := absencesOf(ctx, q, p.ID)
	if err != nil {
		return t, err
	}
	t.Years = educationYears(employmentOf(js, as), t.Courses, hours, s.YearlyHours, thisYear(now))
	return t, nil
}

// transcriptCertificates lists a person's certificates, revoked ones too, the latest first,
// each with its status on today.
func transcriptCertificates(ctx context.Context, q db.Querier, personID int64, today string) ([]TranscriptCertificate, error) {
	var out []TranscriptCertificate
	if err := q.SelectContext(ctx, &out, `
		SELECT c.id, c.number, co.title AS course, c.issued_on, c.valid_until, c.revoked_on
		FROM certificates c JOIN runs r ON r.id = c.run_id JOIN courses co ON co.id = r.course_id
		WHERE c.person_id = ? ORDER BY c.issued_on DESC, c.id DESC`, personID); err != nil {
		return nil, fmt.Errorf("supervision: certificates of %d: %w", personID, err)
	}
	for i := range out {
		out[i].Status = certificates.StatusOn(out[i].RevokedOn, out[i].ValidUntil, today)
	}
	return out, nil
}

// attendedSupervisions lists the supervisions a person attended, the latest first.
func attendedSupervisions(ctx context.Context, q db.Querier, personID int64) ([]AttendedSupervision, error) {
	var out []AttendedSupervision
	if err := q.SelectContext(ctx, &out, `
		SELECT s.id, s.held_on, s.kind, s.region_code AS region
		FROM supervision_attendees a JOIN supervisions s ON s.id = a.supervision_id
		WHERE a.person_id = ? AND a.excused = 0 ORDER BY s.held_on DESC, s.id DESC`, personID); err != nil {
		return nil, fmt.Errorf("supervision: supervisions of %d: %w", personID, err)
	}
	return out, nil
}
