package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/people"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// buildBinary builds mentorlms once per test run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mentorlms-crash-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "mentorlms")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

var listening = regexp.MustCompile(`Listening on (\S+);`)

// process is the binary serving a database.
type process struct {
	cmd  *exec.Cmd
	base string
}

// serveBinary starts the binary on path, on a free loopback port, and waits until it says where
// it listens.
func serveBinary(t *testing.T, path string) *process {
	t.Helper()
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--db", path, "--addr", "127.0.0.1:0", "--issuer-name", testIssuer.Name,
		"--issuer-address", testIssuer.Address, "--issuer-ico", testIssuer.ICO, "--issuer-place", testIssuer.Place,
		"--issuer-signatory", testIssuer.Signatory)
	cmd.Env = append(os.Environ(), "LANG=C", "LC_ALL=", "LC_MESSAGES=")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd}
	t.Cleanup(func() { p.kill() })
	found := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if m := listening.FindStringSubmatch(s.Text()); m != nil {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case addr, ok := <-found:
		if !ok {
			t.Fatal("the binary ended before serving")
		}
		p.base = "http://" + addr
	case <-time.After(60 * time.Second):
		t.Fatal("the binary did not start")
	}
	return p
}

// kill ends the process with SIGKILL: no shutdown, no flush, as a power cut would.
func (p *process) kill() {
	if p.cmd.ProcessState == nil {
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
	}
}

func (p *process) send(method, path, token, body string) (int, string, error) {
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// crashWorld is a run finished the day before yesterday with n people complete, and a run whose
// session began an hour ago with n people enrolled; an admin and the lecturer have API tokens.
type crashWorld struct {
	done, session        int64
	trainees             []int64 // enrolled in the session's run
	adminToken, lecToken string
}

func newCrashWorld(t *testing.T, path string, n int) crashWorld {
	t.Helper()
	ctx, now := context.Background(), time.Now()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ps := people.NewService(d)
	admin, err := ps.Create(ctx, nil, people.Input{Email: "admin@test.cz", Name: "Jana Dvořáková", Region: "PHA",
		Roles: []string{"admin"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	lec, err := ps.Create(ctx, nil, people.Input{Email: "lektor@test.cz", Name: "Eva Svobodová", Region: "ULK",
		Roles: []string{"lecturer"}}, now)
	if err != nil {
		t.Fatal(err)
	}
	var w crashWorld
	if w.adminToken, err = ps.CreateToken(ctx, "admin@test.cz", people.TokenInput{Name: "crash"}, now); err != nil {
		t.Fatal(err)
	}
	if w.lecToken, err = ps.CreateToken(ctx, "lektor@test.cz", people.TokenInput{Name: "crash"}, now); err != nil {
		t.Fatal(err)
	}
	cs := courses.NewService(d)
	c, err := cs.SaveCourse(ctx, admin.Principal(""), 0, courses.CourseInput{Code: "S-PMS", Title: "Práce Probační a mediační služby",
		Kind: courses.KindCourse, TheoryHours: 2}, now.AddDate(0, 0, -30))
	if err != nil {
		t.Fatal(err)
	}
	today, start := sessionNow(now)
	for k, first := range []time.Time{today.AddDate(0, 0, -2).Add(9 * time.Hour), start} {
		r, err := cs.SaveRun(ctx, admin.Principal(""), c.ID, 0, courses.RunInput{StartsOn: courses.PragueDay(first),
			EndsOn: courses.PragueDay(first), Town: "Most", Address: "Radniční 1", Region: "ULK", Capacity: n,
			Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, now.AddDate(0, 0, -30))
		if err != nil {
			t.Fatal(err)
		}
		ss, err := cs.AddSessions(ctx, admin.Principal(""), r.ID, courses.SessionInput{StartsAt: first.Format(time.RFC3339),
			Minutes: min(90, int(today.AddDate(0, 0, 1).Sub(first).Minutes())), Kind: courses.Theory, Topic: "Úvod",
			LecturerID: lec.ID}, now.AddDate(0, 0, -30))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			p, err := ps.Create(ctx, nil, people.Input{Email: fmt.Sprintf("u%d-%d@test.cz", k, i), Name: fmt.Sprintf("Účastník %d %d", k, i),
				Region: "ULK", BirthDate: "1990-05-17", Roles: []string{"trainee"}}, now)
			if err != nil {
				t.Fatal(err)
			}
			// Enrolled and, in the finished run, complete: rows as the certificate tests make them.
			completed := any(nil)
			if k == 0 {
				completed = db.Stamp(first.Add(2 * time.Hour))
			}
			res, err := d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
				VALUES (?, ?, 'enrolled', '', '', ?)`, r.ID, p.ID, completed)
			if err != nil {
				t.Fatal(err)
			}
			if k == 0 {
				e, _ := res.LastInsertId()
				if _, err := d.W.Exec(`INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, recorded_by,
					recorded_at) VALUES (?, ?, 'present', 90, 'lecturer', ?, '')`, ss[0].ID, e, lec.ID); err != nil {
					t.Fatal(err)
				}
			} else {
				w.trainees = append(w.trainees, p.ID)
			}
		}
		if k == 0 {
			w.done = r.ID
		} else {
			w.session = ss[0].ID
		}
	}
	return w
}

// checkSound opens the database after a crash: the file is sound, certificate numbers are
// unique and without gaps, and every certificate is whole (PDF, content, audit entry, the
// holder's message). It returns how many certificates there are.
func checkSound(t *testing.T, path string) int {
	t.Helper()
	d, err := db.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var ok string
	if err := d.R.Get(&ok, `PRAGMA integrity_check`); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	var seqs []int
	if err := d.R.Select(&seqs, `SELECT seq FROM certificates ORDER BY series, year, seq`); err != nil {
		t.Fatal(err)
	}
	for i, s := range seqs {
		if s != i+1 {
			t.Fatalf("certificate numbers %v are not 1 to %d without gaps", seqs, len(seqs))
		}
	}
	var last int
	if err := d.R.Get(&last, `SELECT COALESCE(MAX(last), 0) FROM certificate_counters`); err != nil || last != len(seqs) {
		t.Fatalf("the counter says %d (%v), %d certificates exist", last, err, len(seqs))
	}
	var half int
	if err := d.R.Get(&half, `SELECT COUNT(*) FROM certificates c WHERE length(c.pdf) < 1000 OR c.content = ''
		OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'certificate.issue' AND a.entity_id = c.id)
		OR NOT EXISTS (SELECT 1 FROM notifications n WHERE n.key = 'certificate-issued:' || c.id)`); err != nil || half != 0 {
		t.Fatalf("%d certificates are half issued (%v)", half, err)
	}
	return len(seqs)
}
