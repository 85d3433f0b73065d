package db_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/db"
)

func TestBackupDuringWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d := open(t, filepath.Join(dir, "live.db"))
	newTable(t, d)

	type ack struct {
		id           int64
		beforeBackup bool
	}
	var (
		mu      sync.Mutex
		acks    []ack
		started atomic.Bool // set just before Backup is called
		stop    = make(chan struct{})
		wg      sync.WaitGroup
		errs    = make(chan error, 4)
	)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var id int64
				err := d.Tx(ctx, func(tx *sqlx.Tx) error {
					res, err := tx.Exec(`INSERT INTO t (v) VALUES (?)`, fmt.Sprintf("g%d-%d", g, i))
					if err != nil {
						return err
					}
					id, err = res.LastInsertId()
					return err
				})
				if err != nil {
					errs <- err
					return
				}
				// Read after the commit returned: false means it was acknowledged before Backup began.
				before := !started.Load()
				mu.Lock()
				acks = append(acks, ack{id, before})
				mu.Unlock()
			}
		}()
	}
	acked := func() int { mu.Lock(); defer mu.Unlock(); return len(acks) }
	for deadline := time.Now().Add(30 * time.Second); acked() < 200; {
		if time.Now().After(deadline) {
			t.Fatalf("writers acknowledged only %d rows", acked())
		}
		time.Sleep(time.Millisecond)
	}
	started.Store(true)
	backup := filepath.Join(dir, "backup.db")
	berr := db.Backup(ctx, d, backup)
	atBackupEnd := acked()
	for deadline := time.Now().Add(30 * time.Second); acked() < atBackupEnd+50 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond) // keep writing after the backup too
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("writer: %v", err)
	}
	if berr != nil {
		t.Fatalf("Backup: %v", berr)
	}

	b := open(t, backup)
	var check string
	if err := b.R.Get(&check, `PRAGMA integrity_check`); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v; want ok", check, err)
	}
	var ids []int64
	if err := b.R.Select(&ids, `SELECT id FROM t`); err != nil {
		t.Fatal(err)
	}
	inBackup := make(map[int64]bool, len(ids))
	for _, id := range ids {
		inBackup[id] = true
	}
	nBefore := 0
	for _, a := range acks {
		if a.beforeBackup {
			nBefore++
			if !inBackup[a.id] {
				t.Errorf("row %d was acknowledged before the backup began but is missing from it", a.id)
			}
		}
	}
	if nBefore < 200 || len(ids) > len(acks) {
		t.Errorf("%d rows acknowledged before the backup, %d in it, %d in all", nBefore, len(ids), len(acks))
	}
	if n := count(t, b.R, `SELECT COUNT(*) FROM regions`); n != 14 {
		t.Errorf("backup has %d regions, want 14", n)
	}
	assertNoTempFiles(t, dir)
}

func TestBackupRefusesExistingPath(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	d := open(t, filepath.Join(dir, "live.db"))
	tests := []struct {
		name    string
		content []byte
	}{
		{"non-empty file", []byte("yesterday's backup")},
		{"empty file", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".db")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := db.Backup(ctx, d, path); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Errorf("Backup over an existing file: err = %v, want already exists", err)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != string(tt.content) {
				t.Errorf("existing file now holds %q, %v; want %q untouched", got, err, tt.content)
			}
			assertNoTempFiles(t, dir)
		})
	}
	t.Run("missing directory", func(t *testing.T) {
		if err := db.Backup(ctx, d, filepath.Join(dir, "no", "such", "dir.db")); err == nil {
			t.Error("Backup into a missing directory succeeded")
		}
	})
}

// assertNoTempFiles fails when Backup left its temporary file behind.
func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".backup-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
