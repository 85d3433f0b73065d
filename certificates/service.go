package certificates

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/mattn/go-sqlite3"

	"mentorlms/attendance"
	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/reminders"
	"mentorlms/web"
)

// Service issues, revokes and reads certificates.
type Service struct {
	db         *db.DB
	attendance *attendance.Service
	courses    *courses.Store
	people     *people.Store
	// Issuer is printed on every certificate.
	Issuer Issuer
	// Format is how numbers read (see Number); DefaultFormat unless configured.
	Format string
	// BaseURL is the public address the verification links start with.
	BaseURL string
	// Demo is set in the demo (serve --demo, the demo command): its certificates are samples,
	// marked VZOR across the page, and may be issued with the placeholder issuer.
	Demo bool
}

// NewService returns the certificate service over d.
func NewService(d *db.DB, a *attendance.Service) *Service {
	return &Service{db: d, attendance: a, courses: courses.NewStore(d), people: people.NewStore(d),
		Issuer: DefaultIssuer, Format: DefaultFormat, BaseURL: "http://localhost:8080"}
}

// Issue issues the certificate of a complete enrolment (admins only): one valid certificate per
// enrolment (after a revocation, a corrected one may follow under a new number),
// numbered in the series of the course's kind and the year of issue, its PDF stored as
// issued, the holder told. Where the course makes mentors (requalification), the criminal
// record is checked again: the latest extract must be clean.
func (s *Service) Issue(ctx context.Context, actor *web.Principal, enrollmentID int64, now time.Time) (Certificate, error) {
	if !actor.Has(web.RoleAdmin) {
		return Certificate{}, web.Forbidden()
	}
	if err := s.issuable(); err != nil {
		return Certificate{}, err
	}
	var c Certificate
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		var err error
		c, err = s.issue(ctx, tx, actor, enrollmentID, now)
		return err
	})
	return c, err
}

// basis is what the certificates of one run have in common: read once for those drafted
// together, inside the same transaction.
type basis struct {
	run     courses.Run
	course  courses.Course
	accs    []courses.Accreditation
	reports map[int64]attendance.Report
	// signer is the run's first lecturer, who signs a certificate without an exam chair.
	signer string
}

// basisOf reads the basis of run runID's certificates through q.
func (s *Service) basisOf(ctx context.Context, q db.Querier, runID int64, now time.Time) (*basis, error) {
	b := &basis{}
	var err error
	if b.run, err = s.courses.Run(ctx, q, runID); err != nil {
		return nil, err
	}
	if b.course, err = s.courses.Course(ctx, q, b.run.CourseID); err != nil {
		return nil, err
	}
	if b.accs, err = s.courses.Accreditations(ctx, q, b.course.ID); err != nil {
		return nil, err
	}
	if b.reports, err = s.attendance.Standings(ctx, q, b.run, now); err != nil {
		return nil, err
	}
	if len(b.run.LecturerIDs) > 0 {
		lecturer, err := s.people.Get(ctx, q, b.run.LecturerIDs[0])
		if err != nil {
			return nil, err
		}
		b.signer = lecturer.FullName()
	}
	return b, nil
}

// candidates reads the due enrolments of a run being issued, a batch in one query.
func candidates(ctx context.Context, q db.Querier, due []dueEnrolment) (map[int64]enrollment.Enrollment, error) {
	ids := make([]int64, len(due))
	for i, d := range due {
		ids[i] = d.ID
	}
	return enrollment.Some(ctx, q, ids)
}

// candidate is due enrolment d among those candidates read. The issuer's own is passed over,
// named: another admin issues it.
func candidate(actor *web.Principal, es map[int64]enrollment.Enrollment, d dueEnrolment) (enrollment.Enrollment, *Skipped, error) {
	e, ok := es[d.ID]
	if !ok {
		return e, nil, enrollment.ErrNotFound
	}
	if e.PersonID == actor.ID {
		return e, &Skipped{EnrollmentID: d.ID, Name: d.Name, Reason: web.M("certificate.own", "Name", d.Name)}, nil
	}
	return e, nil, nil
}

// ready checks that enrolment e's certificate may be issued at now, as issuing does (one not
// yet issued, an enrolment complete, the run over, the record still clean for requalification),
// and returns what the certificate would state. b is the basis of e's run.
func (s *Service) ready(ctx context.Context, q db.Querier, b *basis, e enrollment.Enrollment, now time.Time) (Content, error) {
	var n int
	if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM certificates WHERE enrollment_id = ? AND revoked_on IS NULL`, e.ID); err != nil {
		return Content{}, err
	}
	if n > 0 {
		return Content{}, web.Conflict("certificate.already_issued", "Name", e.PersonName)
	}
	if e.Status != enrollment.Enrolled {
		return Content{}, web.Conflict("certificate.not_enrolled", "Name", e.PersonName)
	}
	rep := b.reports[e.ID]
	if !rep.Complete {
		return Content{}, web.Conflict("certificate.incomplete", "Name", e.PersonName)
	}
	// A certificate states the run's dates, so it is issued from the run's last day on.
	if courses.PragueDay(now) < b.run.EndsOn {
		return Content{}, web.Conflict("certificate.run_not_over", "Name", e.PersonName, "EndDate", b.run.EndsOn)
	}
	content, err := s.content(ctx, q, b, e, rep, now)
	if err != nil {
		return Content{}, err
	}
	if content.Kind == string(courses.KindRequalification) {
		if err := recordStillClean(ctx, q, e); err != nil {
			return Content{}, err
		}
	}
	return content, nil
}

// single reads enrolment enrollmentID and the basis of its certificate through q, for issuing
// it alone or saying whether it could be.
func (s *Service) single(ctx context.Context, q db.Querier, actor *web.Principal, enrollmentID int64, now time.Time) (enrollment.Enrollment, *basis, error) {
	e, err := enrollment.Get(ctx, q, enrollmentID)
	if err != nil {
		return e, nil, err
	}
	if e.PersonID == actor.ID {
		return e, nil, web.Forbidden() // an admin's own certificate is another admin's to issue
	}
	b, err := s.basisOf(ctx, q, e.RunID, now)
	return e, b, err
}

func (s *Service) issue(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, enrollmentID int64, now time.Time) (Certificate, error) {
	e, b, err := s.single(ctx, tx, actor, enrollmentID, now)
	if err != nil {
		return Certificate{}, err
	}
	d, err := s.draft(ctx, tx, b, e, now)
	if err != nil {
		return Certificate{}, err
	}
	pdf, err := RenderPDF(d.c.Content)
	if err != nil {
		return d.c, fmt.Errorf("certificates: render %s: %w", d.c.Number, err)
	}
	return s.finish(ctx, tx, actor, d, pdf, now)
}

// draft is a certificate numbered and stated, not yet drawn or stored.
type draft struct {
	c      Certificate
	holder string
}

// draft checks that enrolment e's certificate may be issued, takes its number and fixes what it
// states, inside the issuing transaction. The caller has refused the issuer's own.
func (s *Service) draft(ctx context.Context, tx *sqlx.Tx, b *basis, e enrollment.Enrollment, now time.Time) (draft, error) {
	content, err := s.ready(ctx, tx, b, e, now)
	if err != nil {
		return draft{}, err
	}
	today := courses.PragueDay(now)
	year := now.In(web.Prague).Year()
	c := Certificate{EnrollmentID: e.ID, PersonID: e.PersonID, RunID: e.RunID, Series: SeriesOf(courses.Kind(content.Kind)),
		Year: year, IssuedOn: today, IssuedAt: db.Stamp(now)}
	if c.Seq, err = nextSeq(ctx, tx, c.Series, year); err != nil {
		return draft{}, err
	}
	c.Number = Number(s.Format, c.Series, year, c.Seq)
	c.Code = newCode()
	content.Number, content.Code = c.Number, c.Code
	content.Verify = strings.TrimRight(s.BaseURL, "/") + "/verify/" + c.Code
	if content.ValidUntil != "" {
		c.ValidUntil = &content.ValidUntil
	}
	content.Sample = s.Demo
	raw, _ := json.Marshal(content)
	c.ContentJSON, c.Content = string(raw), content
	return draft{c: c, holder: e.PersonName}, nil
}

// finish stores a drafted certificate with its PDF, writes the audit entry and tells the holder.
func (s *Service) finish(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, d draft, pdf []byte, now time.Time) (Certificate, error) {
	c := d.c
	if err := insert(ctx, tx, &c, pdf, actor.ID); err != nil {
		var se sqlite3.Error
		if errors.As(err, &se) && se.Code == sqlite3.ErrConstraint {
			return c, web.Conflict("certificate.already_issued", "Name", d.holder)
		}
		return c, err
	}
	c.Status = StatusOn(nil, c.ValidUntil, c.IssuedOn)
	if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "certificate.issue", Entity: "certificate",
		EntityID: c.ID, After: c}); err != nil {
		return c, err
	}
	_, err := reminders.Enqueue(ctx, tx, now, reminders.Message{Key: fmt.Sprintf("certificate-issued:%d", c.ID),
		PersonID: c.PersonID, Kind: "certificate_issued", Args: map[string]any{"Course": c.Content.Course, "Number": c.Number,
			"URL": strings.TrimRight(s.BaseURL, "/") + "/verify/" + c.Code},
		Link: "/my/certificates"})
	return c, err
}

// recordStillClean refuses a requalification certificate when the latest criminal-record
// extract is not clean: the mentor's eligibility is checked again at the end of training.
func recordStillClean(ctx context.Context, q db.Querier, e enrollment.Enrollment) error {
	var clean []bool
	if err := q.SelectContext(ctx, &clean, `SELECT clean FROM record_checks WHERE person_id = ?
		ORDER BY issued_on DESC, id DESC LIMIT 1`, e.PersonID); err != nil {
		return err
	}
	if len(clean) == 0 || !clean[0] {
		return web.Conflict("certificate.record_not_clean", "Name", e.PersonName)
	}
	return nil
}

// newCode makes a verification code: 12 characters of an alphabet without look-alikes, about
// 60 bits, so that codes cannot be guessed.
func newCode() string {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
