package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// report is everything one run of the load tool measured.
type report struct {
	Scale      scale
	Size       size
	Clients    int
	Bare       []result // "ok", then one SELECT
	Reads      []result
	Commit     result // bare single-row commits, one after another
	Roster     result
	Batch      result
	Idle, Peak int64
	Started    time.Time
	Took       time.Duration
}

// The targets of issue #15.
const (
	readShare   = 10 // every read at least 1/10 of bare "ok"
	readP99     = 25 * time.Millisecond
	rosterShare = 4   // roster saves at least 1/4 of bare commits
	certsPerSec = 250 // certificates issued per second
	idleMB      = 40
	peakMB      = 150
)

// rosterRounds is how many turns the roster saves and the bare commits take (see alternately).
const rosterRounds = 10

func mb(b int64) float64 { return float64(b) / (1 << 20) }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**not met**"
}

func (r report) text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n%d connections\n\n", r.Size, r.Clients)
	for _, x := range append(append([]result{}, r.Bare...), r.Reads...) {
		fmt.Fprintf(&b, "%-40s %8.0f req/s  p50 %6.1f ms  p99 %6.1f ms  %7d B\n", x.Name, x.PerSecond(),
			ms(x.P50), ms(x.P99), x.Bytes)
	}
	fmt.Fprintf(&b, "%-40s %8.0f /s     p50 %6.1f ms  p99 %6.1f ms\n", r.Commit.Name, r.Commit.PerSecond(), ms(r.Commit.P50), ms(r.Commit.P99))
	fmt.Fprintf(&b, "%-40s %8.0f /s     p50 %6.1f ms  p99 %6.1f ms\n", r.Roster.Name, r.Roster.PerSecond(), ms(r.Roster.P50), ms(r.Roster.P99))
	fmt.Fprintf(&b, "%-40s %8.0f /s     (%d in %.2f s)\n", r.Batch.Name, r.Batch.PerSecond(), r.Batch.Requests, r.Batch.Seconds)
	fmt.Fprintf(&b, "memory: idle %.1f MB, peak under load %.1f MB\nthe whole run took %s\n", mb(r.Idle), mb(r.Peak),
		r.Took.Round(time.Second))
	return b.String()
}

// machine describes where the figures were taken.
func machine() string {
	model := runtime.GOARCH
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		s := bufio.NewScanner(f)
		for s.Scan() {
			if k, v, ok := strings.Cut(s.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%s, %d logical CPUs, %s/%s, %s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// markdown writes docs/performance.md: the first scale in full, then every scale side by side.
func markdown(reps []report) string {
	r := reps[0]
	var b strings.Builder
	ok := r.Bare[0].PerSecond()
	sel := r.Bare[1].PerSecond()
	fmt.Fprintf(&b, "# Performance\n\n")
	fmt.Fprintf(&b, "Written by `go run ./cmd/loadtest` on %s (the run took %s). Regenerate it with the same command;\n"+
		"`-history 1,2` measures again at twice the history, side by side at the end.\n\n",
		r.Started.UTC().Format("2006-01-02 15:04 UTC"), r.Took.Round(time.Second))
	fmt.Fprintf(&b, "- **Machine:** %s.\n", machine())
	fmt.Fprintf(&b, "- **Data:** %s, seeded through the product's services: the demo, %d finished requalification runs "+
		"of %d trainees and %d sessions each, all marked, and %d one-day seminars for the certificate batch.\n",
		r.Size, r.Scale.Runs, r.Scale.Seats, r.Scale.Sessions, r.Scale.Seminars)
	fmt.Fprintf(&b, "- **Load:** %d connections on loopback, each sending its next request when the last is answered, "+
		"measured after a warm-up. The product, the bare handlers and the clients share the machine.\n\n", r.Clients)
	fmt.Fprintf(&b, "## Reads\n\nEach figure beside the bare references of the same run: a fiber handler that answers "+
		"\"ok\" (%.0f req/s) and one that runs one indexed SELECT on the same database (%.0f req/s). "+
		"Target: at least 1/%d of bare \"ok\", p99 at most %d ms.\n\n", ok, sel, readShare, readP99.Milliseconds())
	b.WriteString("The visitors' pages and the public API lists are built once per database write and second and then " +
		"served from memory (`web.Shared`, see the README); each of them is asked here by a crowd for the same URL, " +
		"with no writes alongside (the roster saves are measured on their own, after the reads). " +
		"The rows \"never the same URL\" ask for a new one every time, so every request builds its answer: " +
		"they are what a crowd reading many different pages costs. `/my/courses` names its reader and is built for " +
		"every request.\n\n")
	b.WriteString("| request | req/s | p50 / p99 | body | vs bare \"ok\" | vs one SELECT | target |\n|---|---|---|---|---|---|---|\n")
	for _, x := range r.Reads {
		met := x.PerSecond()*readShare >= ok && x.P99 <= readP99
		fmt.Fprintf(&b, "| `%s` | %.0f | %.1f / %.1f ms | %s | 1/%.1f | 1/%.1f | %s |\n", strings.TrimPrefix(x.Name, "GET "),
			x.PerSecond(), ms(x.P50), ms(x.P99), bytes(x.Bytes), ok/x.PerSecond(), sel/x.PerSecond(), verdict(met))
	}
	fmt.Fprintf(&b, "\n## Writes\n\nThe roster saves and the bare commits they are set beside take turns in %d rounds, so that "+
		"both meet the disk in the same moods (how fast it syncs drifts from minute to minute).\n\n", rosterRounds)
	fmt.Fprintf(&b, "| what | per second | p50 / p99 | against | target |\n|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %s, one after another | %.0f | %.1f / %.1f ms | bare single-row commits with synchronous FULL: %.0f/s (1/%.2f) | 1/%d: %s |\n",
		r.Roster.Name, r.Roster.PerSecond(), ms(r.Roster.P50), ms(r.Roster.P99), r.Commit.PerSecond(),
		r.Commit.PerSecond()/r.Roster.PerSecond(), rosterShare, verdict(r.Roster.PerSecond()*rosterShare >= r.Commit.PerSecond()))
	fmt.Fprintf(&b, "| %s | %.0f (%d in %.2f s) | | | %d/s: %s |\n", r.Batch.Name, r.Batch.PerSecond(), r.Batch.Requests,
		r.Batch.Seconds, certsPerSec, verdict(r.Batch.PerSecond() >= certsPerSec))
	fmt.Fprintf(&b, "\n## Memory\n\n| | MB | target |\n|---|---|---|\n")
	fmt.Fprintf(&b, "| idle, the product started on the seeded database | %.1f | %d: %s |\n", mb(r.Idle), idleMB, verdict(mb(r.Idle) <= idleMB))
	fmt.Fprintf(&b, "| peak under load (the process holds the clients too) | %.1f | %d: %s |\n", mb(r.Peak), peakMB, verdict(mb(r.Peak) <= peakMB))
	fmt.Fprintf(&b, "\nThe audit log holds %d entries, %.1f MB of before and after (%.0f %% of the database).\n",
		r.Size.Audit, mb(r.Size.AuditBytes), 100*float64(r.Size.AuditBytes)/float64(max(r.Size.Bytes, 1)))
	if len(reps) > 1 {
		b.WriteString(compared(reps))
	}
	b.WriteString(history)
	return b.String()
}

// compared puts the figures of each scale of history side by side: what a request costs should
// not grow with what is stored.
func compared(reps []report) string {
	var b strings.Builder
	b.WriteString("\n## At more history\n\nThe same run at each scale of history, on a database of its own:\n\n| |")
	for _, r := range reps {
		fmt.Fprintf(&b, " %d× (%d runs, %d marks) |", r.Scale.Times, r.Size.Runs, r.Size.Marks)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(reps)))
	row := func(name string, cell func(r report) string) {
		fmt.Fprintf(&b, "\n| %s |", name)
		for _, r := range reps {
			fmt.Fprintf(&b, " %s |", cell(r))
		}
	}
	row("bare \"ok\"", func(r report) string { return fmt.Sprintf("%.0f req/s", r.Bare[0].PerSecond()) })
	for i := range reps[0].Reads {
		row("`"+strings.TrimPrefix(reps[0].Reads[i].Name, "GET ")+"`", func(r report) string {
			x := r.Reads[i]
			return fmt.Sprintf("%.0f req/s, p99 %.1f ms (1/%.0f of bare)", x.PerSecond(), ms(x.P99), r.Bare[0].PerSecond()/x.PerSecond())
		})
	}
	row("roster saves", func(r report) string { return fmt.Sprintf("%.0f/s", r.Roster.PerSecond()) })
	row("certificates", func(r report) string { return fmt.Sprintf("%.0f/s", r.Batch.PerSecond()) })
	row("idle memory", func(r report) string { return fmt.Sprintf("%.1f MB", mb(r.Idle)) })
	b.WriteString("\n")
	return b.String()
}

func bytes(n int) string {
	if n >= 10<<10 {
		return fmt.Sprintf("%.0f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%d B", n)
}

// history is what was measured before the changes of issue #15, kept so that every later run
// of the tool shows where the product came from. The first table is the issue's own (another
// load generator, whose bare "ok" reached 186,000 req/s); the second is this tool's first run,
// on 60 finished runs of history, before any change.
const history = `
## Before

Measured for issue #15 on the same machine, at the same scale, with another load generator (bare "ok":
186,000 req/s; one indexed SELECT: 76,000 req/s):

| request | req/s | p50 / p99 | vs bare "ok" |
|---|---|---|---|
| ` + "`GET /`" + ` catalog page | 989 | 64 / 87 ms | 1/188 |
| ` + "`GET /runs/{id}`" + ` run page | 1,383 | 46 / 62 ms | 1/134 |
| ` + "`GET /my/courses`" + ` (a trainee) | 575 | 108 / 222 ms | 1/323 |
| ` + "`GET /api/v1/runs?status=finished`" + ` (500 runs, 185 KB, unpaged) | 639 | 92 / 298 ms | 1/291 |
| ` + "`GET /api/v1/courses`" + ` | 10,620 | 6 / 58 ms | 1/17 |
| ` + "`GET /verify/{code}`" + ` | 7,517 | 9 / 33 ms | 1/25 |
| ` + "`PUT`" + ` a 30-person roster, sequential | 155 rosters/s | 6.2 / 10 ms | 1/37 of bare FULL commits/s |
| issuing certificates | 105 /s | 9.5 ms each | |

Idle RSS was 48.5 MB.

This tool's first run, before any change, on 60 finished runs of history (bare "ok" 64,414 req/s, one SELECT
21,570 req/s, bare commits 2,555/s):

| request | req/s | p50 / p99 |
|---|---|---|
| ` + "`GET /`" + ` | 1,301 | 48.3 / 68.4 ms |
| ` + "`GET /runs/{id}`" + ` | 1,425 | 46.1 / 101.7 ms |
| ` + "`GET /my/courses`" + ` | 411 | 153.3 / 329.2 ms |
| ` + "`GET /api/v1/runs?status=finished`" + ` (40 KB) | 810 | 75.2 / 175.7 ms |
| ` + "`GET /api/v1/courses`" + ` | 6,190 | 9.4 / 27.8 ms |
| ` + "`GET /verify/{code}`" + ` | 2,981 | 19.6 / 48.5 ms |
| roster saves | 82/s | 11.7 / 22.4 ms |
| certificates | 56/s | 1,000 in 17.85 s |

Seeding 500 runs through the services then took 13 minutes and slowed as history grew: settling a roster
read every person to find a region's coordinators.

The last run before visitors' answers were shared (` + "`web.Shared`" + `), at the default scale, bare "ok" 67,064 req/s:

| request | req/s | p50 / p99 |
|---|---|---|
| ` + "`GET /`" + ` | 1,219 | 49.5 / 106.7 ms |
| ` + "`GET /runs/{id}`" + ` | 1,169 | 54.0 / 97.2 ms |
| ` + "`GET /my/courses`" + ` | 531 | 113.6 / 244.3 ms |
| ` + "`GET /api/v1/runs?status=finished`" + ` | 1,224 | 49.6 / 119.4 ms |
| ` + "`GET /api/v1/courses`" + ` | 6,963 | 8.3 / 24.9 ms |
| ` + "`GET /verify/{code}`" + ` | 2,770 | 21.2 / 57.5 ms |
`
