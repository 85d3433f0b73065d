package certificates_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

var now = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

// world is a finished one-day seminar whose n trainees attended its only session, so every
// enrolment is complete; and an admin to issue.
type world struct {
	ctx         context.Context
	d           *db.DB
	s           *certificates.Service
	admin       *web.Principal
	run         int64
	enrollments []int64
}

func newWorld(tb testing.TB, n int, kind courses.Kind) *world {
	tb.Helper()
	ctx := context.Background()
	d := dbtest.Open(tb)
	ps := people.NewService(d)
	a, err := ps.Create(ctx, nil, people.Input{Email: "admin@test.cz", Name: "Jana Dvořáková", Roles: []string{"admin"}}, now)
	if err != nil {
		tb.Fatal(err)
	}
	lec, err := ps.Create(ctx, nil, people.Input{Email: "eva@test.cz", Name: "Eva Svobodová", TitlesBefore: "Mgr.",
		Roles: []string{"lecturer"}}, now)
	if err != nil {
		tb.Fatal(err)
	}
	cs := courses.NewService(d)
	in := courses.CourseInput{Code: "PMS", Title: "Práce Probační a mediační služby", Kind: kind, TheoryHours: 2}
	c, err := cs.SaveCourse(ctx, nil, 0, in, now)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14", Town: "Děčín",
		Capacity: 40, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, now.AddDate(0, -2, 0))
	if err != nil {
		tb.Fatal(err)
	}
	ss, err := cs.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: "2026-04-14T09:00:00+02:00", Minutes: 90,
		Kind: courses.Theory, LecturerID: lec.ID, Topic: "Úvod"}, now.AddDate(0, -2, 0))
	if err != nil {
		tb.Fatal(err)
	}
	w := &world{ctx: ctx, d: d, admin: a.Principal(""), run: r.ID}
	w.s = certificates.NewService(d, attendance.NewService(d, enrollment.NewService(d)))
	w.s.Issuer = configuredIssuer
	tx, err := d.W.Beginx()
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		res, err := tx.Exec(`INSERT INTO persons (email, name, birth_date, region_code, search, sort_key, created_at, updated_at)
			VALUES (?, ?, '1990-01-01', 'ULK', '', ?, '', '')`, fmt.Sprintf("u%04d@test.cz", i), fmt.Sprintf("Účastník %04d", i), fmt.Sprintf("%04d", i))
		if err != nil {
			tb.Fatal(err)
		}
		p, _ := res.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at) VALUES (?, '2026-03-01', 1, '2026-03-02', '')`, p); err != nil {
			tb.Fatal(err)
		}
		res, err = tx.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
			VALUES (?, ?, 'enrolled', '', '', '2026-04-14T12:00:00Z')`, r.ID, p)
		if err != nil {
			tb.Fatal(err)
		}
		e, _ := res.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, recorded_by, recorded_at)
			VALUES (?, ?, 'present', 90, 'lecturer', ?, '')`, ss[0].ID, e, lec.ID); err != nil {
			tb.Fatal(err)
		}
		w.enrollments = append(w.enrollments, e)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return w
}

func code(err error) web.Code {
	var e *web.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Many admins issuing at once: every certificate gets a number, the numbers of the year run
// 1, 2, 3 … without a gap or a repeat, and nobody's enrolment gets two.
func TestNumberingUnderConcurrency(t *testing.T) {
	w := newWorld(t, 40, courses.KindCourse)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var numbers []string
	var seqs []int
	for _, e := range append(w.enrollments, w.enrollments[:10]...) { // ten of them twice
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := w.s.Issue(w.ctx, w.admin, e, now)
			if err != nil {
				if code(err) != web.CodeConflict {
					t.Errorf("issue %d: %v", e, err)
				}
				return
			}
			mu.Lock()
			numbers, seqs = append(numbers, c.Number), append(seqs, c.Seq)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(seqs) != 40 {
		t.Fatalf("%d certificates for 40 enrolments", len(seqs))
	}
	sort.Ints(seqs)
	for i, s := range seqs {
		if s != i+1 {
			t.Fatalf("numbers %v have a gap or a repeat at %d", seqs, i)
		}
	}
	seen := map[string]bool{}
	for _, n := range numbers {
		if seen[n] {
			t.Fatalf("number %s twice", n)
		}
		seen[n] = true
	}
	if !seen["S/2026/0001"] || !seen["S/2026/0040"] {
		t.Errorf("numbers %v", numbers)
	}
}

// A failure in the middle of issuing — here a refusal after the number was taken — leaves no
// gap: the number goes to the next certificate.
func TestNoGapWhenIssuingFails(t *testing.T) {
	w := newWorld(t, 2, courses.KindCourse)
	// The write of the first certificate fails after its number was taken, as a full disk would.
	if _, err := w.d.W.Exec(`CREATE TRIGGER refuse BEFORE INSERT ON certificates WHEN NEW.enrollment_id = ` +
		fmt.Sprint(w.enrollments[0]) + ` BEGIN SELECT RAISE(ABORT, 'disk full'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now); err == nil {
		t.Fatal("issued despite the failure")
	}
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[1], now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Number != "S/2026/0001" {
		t.Errorf("after a failed issue the next number is %s", c.Number)
	}
}

func TestIssueRefusals(t *testing.T) {
	w := newWorld(t, 3, courses.KindCourse)
	if _, err := w.s.Issue(w.ctx, &web.Principal{ID: 99, Roles: []web.Role{web.RoleCoordinator}}, w.enrollments[0], now); code(err) != web.CodeForbidden {
		t.Errorf("a coordinator issued: %v", err)
	}
	if _, err := w.d.W.Exec(`UPDATE attendance SET status = 'absent', minutes = 0 WHERE enrollment_id = ?`, w.enrollments[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now); code(err) != web.CodeConflict {
		t.Errorf("an incomplete enrolment: %v", err)
	}
	before := time.Date(2026, 4, 13, 12, 0, 0, 0, time.UTC)
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[1], before); code(err) != web.CodeConflict {
		t.Errorf("issued before the run's last day: %v", err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[1], now); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[1], now); code(err) != web.CodeConflict {
		t.Errorf("issued twice: %v", err)
	}
	var n int
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM certificates`); err != nil || n != 1 {
		t.Errorf("%d certificates", n)
	}
	// Issuing the run leaves the incomplete one alone and issues the third.
	issued, skipped, err := w.s.IssueRun(w.ctx, w.admin, w.run, now)
	if err != nil || len(issued) != 1 || issued[0].EnrollmentID != w.enrollments[2] || len(skipped) != 0 {
		t.Errorf("the run: %v issued, %v skipped, %v", issued, skipped, err)
	}
}

// An admin enrolled in the run they issue is passed over, named, in the preview and the batch,
// and everyone else is issued across several transactions, numbered without a gap; their own
// certificate, asked for alone, is refused.
func TestIssueRunPassesOverTheIssuersOwn(t *testing.T) {
	w := newWorld(t, 20, courses.KindCourse)
	var own int64
	if err := w.d.R.Get(&own, `SELECT person_id FROM enrollments WHERE id = ?`, w.enrollments[9]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.W.Exec(`INSERT INTO person_roles (person_id, role) VALUES (?, 'admin')`, own); err != nil {
		t.Fatal(err)
	}
	issuer := &web.Principal{ID: own, Roles: []web.Role{web.RoleAdmin}}
	if _, err := w.s.Issue(w.ctx, issuer, w.enrollments[9], now); code(err) != web.CodeForbidden {
		t.Errorf("their own certificate, alone: %v", err)
	}
	ready, skipped, err := w.s.IssueRunPreview(w.ctx, issuer, w.run, now)
	if err != nil || len(ready) != 19 || len(skipped) != 1 || skipped[0].EnrollmentID != w.enrollments[9] ||
		skipped[0].Reason.Key != "certificate.own" {
		t.Fatalf("preview: %d ready, %+v skipped, %v", len(ready), skipped, err)
	}
	issued, skipped, err := w.s.IssueRun(w.ctx, issuer, w.run, now)
	if err != nil || len(issued) != 19 || len(skipped) != 1 || skipped[0].Reason.Key != "certificate.own" {
		t.Fatalf("the run: %d issued, %+v skipped, %v", len(issued), skipped, err)
	}
	var seqs []int
	if err := w.d.R.Select(&seqs, `SELECT seq FROM certificates ORDER BY seq`); err != nil {
		t.Fatal(err)
	}
	for i, n := range seqs {
		if n != i+1 {
			t.Fatalf("numbers %v", seqs)
		}
	}
	var mine int
	if err := w.d.R.Get(&mine, `SELECT COUNT(*) FROM certificates WHERE enrollment_id = ?`, w.enrollments[9]); err != nil || mine != 0 {
		t.Errorf("the issuer's own certificate was issued (%d, %v)", mine, err)
	}
}

// A course whose certificates state the place of birth will not issue one without it, and
// prints it when it is there.
func TestBirthPlace(t *testing.T) {
	w := newWorld(t, 1, courses.KindCourse)
	if _, err := w.d.W.Exec(`UPDATE courses SET requires_birth_place = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now); code(err) != web.CodeConflict {
		t.Errorf("issued without a place of birth: %v", err)
	}
	if _, err := w.d.W.Exec(`UPDATE persons SET birth_place = 'Ústí nad Labem' WHERE email LIKE 'u%'`); err != nil {
		t.Fatal(err)
	}
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil || c.Content.Holder.BirthPlace != "Ústí nad Labem" {
		t.Fatalf("issued %+v: %v", c.Content.Holder, err)
	}
	b, _, err := w.s.PDF(w.ctx, w.admin, c.ID, false, now)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, b); !strings.Contains(text, "datum a místo narození: 1. 1. 1990, Ústí nad Labem") {
		t.Errorf("the certificate reads:\n%s", text)
	}
}

// Duplicates: pressed many times at once on one day, one duplicate is made.
func TestDuplicateOncePerDay(t *testing.T) {
	w := newWorld(t, 1, courses.KindCourse)
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.s.Duplicate(w.ctx, w.admin, c.ID, now); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var n int
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM certificate_duplicates`); err != nil || n != 1 {
		t.Errorf("%d duplicates (%v)", n, err)
	}
	if _, err := w.s.Duplicate(w.ctx, w.admin, c.ID, now.AddDate(0, 0, 1)); err != nil {
		t.Fatal(err)
	}
	if err := w.d.R.Get(&n, `SELECT COUNT(*) FROM certificate_duplicates`); err != nil || n != 2 {
		t.Errorf("the next day: %d duplicates (%v)", n, err)
	}
}

func TestRequalificationChecksTheRecordAgain(t *testing.T) {
	w := newWorld(t, 1, courses.KindWorkshop)
	if _, err := w.d.W.Exec(`UPDATE courses SET kind = 'requalification'`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.d.W.Exec(`INSERT INTO record_checks (person_id, issued_on, clean, verified_on, created_at)
		SELECT person_id, '2026-04-20', 0, '2026-04-21', '' FROM enrollments`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now); code(err) != web.CodeConflict {
		t.Errorf("a requalification certificate despite a record that is not clean: %v", err)
	}
}

func TestRevokeAndVerify(t *testing.T) {
	w := newWorld(t, 1, courses.KindCourse)
	c, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil {
		t.Fatal(err)
	}
	v, err := w.s.Verify(w.ctx, c.Code, now)
	if err != nil || v.Status != certificates.Valid || v.Holder != "Účastník 0000" || v.Hours != 2 {
		t.Errorf("verification %+v %v", v, err)
	}
	if _, err := w.s.Revoke(w.ctx, w.admin, c.ID, "  ", now); code(err) != web.CodeInvalid {
		t.Errorf("a revocation without a reason: %v", err)
	}
	if _, err := w.s.Revoke(w.ctx, w.admin, c.ID, "bad\x00byte", now); code(err) != web.CodeInvalid {
		t.Errorf("a reason with a NUL: %v", err)
	}
	if _, err := w.s.Revoke(w.ctx, w.admin, c.ID, "Vydáno omylem\r\nNahrazeno novým", now); err != nil {
		t.Fatal(err)
	}
	var told int
	if err := w.d.R.Get(&told, `SELECT COUNT(*) FROM notifications WHERE kind = 'certificate_revoked' AND person_id = ?`, c.PersonID); err != nil || told != 1 {
		t.Errorf("the holder was told %d times (%v)", told, err)
	}
	if _, err := w.s.Revoke(w.ctx, w.admin, c.ID, "Znovu", now); code(err) != web.CodeConflict {
		t.Errorf("revoked twice: %v", err)
	}
	v, err = w.s.Verify(w.ctx, c.Code, now)
	if err != nil || v.Status != certificates.Revoked || v.Reason != "Vydáno omylem\nNahrazeno novým" || v.RevokedOn != "2026-05-04" {
		t.Errorf("after revocation %+v %v", v, err)
	}
	if _, err := w.s.Verify(w.ctx, "ZZZZZZZZZZZZ", now); !errors.Is(err, certificates.ErrNotFound) {
		t.Errorf("an unknown code: %v", err)
	}
	// A corrected certificate follows the revoked one under a new number.
	fixed, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now)
	if err != nil || fixed.Number != "S/2026/0002" {
		t.Fatalf("re-issue after revocation: %+v %v", fixed.Number, err)
	}
	if _, err := w.s.Issue(w.ctx, w.admin, w.enrollments[0], now); code(err) != web.CodeConflict {
		t.Errorf("a second valid certificate: %v", err)
	}
}

// BenchmarkIssueBatch issues the certificates of a run of 1,000 completed enrolments in one
// batch, PDFs included.
func BenchmarkIssueBatch(b *testing.B) {
	for range b.N {
		b.StopTimer()
		w := newWorld(b, 1000, courses.KindCourse)
		b.StartTimer()
		issued, _, err := w.s.IssueRun(w.ctx, w.admin, w.run, now)
		if err != nil || len(issued) != 1000 {
			b.Fatalf("%d issued: %v", len(issued), err)
		}
	}
}
