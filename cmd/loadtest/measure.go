package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"mentorlms/db"
)

// memory is the resident set of this process in bytes (Linux; 0 elsewhere).
func memory() int64 { return status("VmRSS:") }

// peak is the highest resident set since the last resetPeak.
func peak() int64 { return status("VmHWM:") }

// resetPeak starts measuring the peak anew (Linux 4.0 and later).
func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func status(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// size is what the seeded database holds.
type size struct {
	People, Runs, Sessions, Marks, Certificates, Audit int
	Bytes, AuditBytes                                  int64
}

func (s size) String() string {
	return fmt.Sprintf("%d people, %d runs, %d sessions, %d attendance marks, %d certificates, %d audit entries; %.0f MB",
		s.People, s.Runs, s.Sessions, s.Marks, s.Certificates, s.Audit, float64(s.Bytes)/(1<<20))
}

// census counts the seeded database, opened afresh.
func census(ctx context.Context, path string) (size, error) {
	d, err := db.OpenExisting(ctx, path)
	if err != nil {
		return size{}, err
	}
	defer d.Close()
	var s size
	err = d.R.GetContext(ctx, &s.People, `SELECT COUNT(*) FROM persons`)
	for _, c := range []struct {
		n *int
		q string
	}{{&s.Runs, `SELECT COUNT(*) FROM runs`}, {&s.Sessions, `SELECT COUNT(*) FROM sessions`},
		{&s.Marks, `SELECT COUNT(*) FROM attendance`}, {&s.Certificates, `SELECT COUNT(*) FROM certificates`},
		{&s.Audit, `SELECT COUNT(*) FROM audit_log`}} {
		if err == nil {
			err = d.R.GetContext(ctx, c.n, c.q)
		}
	}
	if err == nil {
		err = d.R.GetContext(ctx, &s.Bytes, `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`)
	}
	if err == nil {
		err = d.R.GetContext(ctx, &s.AuditBytes, `SELECT COALESCE(SUM(length(COALESCE(before, '')) + length(COALESCE(after, ''))), 0) FROM audit_log`)
	}
	return s, err
}
