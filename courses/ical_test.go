package courses_test

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/static"
	"mentorlms/web"
)

// feedSchedule is a courses service over a fresh database with a lecturer and a workshop (a kind
// that needs no accreditation) whose one run spans spring to autumn 2026.
type feedSchedule struct {
	t        *testing.T
	svc      *courses.Service
	d        *db.DB
	lecturer int64
	run      int64
	l        *web.Localizer
}

var feedNow = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newFeedSchedule(t *testing.T, title string) *feedSchedule {
	t.Helper()
	ctx := context.Background()
	d := dbtest.Open(t)
	p, err := people.NewService(d).Create(ctx, nil, people.Input{Name: "Eva Svobodová", Email: "lektor@test.cz",
		Region: "ULK", Roles: []string{string(web.RoleLecturer)}}, feedNow)
	if err != nil {
		t.Fatal(err)
	}
	svc := courses.NewService(d)
	c, err := svc.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "DILNA", Title: title,
		Kind: courses.KindWorkshop, TheoryHours: 40}, feedNow)
	if err != nil {
		t.Fatal(err)
	}
	r, err := svc.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-03-20", EndsOn: "2026-10-31",
		Town: "Ústí nad Labem", Address: "Mírové nám. 1", Region: "ULK", Capacity: 9, Status: courses.StatusOpen,
		LecturerIDs: []int64{p.ID}}, feedNow)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if m := cat.Missing(); len(m) > 0 {
			t.Errorf("missing translations: %v", m)
		}
	})
	return &feedSchedule{t: t, svc: svc, d: d, lecturer: p.ID, run: r.ID, l: cat.For("cs")}
}

// add schedules sessions at a Prague date and time, as the admin's form sends them.
func (s *feedSchedule) add(date, clock, topic string, rep *courses.Repeat) []courses.Session {
	s.t.Helper()
	ss, err := s.svc.AddSessions(context.Background(), nil, s.run, courses.SessionInput{Date: date, Time: clock,
		Minutes: 180, Kind: courses.Theory, Topic: topic, LecturerID: s.lecturer, Repeat: rep}, feedNow)
	if err != nil {
		s.t.Fatalf("add %s %s: %v", date, clock, err)
	}
	return ss
}

// ics writes the run's feed as the handlers do.
func (s *feedSchedule) ics() string {
	s.t.Helper()
	ctx := context.Background()
	ss, err := s.svc.Store().Sessions(ctx, s.d.R, s.run)
	if err != nil {
		s.t.Fatal(err)
	}
	events, err := s.svc.Store().Events(ctx, ss, false)
	if err != nil {
		s.t.Fatal(err)
	}
	return writeFeed(s.t, courses.Feed{Name: "Dílna", Events: events}, s.l)
}

func writeFeed(t *testing.T, f courses.Feed, l *web.Localizer) string {
	t.Helper()
	var b bytes.Buffer
	if err := courses.WriteICS(&b, f, feedNow, l); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// unfold joins folded lines back (RFC 5545 3.1: a line break followed by one space or tab).
func unfoldICS(doc string) string {
	return strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(doc)
}

// unescapeText reverses the escaping of TEXT values.
var unescapeText = strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\N`, "\n", `\;`, ";", `\,`, ",")

// prop returns the values of a property in an unfolded document, its parameters left out.
func icsProp(doc, name string) []string {
	var out []string
	for _, line := range strings.Split(unfoldICS(doc), "\r\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && (k == name || strings.HasPrefix(k, name+";")) {
			out = append(out, v)
		}
	}
	return out
}

func TestICSDaylightSaving(t *testing.T) {
	s := newFeedSchedule(t, "Práce s klientem")
	tests := []struct {
		name, date     string
		start, end     time.Time
		dtstart, dtend string
	}{
		{"last Sunday of March, clocks go forward that night", "2026-03-29",
			time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 10, 0, 0, 0, time.UTC),
			"20260329T070000Z", "20260329T100000Z"},
		{"last Sunday of October, clocks go back that night", "2026-10-25",
			time.Date(2026, 10, 25, 8, 0, 0, 0, time.UTC), time.Date(2026, 10, 25, 11, 0, 0, 0, time.UTC),
			"20261025T080000Z", "20261025T110000Z"},
	}
	var ids []int64
	for _, tt := range tests {
		ss := s.add(tt.date, "9:00", tt.name, nil)
		if got := ss[0].Start(); !got.Equal(tt.start) {
			t.Errorf("%s: stored start %s, want %s", tt.name, got.UTC(), tt.start)
		}
		if got := ss[0].End(); !got.Equal(tt.end) {
			t.Errorf("%s: stored end %s, want %s", tt.name, got.UTC(), tt.end)
		}
		ids = append(ids, ss[0].ID)
	}
	doc := s.ics()
	starts, ends, uids := icsProp(doc, "DTSTART"), icsProp(doc, "DTEND"), icsProp(doc, "UID")
	if len(starts) != 2 || len(ends) != 2 || len(uids) != 2 {
		t.Fatalf("want 2 events, got DTSTART %v DTEND %v UID %v in\n%s", starts, ends, uids, doc)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if starts[i] != tt.dtstart || ends[i] != tt.dtend {
				t.Errorf("DTSTART %s DTEND %s, want %s %s", starts[i], ends[i], tt.dtstart, tt.dtend)
			}
			if want := courses.UID(ids[i]); uids[i] != want {
				t.Errorf("UID %s, want %s", uids[i], want)
			}
			if !strings.Contains(doc, "\r\nDTSTART:"+tt.dtstart+"\r\n") {
				t.Errorf("the document does not carry DTSTART:%s as a line of its own", tt.dtstart)
			}
		})
	}
}

func TestICSWeeklySeries(t *testing.T) {
	s := newFeedSchedule(t, "Práce s klientem")
	ss := s.add("2026-03-22", "9:00", "Týdenní blok", &courses.Repeat{EveryDays: 7, Count: 3})
	want := []string{"2026-03-22T08:00:00Z", "2026-03-29T07:00:00Z", "2026-04-05T07:00:00Z"}
	if len(ss) != len(want) {
		t.Fatalf("%d sessions, want %d", len(ss), len(want))
	}
	for i, w := range want {
		if got := ss[i].Start().UTC().Format(time.RFC3339); got != w {
			t.Errorf("session %d starts %s, want %s", i+1, got, w)
		}
		if got := ss[i].Start().In(web.Prague).Format("15:04"); got != "09:00" {
			t.Errorf("session %d starts at %s in Prague, want 09:00", i+1, got)
		}
	}
	got := icsProp(s.ics(), "DTSTART")
	wantICS := []string{"20260322T080000Z", "20260329T070000Z", "20260405T070000Z"}
	if strings.Join(got, " ") != strings.Join(wantICS, " ") {
		t.Errorf("DTSTART %v, want %v", got, wantICS)
	}
}

func TestICSDocument(t *testing.T) {
	s := newFeedSchedule(t, "Řešení finanční situace zadlužených osob")
	live := s.add("2026-04-14", "9:00", "Úvod do problematiky", nil)[0]
	gone := s.add("2026-04-21", "9:00", "Exekuce", nil)[0]
	if _, err := s.svc.CancelSession(context.Background(), nil, gone.ID, "Lektorka onemocněla", feedNow); err != nil {
		t.Fatal(err)
	}
	doc := s.ics()

	t.Run("CRLF everywhere", func(t *testing.T) {
		if !strings.HasSuffix(doc, "END:VCALENDAR\r\n") {
			t.Errorf("does not end with END:VCALENDAR CRLF: %q", doc[max(0, len(doc)-40):])
		}
		if n := strings.Count(doc, "\n"); n != strings.Count(doc, "\r\n") || n < 20 {
			t.Errorf("%d LF, %d CRLF: every line must end with CRLF", n, strings.Count(doc, "\r\n"))
		}
		if strings.Count(doc, "\r") != strings.Count(doc, "\r\n") {
			t.Error("a bare CR in the document")
		}
	})
	t.Run("calendar properties", func(t *testing.T) {
		if !strings.HasPrefix(doc, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") {
			t.Errorf("starts %q", doc[:min(60, len(doc))])
		}
		for name, want := range map[string]string{"CALSCALE": "GREGORIAN", "METHOD": "PUBLISH", "X-WR-CALNAME": "Dílna"} {
			if got := icsProp(doc, name); len(got) != 1 || got[0] != want {
				t.Errorf("%s %v, want %s", name, got, want)
			}
		}
		if !strings.Contains(doc, "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n") {
			t.Error("no REFRESH-INTERVAL;VALUE=DURATION:PT1H line")
		}
		if strings.Count(doc, "BEGIN:VEVENT\r\n") != 2 || strings.Count(doc, "END:VEVENT\r\n") != 2 {
			t.Error("want two VEVENTs")
		}
		if got := icsProp(doc, "DTSTAMP"); len(got) != 2 || got[0] != "20260302T090000Z" {
			t.Errorf("DTSTAMP %v, want the clock's feedNow in UTC", got)
		}
	})
	t.Run("Czech text keeps its diacritics", func(t *testing.T) {
		summaries := icsProp(doc, "SUMMARY")
		if len(summaries) != 2 || unescapeText.Replace(summaries[0]) != "Řešení finanční situace zadlužených osob – Úvod do problematiky" {
			t.Errorf("SUMMARY %q", summaries)
		}
		if loc := icsProp(doc, "LOCATION"); len(loc) != 2 || unescapeText.Replace(loc[0]) != "Ústí nad Labem, Mírové nám. 1" {
			t.Errorf("LOCATION %q", loc)
		}
		desc := unescapeText.Replace(icsProp(doc, "DESCRIPTION")[0])
		if desc != "Druh výuky: teorie\nVyučuje: Eva Svobodová" {
			t.Errorf("DESCRIPTION %q", desc)
		}
	})
	t.Run("cancelled session", func(t *testing.T) {
		statuses, seqs := icsProp(doc, "STATUS"), icsProp(doc, "SEQUENCE")
		if strings.Join(statuses, " ") != "CONFIRMED CANCELLED" || strings.Join(seqs, " ") != "0 1" {
			t.Errorf("STATUS %v SEQUENCE %v, want CONFIRMED CANCELLED and 0 1", statuses, seqs)
		}
		if got := unescapeText.Replace(icsProp(doc, "SUMMARY")[1]); got != "Zrušeno: Řešení finanční situace zadlužených osob – Exekuce" {
			t.Errorf("SUMMARY %q", got)
		}
		if got := unescapeText.Replace(icsProp(doc, "DESCRIPTION")[1]); !strings.HasSuffix(got, "\nDůvod zrušení: Lektorka onemocněla") {
			t.Errorf("DESCRIPTION %q lacks the reason", got)
		}
		if uids := icsProp(doc, "UID"); uids[0] != courses.UID(live.ID) || uids[1] != courses.UID(gone.ID) {
			t.Errorf("UID %v", uids)
		}
	})
	t.Run("a cancelled run cancels its sessions", func(t *testing.T) {
		if _, err := s.svc.SetStatus(context.Background(), nil, s.run, courses.StatusCancelled, "Málo zájemců", feedNow); err != nil {
			t.Fatal(err)
		}
		doc := s.ics()
		if got := icsProp(doc, "STATUS"); strings.Join(got, " ") != "CANCELLED CANCELLED" {
			t.Errorf("STATUS %v", got)
		}
		descs := icsProp(doc, "DESCRIPTION")
		if !strings.HasSuffix(unescapeText.Replace(descs[0]), "Důvod zrušení: Málo zájemců") ||
			!strings.HasSuffix(unescapeText.Replace(descs[1]), "Důvod zrušení: Lektorka onemocněla") {
			t.Errorf("DESCRIPTION %q: the run's reason for its live session, the session's own for the other", descs)
		}
	})
}

func TestICSFoldingAndEscaping(t *testing.T) {
	cat, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	l := cat.For("cs")
	long := "Řešení finanční situace zadlužených osob – úvod do problematiky exekucí, insolvence a oddlužení"
	noSpaces := strings.Repeat("žluťoučkýkůňúpělďábelskéódy", 6) // folding cannot wait for a space
	tricky := `Dluhy; splátky, a \ zálohy`
	tests := []struct {
		name, title, topic, reason, want string
	}{
		{"long Czech summary", long, "Příprava na jednání s věřiteli a exekutorem", "",
			long + " – Příprava na jednání s věřiteli a exekutorem"},
		{"no spaces to fold at", noSpaces, "", "", noSpaces},
		{"text escaping", tricky, "řádek", "jeden\r\ndruhý\rtřetí", "Zrušeno: " + tricky + " – řádek"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss := courses.Session{ID: int64(i + 1), RunID: 1, StartsAt: "2026-03-29T07:00:00Z", EndsAt: "2026-03-29T10:00:00Z",
				Minutes: 180, Kind: courses.Practice, Topic: tt.topic, LecturerName: "Jiří Šťastný"}
			if tt.reason != "" {
				at := "2026-03-20T10:00:00Z"
				ss.CancelledAt, ss.CancelReason = &at, tt.reason
			}
			doc := writeFeed(t, courses.Feed{Name: "Kalendář; běhy, " + tt.title, Events: []courses.Event{{Session: ss,
				CourseTitle: tt.title}}}, l)
			for _, line := range strings.Split(strings.TrimSuffix(doc, "\r\n"), "\r\n") {
				if len(line) > 75 {
					t.Errorf("line of %d octets: %q", len(line), line)
				}
				if !utf8.ValidString(line) {
					t.Errorf("line splits a UTF-8 character: %q", line)
				}
			}
			if len(tt.title) > 80 && !strings.Contains(doc, "\r\n ") {
				t.Error("a long line was not folded")
			}
			got := icsProp(doc, "SUMMARY")
			if len(got) != 1 || unescapeText.Replace(got[0]) != tt.want {
				t.Errorf("unfolded SUMMARY %q, want %q", got, tt.want)
			}
			if got := icsProp(doc, "X-WR-CALNAME"); len(got) != 1 || unescapeText.Replace(got[0]) != "Kalendář; běhy, "+tt.title {
				t.Errorf("X-WR-CALNAME %q", got)
			}
			if got := icsProp(doc, "LOCATION"); len(got) != 1 || got[0] != "online" {
				t.Errorf("LOCATION %q, want online", got)
			}
			if tt.reason != "" {
				raw := icsProp(doc, "SUMMARY")[0]
				for _, esc := range []string{`\;`, `\,`, `\\`} {
					if !strings.Contains(raw, esc) {
						t.Errorf("SUMMARY %q lacks %s", raw, esc)
					}
				}
				desc := icsProp(doc, "DESCRIPTION")[0]
				if !strings.Contains(desc, `Důvod zrušení: jeden\ndruhý\ntřetí`) {
					t.Errorf("DESCRIPTION %q: line breaks must become \\n", desc)
				}
				if regexp.MustCompile(`[^\\][;,]`).MatchString(raw) {
					t.Errorf("SUMMARY %q has an unescaped ; or ,", raw)
				}
			}
		})
	}
}
