// Command loadtest measures the product at scale on this machine. It seeds a fresh database
// through the product's own services (the demo, then history: finished requalification runs
// with every session marked), serves the product in this process on loopback, drives its
// busiest pages and API lists with concurrent clients, saves a roster again and again, issues a
// batch of certificates, and measures bare fiber handlers in the same run for comparison. It
// prints the figures and writes them to docs/performance.md. It stops by itself.
//
//	go run ./cmd/loadtest                # the default scale, about 10,000 people
//	go run ./cmd/loadtest -history 1,2   # and again at twice the history, side by side
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"mentorlms/certificates"
	"mentorlms/cmd/internal/wire"
	"mentorlms/db"
)

func main() {
	history := flag.String("history", "1", "how many times the default history (500 finished runs) to seed; a list measures each")
	runs := flag.Int("runs", 0, "finished runs to seed instead (a quick look)")
	clients := flag.Int("clients", 64, "concurrent connections")
	duration := flag.Duration("duration", 4*time.Second, "how long each target is measured")
	rosters := flag.Int("rosters", 300, "roster saves, one after another")
	out := flag.String("out", "docs/performance.md", "where the figures are written (\"\": nowhere)")
	dir := flag.String("dir", "", "where the database is made (default: a temporary directory, removed after)")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the load (not the seeding) to this file")
	probe := flag.String("idle-probe", "", "(used by the tool itself) serve this database, print the idle resident set, exit")
	only := flag.String("only", "", "measure only what is named so (a read's name, \"roster\" or \"certificates\"; a quick look, written nowhere)")
	flag.Parse()
	if *probe != "" {
		if err := idleProbe(context.Background(), *probe); err != nil {
			fmt.Fprintln(os.Stderr, "loadtest:", err)
			os.Exit(1)
		}
		return
	}
	if *only != "" {
		*out = ""
	}
	if err := measureAll(*history, *runs, *clients, *duration, *rosters, *out, *dir, *profile, *only); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// measureAll measures the product at each scale of history in turn, each on a database of its
// own, and writes the figures.
func measureAll(history string, runs, clients int, d time.Duration, rosters int, out, dir, profile, only string) error {
	var reps []report
	for i, h := range strings.Split(history, ",") {
		times, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || times < 1 {
			return fmt.Errorf("-history: %q is not a positive whole number", h)
		}
		sub := dir
		if sub != "" {
			sub = filepath.Join(dir, strconv.Itoa(times))
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if i > 0 {
			profile = "" // the first scale's profile is the one kept
		}
		rep, err := measure(context.Background(), times, runs, clients, d, rosters, sub, profile, only)
		if err != nil {
			return err
		}
		if only == "" {
			fmt.Print(rep.text())
		}
		reps = append(reps, rep)
	}
	if out == "" || only != "" {
		return nil
	}
	return os.WriteFile(out, []byte(markdown(reps)), 0o644)
}

// measure seeds a database at a scale, serves it and drives it.
func measure(ctx context.Context, history, runs, clients int, d time.Duration, rosters int, dir, profile, only string) (report, error) {
	if clients < 1 || rosters < 1 || d <= 0 {
		return report{}, fmt.Errorf("-clients, -rosters and -duration must be positive")
	}
	began := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "loadtest %5.0fs: %s\n", time.Since(began).Seconds(), fmt.Sprintf(format, args...))
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "mentorlms-load-")
		if err != nil {
			return report{}, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	path := filepath.Join(dir, "load.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	sc := defaultScale(history)
	if runs > 0 {
		sc.Runs = runs
	}
	certs := issuer
	seeded, err := db.Open(ctx, path)
	if err != nil {
		return report{}, err
	}
	logf("seeding %d finished runs of %d trainees and %d sessions, and %d seminars, through the services",
		sc.Runs, sc.Seats, sc.Sessions, sc.Seminars)
	now := time.Now()
	w, err := seed(ctx, seeded, now, sc, certs, logf)
	seeded.Close()
	if err != nil {
		return report{}, err
	}
	size, err := census(ctx, path)
	if err != nil {
		return report{}, err
	}
	logf("seeded: %s", size)

	// What the seeding left behind goes back to the system before the product serves here,
	// with the memory limit that mentorlms runs with.
	runtime.GC()
	debug.FreeOSMemory()
	wire.LimitMemory()
	d0, err := db.Open(ctx, path)
	if err != nil {
		return report{}, err
	}
	defer d0.Close()
	app, err := wire.App(ctx, d0, time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), wire.Options{
		Proxies: []string{"127.0.0.1"}, Certificates: certs})
	if err != nil {
		return report{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return report{}, err
	}
	go app.Listener(ln)
	defer app.Shutdown()
	addr := ln.Addr().String()
	idle, err := idleOf(path)
	if err != nil {
		return report{}, err
	}
	logf("idle: the product on the seeded database holds %.1f MB", mb(idle))

	scratch, err := db.Open(ctx, filepath.Join(dir, "bare.db"))
	if err != nil {
		return report{}, err
	}
	defer scratch.Close()
	bareAddr, stopBare, err := bare(ctx, d0, scratch)
	if err != nil {
		return report{}, err
	}
	defer stopBare()

	ts, err := makeTargets(ctx, d0, w, now)
	if err != nil {
		return report{}, err
	}
	if profile != "" {
		f, err := os.Create(profile)
		if err != nil {
			return report{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return report{}, err
		}
		defer pprof.StopCPUProfile()
	}
	resetPeak()
	rep := report{Scale: sc, Size: size, Clients: clients, Idle: idle, Started: began}
	for _, t := range []struct {
		addr string
		t    target
		bare bool
	}{
		{bareAddr, ts.bareOK, true}, {bareAddr, ts.bareSelect, true},
		{addr, ts.catalog, false}, {addr, ts.run, false}, {addr, ts.mine, false}, {addr, ts.runs, false},
		{addr, ts.courses, false}, {addr, ts.verify, false}, {addr, ts.runSpread, false}, {addr, ts.runsSpread, false},
	} {
		if only != "" && !strings.Contains(t.t.Name, only) {
			continue
		}
		r, err := drive(t.addr, t.t, clients, d)
		if err != nil {
			return report{}, err
		}
		logf("%-40s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  (peak so far %.0f MB)", r.Name, r.PerSecond(), ms(r.P50),
			ms(r.P99), mb(peak()))
		if t.bare {
			rep.Bare = append(rep.Bare, r)
			// The peak is the product's (and the clients'), not the bare handlers': what they
			// held goes back to the system before it is measured again.
			runtime.GC()
			debug.FreeOSMemory()
			resetPeak()
		} else {
			rep.Reads = append(rep.Reads, r)
		}
	}
	if only == "" || strings.Contains(ts.roster.Name, only) {
		rep.Commit, rep.Roster, err = alternately(newSeries(bareAddr, ts.bareCommit), newSeries(addr, ts.roster), rosters, rosterRounds)
		if err != nil {
			return report{}, err
		}
		logf("roster saves %.0f/s against bare commits %.0f/s (peak so far %.0f MB)", rep.Roster.PerSecond(),
			rep.Commit.PerSecond(), mb(peak()))
	}
	if only == "" || strings.Contains("certificates, issued run by run", only) {
		if rep.Batch, err = issueBatch(addr, ts, w); err != nil {
			return report{}, err
		}
		logf("certificates: %d in %.2f s (peak so far %.0f MB)", rep.Batch.Requests, rep.Batch.Seconds, mb(peak()))
	}
	if only != "" {
		return report{}, nil
	}
	rep.Peak = peak()
	rep.Took = time.Since(began)
	return rep, nil
}

// issuer configures the certificate service as serve's issuer flags would.
func issuer(s *certificates.Service) {
	s.Issuer = certificates.Issuer{Name: "Romský mentoring, z. s.", Address: "Štefánikova 65/12, 150 00 Praha 5",
		ICO: "12345679", Place: "Praha", Signatory: "Mgr. Anna Kováčová, předsedkyně spolku"}
	s.BaseURL = "http://127.0.0.1"
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// idleOf starts this tool again as a process of its own that serves the database at path and
// reports its resident set once idle: the product's memory without the seeding's or the
// clients'.
func idleOf(path string) (int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	out, err := exec.Command(self, "-idle-probe", path).Output()
	if err != nil {
		return 0, fmt.Errorf("idle probe: %w", err)
	}
	return strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
}

// idleProbe serves the database at path as serve does, on loopback, waits until start-up is
// over and prints the resident set in bytes.
func idleProbe(ctx context.Context, path string) error {
	wire.LimitMemory()
	d, err := db.OpenExisting(ctx, path)
	if err != nil {
		return err
	}
	defer d.Close()
	app, err := wire.App(ctx, d, time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), wire.Options{})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go app.Listener(ln)
	defer app.Shutdown()
	time.Sleep(2 * time.Second)
	fmt.Println(memory())
	return nil
}
