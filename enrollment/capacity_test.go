package enrollment_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/enrollment/enrolltest"
	"mentorlms/web"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type world struct {
	ctx      context.Context
	d        *db.DB
	s        *enrollment.Service
	admin    *web.Principal
	run      courses.Run
	trainees []int64
}

// newWorld is enrolltest's world with the enrolment service over it.
func newWorld(t testing.TB, n int) *world {
	t.Helper()
	e := enrolltest.New(t, n, now)
	return &world{ctx: e.Ctx, d: e.D, s: enrollment.NewService(e.D), admin: e.Admin, run: e.Run, trainees: e.Trainees}
}

func (w *world) roster(t *testing.T) map[enrollment.Status][]int64 {
	t.Helper()
	es, err := enrollment.Roster(w.ctx, w.d.R, w.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[enrollment.Status][]int64{}
	for _, e := range es {
		out[e.Status] = append(out[e.Status], e.ID)
	}
	return out
}

// Fifty people enrolled at once into nine seats: exactly nine get seats, the rest wait in
// arrival order, and nothing is lost.
func TestCapacityUnderConcurrency(t *testing.T) {
	w := newWorld(t, 50)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for _, id := range w.trainees {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, id, now); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("apply: %v", err)
	}
	got := w.roster(t)
	if len(got[enrollment.Enrolled]) != 9 || len(got[enrollment.Waitlisted]) != 41 {
		t.Fatalf("enrolled %d, waitlisted %d", len(got[enrollment.Enrolled]), len(got[enrollment.Waitlisted]))
	}
	all := append(append([]int64{}, got[enrollment.Enrolled]...), got[enrollment.Waitlisted]...)
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	for i, id := range got[enrollment.Enrolled] {
		if id != all[i] {
			t.Errorf("seat %d went to arrival %d, not to the %d-th arrival", i, id, i+1)
		}
	}

	// Withdrawals and new applications at once: capacity holds, and each freed seat goes to the
	// earliest waiting arrival.
	firstWaiting := got[enrollment.Waitlisted][:3]
	var wg2 sync.WaitGroup
	for _, id := range got[enrollment.Enrolled][:3] {
		wg2.Add(1)
		go func() {
			defer wg2.Done()
			if _, err := w.s.Withdraw(w.ctx, w.admin, id, now); err != nil {
				t.Errorf("withdraw %d: %v", id, err)
			}
		}()
	}
	wg2.Wait()
	got = w.roster(t)
	if len(got[enrollment.Enrolled]) != 9 || len(got[enrollment.Withdrawn]) != 3 || len(got[enrollment.Waitlisted]) != 38 {
		t.Fatalf("after withdrawals: %d enrolled, %d withdrawn, %d waiting", len(got[enrollment.Enrolled]),
			len(got[enrollment.Withdrawn]), len(got[enrollment.Waitlisted]))
	}
	for _, id := range firstWaiting {
		found := false
		for _, e := range got[enrollment.Enrolled] {
			found = found || e == id
		}
		if !found {
			t.Errorf("waiting arrival %d was passed over", id)
		}
	}
	var notices int
	if err := w.d.R.Get(&notices, `SELECT COUNT(*) FROM notifications WHERE kind = 'seat_freed'`); err != nil || notices != 3 {
		t.Errorf("seat-freed notifications: %d, %v", notices, err)
	}
}

func TestApplyRefusals(t *testing.T) {
	w := newWorld(t, 2)
	me := &web.Principal{ID: w.trainees[0], Roles: []web.Role{web.RoleTrainee}, Region: "ULK"}
	e, out, err := w.s.Apply(w.ctx, me, w.run.ID, w.trainees[0], now)
	if err != nil || e.Status != enrollment.Pending || !enrollment.Eligible(out) {
		t.Fatalf("self-application: %+v %v", e, err)
	}
	if _, _, err := w.s.Apply(w.ctx, me, w.run.ID, w.trainees[0], now); err == nil {
		t.Error("applied twice")
	} else if we, _ := web.AsError(err); we.Code != web.CodeConflict {
		t.Errorf("twice: %v", err)
	}
	if _, _, err := w.s.Apply(w.ctx, me, w.run.ID, w.trainees[1], now); err == nil {
		t.Error("a trainee applied for someone else")
	}
	other := &web.Principal{ID: 999, Roles: []web.Role{web.RoleCoordinator}, Region: "MSK"}
	if _, _, err := w.s.Approve(w.ctx, other, e.ID, now); err == nil {
		t.Error("a coordinator of another region approved")
	} else if we, _ := web.AsError(err); we.Code != web.CodeForbidden {
		t.Errorf("other region: %v", err)
	}
	// The extract ages past 90 days by the time of approval: refused, listing the rule.
	_, _, err = w.s.Approve(w.ctx, w.admin, e.ID, time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC))
	if we, ok := web.AsError(err); !ok || we.Code != web.CodeInvalid || we.Fields["record_check"].Key != "rule.record.old.staff" {
		t.Errorf("stale extract: %v", err)
	}
	got, _, err := w.s.Approve(w.ctx, w.admin, e.ID, now)
	if err != nil || got.Status != enrollment.Enrolled {
		t.Errorf("approve: %+v %v", got, err)
	}
	if _, _, err := w.s.Approve(w.ctx, w.admin, e.ID, now); err == nil {
		t.Error("approved twice")
	}
	cs := courses.NewService(w.d)
	if _, err := cs.SetStatus(w.ctx, nil, w.run.ID, courses.StatusCancelled, "Zrušeno", now); err != nil {
		t.Fatal(err)
	}
	if _, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, w.trainees[1], now); err == nil {
		t.Error("applied to a cancelled run")
	}
}

// The maximum age of the extract is the installation's to set.
func TestRecordMaxAgeConfigured(t *testing.T) {
	w := newWorld(t, 1)
	w.s.RecordMaxAge = 14 // the world's extracts were issued on 1 February
	_, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, w.trainees[0], now)
	if we, ok := web.AsError(err); !ok || we.Fields["record_check"].Key != "rule.record.old.staff" || we.Fields["record_check"].Args["Count"] != 14 {
		t.Errorf("%v", err)
	}
}

// Seats that a raised capacity frees go to those already waiting, in order, before anyone new;
// a later applicant never overtakes the waitlist.
func TestRaisedCapacityServesTheWaitlistFirst(t *testing.T) {
	w := newWorld(t, 12)
	for _, id := range w.trainees[:11] {
		if _, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, id, now); err != nil {
			t.Fatal(err)
		}
	}
	before := w.roster(t)
	if len(before[enrollment.Waitlisted]) != 2 {
		t.Fatalf("waiting %v", before[enrollment.Waitlisted])
	}
	cs := courses.NewService(w.d)
	if _, err := cs.SaveRun(w.ctx, nil, w.run.CourseID, w.run.ID, courses.RunInput{StartsOn: w.run.StartsOn, EndsOn: w.run.EndsOn,
		Town: "Děčín", Capacity: 10, LecturerIDs: w.run.LecturerIDs}, now); err != nil {
		t.Fatal(err)
	}
	e, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, w.trainees[11], now)
	if err != nil || e.Status != enrollment.Waitlisted {
		t.Fatalf("the newcomer: %+v %v", e, err)
	}
	after := w.roster(t)
	if len(after[enrollment.Enrolled]) != 10 || after[enrollment.Waitlisted][0] != before[enrollment.Waitlisted][1] ||
		after[enrollment.Waitlisted][1] != e.ID {
		t.Errorf("after: %v", after)
	}
}

// A run that has begun takes no applications, even while an admin has not yet marked it running.
func TestStartedRunTakesNoApplications(t *testing.T) {
	w := newWorld(t, 1)
	_, _, err := w.s.Apply(w.ctx, w.admin, w.run.ID, w.trainees[0], time.Date(2026, 4, 14, 8, 0, 0, 0, time.UTC))
	if we, ok := web.AsError(err); !ok || we.Code != web.CodeConflict {
		t.Errorf("%v", err)
	}
}
