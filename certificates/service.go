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

// ready checks that an enrolment's certificate may be issued at now, as issuing does (one not
// yet issued, an enrolment complete, the run over, the record still clean for requalification),
// and returns what the certificate would state.
func (s *Service) ready(ctx context.Context, q db.Querier, enrollmentID int64, now time.Time) (enrollment.Enrollment, Content, error) {
	e, rep, err := s.attendance.Standing(ctx, q, enrollmentID, now)
	if err != nil {
		return e, Content{}, err
	}
	var n int
	if err := q.GetContext(ctx, &n, `SELECT COUNT(*) FROM certificates WHERE enrollment_id = ? AND revoked_on IS NULL`, enrollmentID); err != nil {
		return e, Content{}, err
	}
	if n > 0 {
		return e, Content{}, web.Conflict("certificate.already_issued", "Name", e.PersonName)
	}
	if e.Status != enrollment.Enrolled {
		return e, Content{}, web.Conflict("certificate.not_enrolled", "Name", e.PersonName)
	}
	if !rep.Complete {
		return e, Content{}, web.Conflict("certificate.incomplete", "Name", e.PersonName)
	}
	r, err := s.courses.Run(ctx, q, e.RunID)
	if err != nil {
		return e, Content{}, err
	}
	// A certificate states the run's dates, so it is issued from the run's last day on.
	if courses.PragueDay(now) < r.EndsOn {
		return e, Content{}, web.Conflict("certificate.run_not_over", "Name", e.PersonName, "EndDate", r.EndsOn)
	}
	content, err := s.content(ctx, q, e, rep, now)
	if err != nil {
		return e, Content{}, err
	}
	if content.Kind == string(courses.KindRequalification) {
		if err := recordStillClean(ctx, q, e); err != nil {
			return e, Content{}, err
		}
	}
	return e, content, nil
}

func (s *Service) issue(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, enrollmentID int64, now time.Time) (Certificate, error) {
	d, err := s.draft(ctx, tx, actor, enrollmentID, now)
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

// draft checks that an enrolment's certificate may be issued, takes its number and fixes what it
// states, inside the issuing transaction.
func (s *Service) draft(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, enrollmentID int64, now time.Time) (draft, error) {
	if own, err := enrollment.Get(ctx, tx, enrollmentID); err == nil && own.PersonID == actor.ID {
		return draft{}, web.Forbidden() // an admin's own certificate is another admin's to issue
	}
	e, content, err := s.ready(ctx, tx, enrollmentID, now)
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
