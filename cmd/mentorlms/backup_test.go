package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/db"
)

// TestBackupWhileServing takes a backup with the command while the server acknowledges new
// people through the API, and checks that the backup opens and holds every person whose
// creation was acknowledged before the backup began.
func TestBackupWhileServing(t *testing.T) {
	speak(t, "C")
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	if code, _, errOut := runCLI(t, "velmi-tajne-heslo\n", "user", "add", "--db", path, "--email", "admin@test.cz",
		"--name", "Jana Dvořáková", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := runCLI(t, "", "token", "create", "--db", path, "--email", "admin@test.cz", "--name", "test")
	token := strings.TrimSpace(out)
	srv := startServer(t, config{DB: path})

	var (
		mu       sync.Mutex
		acked    []int64 // ids acknowledged before the backup started
		started  bool
		stop     = make(chan struct{})
		wg       sync.WaitGroup
		failures []string
	)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf(`{"name":"Účastník %d-%d","email":"u%d-%d@test.cz","birth_date":"1990-01-01","region":"ULK","roles":["trainee"]}`, w, i, w, i)
				req, _ := http.NewRequest("POST", srv.base+"/api/v1/people", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					mu.Lock()
					failures = append(failures, err.Error())
					mu.Unlock()
					return
				}
				var p struct{ ID int64 }
				err = json.NewDecoder(resp.Body).Decode(&p)
				resp.Body.Close()
				mu.Lock()
				if resp.StatusCode != http.StatusCreated || err != nil {
					failures = append(failures, fmt.Sprintf("status %d %v", resp.StatusCode, err))
				} else if !started {
					acked = append(acked, p.ID)
				}
				mu.Unlock()
			}
		}()
	}
	// Let some writes land first (bounded: failing writes must end the test, not hang it).
	for deadline := time.Now().Add(30 * time.Second); ; {
		mu.Lock()
		n, failed := len(acked), len(failures)
		mu.Unlock()
		if n >= 40 {
			break
		}
		if failed > 0 || time.Now().After(deadline) {
			close(stop)
			wg.Wait()
			t.Fatalf("only %d writes acknowledged; failures: %v", n, failures[:min(3, len(failures))])
		}
		time.Sleep(5 * time.Millisecond)
	}
	mu.Lock()
	started = true
	before := append([]int64(nil), acked...)
	mu.Unlock()
	target := filepath.Join(dir, "backup.db")
	code, _, errOut := runCLI(t, "", "backup", "--db", path, target)
	close(stop)
	wg.Wait()
	if code != 0 {
		t.Fatalf("backup: %d %s", code, errOut)
	}
	if len(failures) > 0 {
		t.Fatalf("writes failed during the backup: %v", failures[:min(3, len(failures))])
	}
	b, err := db.Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var check string
	if err := b.R.Get(&check, `PRAGMA integrity_check`); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	for _, id := range before {
		var n int
		if err := b.R.Get(&n, `SELECT COUNT(*) FROM persons WHERE id = ?`, id); err != nil || n != 1 {
			t.Errorf("person %d acknowledged before the backup is missing from it", id)
		}
	}
	if code, _, errOut := runCLI(t, "", "backup", "--db", path, target); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file: %d %s", code, errOut)
	}
}
