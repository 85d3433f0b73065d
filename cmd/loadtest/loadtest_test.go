package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mentorlms/cmd/internal/wire"
	"mentorlms/db"
)

// The load tool at a tiny scale: its seeding still goes through the services as they are now
// (a rule that changes breaks it here, not on the day someone measures), every request it
// sends is answered as it expects, and the report is written.
func TestLoadToolAtATinyScale(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "load.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	sc := scale{Runs: 2, Seats: 3, Sessions: 5, Seminars: 1, Roster: 4, Times: 1}
	w, err := seed(ctx, d, now, sc, issuer, t.Logf)
	d.Close()
	if err != nil {
		t.Fatal(err)
	}
	size, err := census(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// Every session of the finished runs marked for each of its trainees, the seminar's too, and
	// the running run's first, held yesterday.
	var marks int
	d, err = db.OpenExisting(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.R.Get(&marks, `SELECT COUNT(*) FROM attendance a JOIN sessions s ON s.id = a.session_id
		JOIN runs r ON r.id = s.run_id WHERE r.town = 'Ústí nad Labem'`); err != nil {
		t.Fatal(err)
	}
	if want := sc.Runs*sc.Seats*sc.Sessions + sc.Seminars*sc.Seats + sc.Roster; marks != want || size.Marks < want {
		t.Errorf("%d marks seeded (%s), want %d", marks, size, want)
	}
	app, err := wire.App(ctx, d, time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)),
		wire.Options{Proxies: []string{"127.0.0.1"}, Certificates: issuer})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln)
	defer app.Shutdown()
	addr := ln.Addr().String()
	scratch, err := db.Open(ctx, filepath.Join(t.TempDir(), "bare.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer scratch.Close()
	bareAddr, stop, err := bare(ctx, d, scratch)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ts, err := makeTargets(ctx, d, w, now)
	if err != nil {
		t.Fatal(err)
	}
	rep := report{Scale: sc, Size: size, Clients: 2, Started: now}
	for _, x := range []struct {
		addr string
		t    target
		bare bool
	}{{bareAddr, ts.bareOK, true}, {bareAddr, ts.bareSelect, true}, {addr, ts.catalog, false}, {addr, ts.run, false},
		{addr, ts.mine, false}, {addr, ts.runs, false}, {addr, ts.courses, false}, {addr, ts.verify, false}} {
		r, err := drive(x.addr, x.t, 2, 200*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		if r.Requests == 0 {
			t.Errorf("%s: no request measured", r.Name)
		}
		if x.bare {
			rep.Bare = append(rep.Bare, r)
		} else {
			rep.Reads = append(rep.Reads, r)
		}
	}
	// Five of each in two rounds: the odd one goes to the first round.
	if rep.Commit, rep.Roster, err = alternately(newSeries(bareAddr, ts.bareCommit), newSeries(addr, ts.roster), 5, 2); err != nil {
		t.Fatal(err)
	}
	if rep.Commit.Requests != 5 || rep.Roster.Requests != 5 {
		t.Errorf("%d bare commits and %d roster saves measured, want 5 of each", rep.Commit.Requests, rep.Roster.Requests)
	}
	if rep.Batch, err = issueBatch(addr, ts, w); err != nil {
		t.Fatal(err)
	}
	if rep.Batch.Requests != sc.Seminars*sc.Seats {
		t.Errorf("%d certificates issued, want %d", rep.Batch.Requests, sc.Seminars*sc.Seats)
	}
	doc := markdown([]report{rep, rep})
	for _, want := range []string{"## Reads", "`/my/courses (a trainee)`", "## Writes", "## Memory", "## At more history", "## Before"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
