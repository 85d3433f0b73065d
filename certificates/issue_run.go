package certificates

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"

	"mentorlms/enrollment"
	"mentorlms/web"
)

// Skipped is an enrolment a run's issuing passed over, and why.
type Skipped struct {
	EnrollmentID int64   `json:"enrollment_id"`
	Name         string  `json:"name"`
	Reason       web.Msg `json:"-"`
}

// IssueRun issues the certificates of every complete enrolment of a run that has none yet, in
// one action. Completion is worked out afresh for each; those complete but refused (the record
// check) are passed over and named. Certificates are issued eight or more at a time, each
// group in a transaction of its own, every PDF drawn while the next is drafted: a run of a
// thousand does not hold the database's single writer for the whole batch, every
// certificate is whole and gap-free numbered, and running it again after an interruption
// issues the rest.
func (s *Service) IssueRun(ctx context.Context, actor *web.Principal, runID int64, now time.Time) ([]Certificate, []Skipped, error) {
	if !actor.Has(web.RoleAdmin) {
		return nil, nil, web.Forbidden()
	}
	// Refused for the whole run at once, not passed over person by person.
	if err := s.issuable(); err != nil {
		return nil, nil, err
	}
	due, err := s.due(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	var issued []Certificate
	var skipped []Skipped
	// Eight or more per transaction (two per processor, at most 32): enough to keep every
	// processor drawing, few enough that the writer is held briefly and an interruption loses
	// little.
	chunk := min(max(8, 2*runtime.GOMAXPROCS(0)), 32)
	for from := 0; from < len(due); from += chunk {
		part := due[from:min(from+chunk, len(due))]
		var done []Certificate
		var passed []Skipped
		err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
			done, passed = nil, nil
			var drafts []draft
			b, err := s.basisOf(ctx, tx, runID, now)
			if err != nil {
				return err
			}
			es, err := candidates(ctx, tx, part)
			if err != nil {
				return err
			}
			// Each is drawn as soon as it is drafted, while the next is drafted.
			w := newDrawing(len(part))
			for _, due := range part {
				e, own, err := candidate(actor, es, due)
				if err != nil {
					_, _ = w.wait()
					return err
				}
				if own != nil {
					passed = append(passed, *own)
					continue
				}
				d, err := s.draft(ctx, tx, b, e, now)
				if pass, skip := passedOver(err); pass {
					if skip {
						passed = append(passed, Skipped{EnrollmentID: due.ID, Name: due.Name, Reason: reasonOf(err)})
					}
					continue
				}
				if err != nil {
					_, _ = w.wait() // the draft's error is the one to tell
					return err
				}
				w.draw(len(drafts), d.c)
				drafts = append(drafts, d)
			}
			pdfs, err := w.wait()
			if err != nil {
				return err
			}
			for i := range drafts {
				c, err := s.finish(ctx, tx, actor, drafts[i], pdfs[i], now)
				if err != nil {
					return err
				}
				done = append(done, c)
			}
			return nil
		})
		if err != nil {
			return issued, skipped, err
		}
		issued, skipped = append(issued, done...), append(skipped, passed...)
	}
	return issued, skipped, nil
}

// drawing draws certificates' PDFs in parallel, one per processor at a time, while the caller
// goes on drafting the next.
type drawing struct {
	g    errgroup.Group
	pdfs [][]byte
	busy chan struct{}
}

func newDrawing(n int) *drawing {
	return &drawing{pdfs: make([][]byte, n), busy: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// draw starts drawing the i-th PDF of c. It returns at once: it is the drawing that waits for
// a processor, not the caller.
func (w *drawing) draw(i int, c Certificate) {
	w.g.Go(func() error {
		w.busy <- struct{}{}
		defer func() { <-w.busy }()
		pdf, err := RenderPDF(c.Content)
		if err != nil {
			return fmt.Errorf("certificates: render %s: %w", c.Number, err)
		}
		w.pdfs[i] = pdf
		return nil
	})
}

// wait returns the PDFs once all are drawn.
func (w *drawing) wait() ([][]byte, error) { return w.pdfs, w.g.Wait() }

// dueEnrolment is an enrolment of a run without a valid certificate.
type dueEnrolment struct {
	ID   int64  `db:"id"`
	Name string `db:"name"`
}

// due lists the run's enrolments that have no valid certificate, by surname.
func (s *Service) due(ctx context.Context, runID int64) ([]dueEnrolment, error) {
	if _, err := s.courses.Run(ctx, s.db.R, runID); err != nil {
		return nil, err
	}
	var due []dueEnrolment
	err := s.db.R.SelectContext(ctx, &due, `SELECT e.id, p.name FROM enrollments e JOIN persons p ON p.id = e.person_id
		WHERE e.run_id = ? AND e.status = 'enrolled'
		AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrollment_id = e.id AND c.revoked_on IS NULL)
		ORDER BY p.sort_key, e.id`, runID)
	return due, err
}

// passedOver sorts a refusal to issue within a run: pass is true for a refusal that the batch
// goes on after, skip true when it is one to tell the admin about. Those not complete are
// simply not due; one issued meanwhile by someone else neither.
func passedOver(err error) (pass, skip bool) {
	var we *web.Error
	if !errors.As(err, &we) || we.Code != web.CodeConflict {
		return false, false
	}
	return true, we.Msg.Key != "certificate.incomplete" && we.Msg.Key != "certificate.already_issued"
}

func reasonOf(err error) web.Msg {
	we, _ := web.AsError(err)
	return we.Msg
}

// IssuePreview says whether Issue would issue enrolment enrollmentID's certificate now, for its
// confirmation page: the enrolment, and the conflict that would refuse it.
func (s *Service) IssuePreview(ctx context.Context, actor *web.Principal, enrollmentID int64, now time.Time) (enrollment.Enrollment, error) {
	if !actor.Has(web.RoleAdmin) {
		return enrollment.Enrollment{}, web.Forbidden()
	}
	e, b, err := s.single(ctx, s.db.R, actor, enrollmentID, now)
	if err != nil {
		return e, err
	}
	if err := s.issuable(); err != nil {
		return e, err
	}
	_, err = s.ready(ctx, s.db.R, b, e, now)
	return e, err
}

// IssueRunPreview says what IssueRun would do now, for its confirmation page: who would get a
// certificate, and who would be passed over with the reason.
func (s *Service) IssueRunPreview(ctx context.Context, actor *web.Principal, runID int64, now time.Time) ([]string, []Skipped, error) {
	if !actor.Has(web.RoleAdmin) {
		return nil, nil, web.Forbidden()
	}
	due, err := s.due(ctx, runID)
	if err != nil {
		return nil, nil, err
	}
	var ready []string
	var skipped []Skipped
	if len(due) == 0 {
		return ready, skipped, nil
	}
	b, err := s.basisOf(ctx, s.db.R, runID, now)
	if err != nil {
		return nil, nil, err
	}
	es, err := candidates(ctx, s.db.R, due)
	if err != nil {
		return nil, nil, err
	}
	for _, d := range due {
		e, own, err := candidate(actor, es, d)
		if err != nil {
			return nil, nil, err
		}
		if own != nil {
			skipped = append(skipped, *own)
			continue
		}
		_, err = s.ready(ctx, s.db.R, b, e, now)
		if pass, skip := passedOver(err); pass {
			if skip {
				skipped = append(skipped, Skipped{EnrollmentID: d.ID, Name: d.Name, Reason: reasonOf(err)})
			}
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		ready = append(ready, d.Name)
	}
	return ready, skipped, nil
}
