package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"mentorlms/db"
)

// The crash tests start the real binary, kill it with SIGKILL in the middle of writing, and
// check what a restart finds: every acknowledged write, nothing half done, a sound file.

// TestCrashDuringBatchIssue kills the server while it issues a run's certificates, restarts it
// and issues the rest.
func TestCrashDuringBatchIssue(t *testing.T) {
	const n = 120
	path := filepath.Join(t.TempDir(), "crash.db")
	w := newCrashWorld(t, path, n)
	p := serveBinary(t, path)
	go p.send("POST", fmt.Sprintf("/api/v1/runs/%d/certificates", w.done), w.adminToken, "")
	deadline := time.Now().Add(30 * time.Second)
	for {
		// Killed once some certificates are in, while the batch is still going.
		if d, err := db.OpenExisting(context.Background(), path); err == nil {
			var k int
			_ = d.R.Get(&k, `SELECT COUNT(*) FROM certificates`)
			d.Close()
			if k > 0 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("no certificate was issued")
		}
		time.Sleep(5 * time.Millisecond)
	}
	p.kill()
	before := checkSound(t, path)
	t.Logf("killed with %d of %d certificates issued", before, n)
	if before == n {
		t.Log("the batch was over before the kill; the restart has nothing left to issue")
	}
	p = serveBinary(t, path)
	status, body, err := p.send("POST", fmt.Sprintf("/api/v1/runs/%d/certificates", w.done), w.adminToken, "")
	if err != nil {
		t.Fatal(err)
	}
	var answer struct {
		Items []json.RawMessage `json:"items"`
	}
	_ = json.Unmarshal([]byte(body), &answer)
	if before < n && (status != http.StatusCreated || len(answer.Items) != n-before) {
		t.Errorf("issuing again after the crash: %d, %d issued, want the %d left: %.300s", status, len(answer.Items), n-before, body)
	}
	p.kill()
	if after := checkSound(t, path); after != n {
		t.Errorf("%d certificates after issuing again, want %d", after, n)
	}
}

// TestCrashDuringAttendance kills the server in a burst of attendance saves from several
// lecturers' devices: every save it answered is there after the restart.
func TestCrashDuringAttendance(t *testing.T) {
	const n = 400
	path := filepath.Join(t.TempDir(), "crash.db")
	w := newCrashWorld(t, path, n)
	p := serveBinary(t, path)
	var (
		mu    sync.Mutex
		acked []int64
		wg    sync.WaitGroup
	)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += 8 {
				person := w.trainees[i]
				status, _, err := p.send("PUT", fmt.Sprintf("/api/v1/sessions/%d/attendance", w.session), w.lecToken,
					fmt.Sprintf(`[{"person_id":%d,"status":"present"}]`, person))
				if err != nil {
					return // the server is gone
				}
				if status == http.StatusOK {
					mu.Lock()
					acked = append(acked, person)
					mu.Unlock()
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	deadline := time.After(60 * time.Second)
wait:
	for {
		mu.Lock()
		k := len(acked)
		mu.Unlock()
		if k >= 40 {
			break
		}
		select {
		case <-done:
			t.Fatalf("every client stopped with %d saves answered, before the kill", k)
		case <-deadline:
			t.Fatalf("only %d saves answered in a minute", k)
		case <-time.After(2 * time.Millisecond):
			continue wait
		}
	}
	p.kill()
	wg.Wait()
	t.Logf("killed with %d of %d saves answered", len(acked), n)
	checkSound(t, path)
	d, err := db.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	for _, person := range acked {
		var status string
		if err := d.R.Get(&status, `SELECT a.status FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id
			WHERE a.session_id = ? AND e.person_id = ?`, w.session, person); err != nil || status != "present" {
			t.Errorf("the save for person %d was answered, yet after the crash the mark is %q (%v)", person, status, err)
		}
	}
	var audited int
	if err := d.R.Get(&audited, `SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.save'`); err != nil || audited < len(acked) {
		t.Errorf("%d saves answered, %d in the audit log (%v)", len(acked), audited, err)
	}
	if len(acked) == n {
		t.Errorf("every save was answered before the kill; the test killed nothing")
	}
}
