package attendance_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/db/dbtest"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/static"
	"mentorlms/web"
	"mentorlms/web/pdf/pdftest"
)

// The names the documents must print as they are, however long.
const (
	zofie    = "Žofie Řezníčková-Šťastná"
	longName = "prof. PhDr. Mgr. Bc. Maximiliána Kristýna Wolfgangová-Nepomucká-Přibyslavská, Ph.D., DSc., MBA, LL.M."
	lecturer = "doc. PhDr. Eva Svobodová, CSc."
)

// pdfWorld is a two-day accredited seminar in Ústí nad Labem with 35 enrolled trainees and
// four sessions: theory with a topic, practice with only a module, a cancelled one and a short
// closing one.
type pdfWorld struct {
	ctx      context.Context
	d        *db.DB
	svc      *attendance.Service
	store    *courses.Store
	cat      *web.Catalog
	run      courses.Run
	sessions []courses.Session
	plain    courses.Run // a run of a course without accreditation
}

func newPDFWorld(t *testing.T) *pdfWorld {
	t.Helper()
	ctx, d := context.Background(), dbtest.Open(t)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ps := people.NewService(d)
	mk := func(in people.Input) people.Person {
		t.Helper()
		p, err := ps.Create(ctx, nil, in, at)
		if err != nil {
			t.Fatalf("person %s: %v", in.Name, err)
		}
		return p
	}
	admin := mk(people.Input{Email: "admin@test.cz", Name: "Jana Dvořáková", Roles: []string{"admin"}})
	lec := mk(people.Input{Email: "eva@test.cz", Name: "Eva Svobodová", TitlesBefore: "doc. PhDr.", TitlesAfter: "CSc.",
		Roles: []string{"lecturer"}})
	lec2 := mk(people.Input{Email: "karel@test.cz", Name: "Karel Šťovíček", Roles: []string{"lecturer"}})
	cs := courses.NewService(d)
	c, err := cs.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "DLUHY", Title: "Řešení finanční situace zadlužených osob",
		Kind: courses.KindAccreditedSeminar, TheoryHours: 7, PracticeHours: 2, Accreditation: &courses.AccreditInput{
			Body: courses.BodyMPSV, Number: "2014/0998-PC/SP/VP/PP", ValidFrom: "2025-01-01", ValidUntil: "2028-12-31"}}, at)
	if err != nil {
		t.Fatal(err)
	}
	m, err := cs.AddModule(ctx, nil, courses.Module{CourseID: c.ID, Title: "Dluhy a exekuce v praxi", PracticeHours: 2}, at)
	if err != nil {
		t.Fatal(err)
	}
	r, err := cs.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-15",
		Town: "Ústí nad Labem", Address: "Velká Hradební 8", Region: "ULK", Capacity: 40, Status: courses.StatusOpen,
		LecturerIDs: []int64{lec.ID, lec2.ID}}, at)
	if err != nil {
		t.Fatal(err)
	}
	w := &pdfWorld{ctx: ctx, d: d, svc: attendance.NewService(d, enrollment.NewService(d)), store: cs.Store(), run: r}
	for _, in := range []courses.SessionInput{
		{StartsAt: "2026-04-14T09:00:00+02:00", Minutes: 270, Kind: courses.Theory, Topic: "Úvod do problematiky dluhů", LecturerID: lec.ID},
		{StartsAt: "2026-04-14T14:00:00+02:00", Minutes: 90, Kind: courses.Practice, ModuleID: &m.ID, LecturerID: lec2.ID},
		{StartsAt: "2026-04-15T09:00:00+02:00", Minutes: 90, Kind: courses.Theory, Topic: "Insolvence", LecturerID: lec.ID},
		{StartsAt: "2026-04-15T10:45:00+02:00", Minutes: 45, Kind: courses.Theory, Topic: "Závěr", LecturerID: lec.ID},
	} {
		ss, err := cs.AddSessions(ctx, nil, r.ID, in, at)
		if err != nil {
			t.Fatal(err)
		}
		w.sessions = append(w.sessions, ss[0])
	}
	if _, err := cs.CancelSession(ctx, admin.Principal(""), w.sessions[2].ID, "Nemoc lektorky", at); err != nil {
		t.Fatal(err)
	}
	plainCourse, err := cs.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "PMS", Title: "Práce PMS", Kind: courses.KindCourse,
		TheoryHours: 2}, at)
	if err != nil {
		t.Fatal(err)
	}
	if w.plain, err = cs.SaveRun(ctx, nil, plainCourse.ID, 0, courses.RunInput{StartsOn: "2026-05-05", EndsOn: "2026-05-05",
		Online: true, Capacity: 5, Status: courses.StatusOpen, LecturerIDs: []int64{lec.ID}}, at); err != nil {
		t.Fatal(err)
	}
	if _, err := cs.AddSessions(ctx, nil, w.plain.ID, courses.SessionInput{StartsAt: "2026-05-05T16:00:00+02:00",
		Minutes: 90, Kind: courses.Theory, Topic: "Online", LecturerID: lec.ID}, at); err != nil {
		t.Fatal(err)
	}

	enrol := func(p people.Person, status string) int64 {
		t.Helper()
		res, err := d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
			VALUES (?, ?, ?, '', '')`, r.ID, p.ID, status)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	trainee := func(i int, name, before, after string) people.Person {
		return mk(people.Input{Email: fmt.Sprintf("t%02d@test.cz", i), Name: name, TitlesBefore: before, TitlesAfter: after,
			BirthDate: "1990-05-17", Region: "ULK", Roles: []string{"trainee"}})
	}
	for i, n := range []string{"Ivo Cibulka", "Adam Čermák", "Hana Horáková", "Cyril Chalupa", "Šimon Šťastný"} {
		enrol(trainee(i, n, "", ""), "enrolled")
	}
	z := enrol(trainee(10, zofie, "", ""), "enrolled")
	enrol(trainee(11, "Maximiliána Kristýna Wolfgangová-Nepomucká-Přibyslavská", "prof. PhDr. Mgr. Bc.",
		"Ph.D., DSc., MBA, LL.M."), "enrolled")
	for i := range 28 {
		enrol(trainee(20+i, fmt.Sprintf("Účastník Zapsaný%02d", i), "", ""), "enrolled")
	}
	enrol(trainee(90, "Petr Náhradník", "", ""), "waitlisted")
	enrol(trainee(91, "Olga Odhlášená", "", ""), "withdrawn")
	if _, err := d.W.Exec(`INSERT INTO attendance (session_id, enrollment_id, status, minutes, source, recorded_by, recorded_at)
		VALUES (?, ?, 'excused', 0, 'apology', ?, '')`, w.sessions[0].ID, z, admin.ID); err != nil {
		t.Fatal(err)
	}
	if w.cat, err = web.LoadCatalog(static.Catalog); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if missing := w.cat.Missing(); len(missing) > 0 {
			t.Errorf("missing translations: %v", missing)
		}
	})
	return w
}

// sheet renders the attendance sheet of a session in lang.
func (w *pdfWorld) sheet(t *testing.T, r courses.Run, ss courses.Session, lang string) []byte {
	t.Helper()
	s, err := w.svc.SheetOf(w.ctx, ss, r, time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := attendance.RenderSheet(&b, s, w.cat.For(lang)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// classBook renders the run's class book in lang as printed at at.
func (w *pdfWorld) classBook(t *testing.T, at time.Time, lang string) []byte {
	t.Helper()
	cb, err := w.svc.ClassBookOf(w.ctx, w.run, at)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := attendance.RenderClassBook(&b, cb, w.cat.For(lang)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// squash drops all white space: a wrapped cell reads back as the same characters on several
// lines, perhaps broken inside a word.
func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func contains(t *testing.T, text string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(squash(text), squash(s)) {
			t.Errorf("the text lacks %q", s)
		}
	}
}

func TestAttendanceSheetPDF(t *testing.T) {
	w := newPDFWorld(t)
	pages := pdftest.Pages(t, w.sheet(t, w.run, w.sessions[0], "cs"))
	if len(pages) < 2 {
		t.Fatalf("35 trainees on %d page(s), want at least 2", len(pages))
	}
	text := strings.Join(pages, "\n")
	contains(t, text, "Prezenční listina", "Kurz", "Řešení finanční situace zadlužených osob",
		"Akreditace MPSV, č. 2014/0998-PC/SP/VP/PP", "Datum 14. 4. 2026", "Čas 9:00–13:30",
		"Místo konání Ústí nad Labem, Velká Hradební 8", "Lektor/ka "+lecturer, "Téma Úvod do problematiky dluhů",
		"Druh výuky teorie", "Délka 270 minut (6 hodin po 45 min)",
		zofie, longName, "omluva předem", "Počet přítomných", "z 35", "Podpis lektora/lektorky")
	for i, p := range pages {
		contains(t, p, "Č. Jméno a příjmení Podpis Poznámka", fmt.Sprintf("Strana %d z %d", i+1, len(pages)))
	}
	for i := 1; i <= 35; i++ {
		contains(t, text, fmt.Sprintf("%d ", i))
	}
	for _, absent := range []string{"Petr Náhradník", "Olga Odhlášená", "1990", "17. 5."} {
		if strings.Contains(text, absent) {
			t.Errorf("the sheet shows %q", absent)
		}
	}
	// By surname the Czech way: C, Č, H, Ch, …, Ř, Š.
	order := []string{"Ivo Cibulka", "Adam Čermák", "Hana Horáková", "Cyril Chalupa", zofie, "Šimon Šťastný"}
	for i := 1; i < len(order); i++ {
		if a, b := strings.Index(text, order[i-1]), strings.Index(text, order[i]); a < 0 || b < 0 || a > b {
			t.Errorf("%q should come before %q", order[i-1], order[i])
		}
	}
}

func TestAttendanceSheetPDFVariants(t *testing.T) {
	w := newPDFWorld(t)
	t.Run("practice by module, in English", func(t *testing.T) {
		text := pdftest.Text(t, w.sheet(t, w.run, w.sessions[1], "en"))
		contains(t, text, "Attendance sheet", "Accreditation Ministry of Labour and Social Affairs (MPSV), no. 2014/0998-PC/SP/VP/PP",
			"Date 14 Apr 2026", "Time 14:00–15:30", "Lecturer Karel Šťovíček", "Topic Dluhy a exekuce v praxi",
			"Kind practice", "Length 90 minutes (1.5 hours of 60 min)", "Page 1 of", zofie, "Present", "of 35")
	})
	t.Run("no accreditation, online, nobody enrolled", func(t *testing.T) {
		ss, err := w.store.Sessions(w.ctx, w.d.R, w.plain.ID)
		if err != nil {
			t.Fatal(err)
		}
		text := pdftest.Text(t, w.sheet(t, w.plain, ss[0], "cs"))
		contains(t, text, "Prezenční listina", "Práce PMS", "Místo konání online", "Do běhu není nikdo zapsán.",
			"Délka 90 minut (2 hodiny po 45 min)", "Strana 1 z 1")
		if strings.Contains(text, "Akreditace") {
			t.Error("a course without accreditation has an accreditation line")
		}
	})
}

func TestClassBookPDF(t *testing.T) {
	w := newPDFWorld(t)
	after := time.Date(2026, 4, 20, 8, 0, 0, 0, time.UTC)
	text := pdftest.Text(t, w.classBook(t, after, "cs"))
	contains(t, text, "Třídní kniha", "Kurz Řešení finanční situace zadlužených osob",
		"Akreditace MPSV, č. 2014/0998-PC/SP/VP/PP", "Rozsah kurzu 7 hodin teorie, 2 hodiny praxe",
		"Termín 14. 4. 2026 – 15. 4. 2026", "Místo konání Ústí nad Labem, Velká Hradební 8",
		"Lektoři "+lecturer+"; Karel Šťovíček",
		"1 14. 4. 2026 9:00–13:30 teorie Úvod do problematiky dluhů 6 "+lecturer,
		"2 14. 4. 2026 14:00–15:30 praxe Dluhy a exekuce v praxi 1,5 Karel Šťovíček",
		"Zrušeno: Nemoc lektorky", "4 15. 4. 2026 10:45–11:30 teorie Závěr 1 "+lecturer,
		"Odučeno celkem 7 hodin teorie, 1,5 hodiny praxe", "Zrušeno 1 lekce", "Strana 1 z 1")
	if strings.Contains(text, "Naplánováno") {
		t.Error("after the run nothing is planned")
	}

	t.Run("printed during the run", func(t *testing.T) {
		text := pdftest.Text(t, w.classBook(t, time.Date(2026, 4, 14, 16, 0, 0, 0, time.UTC), "cs"))
		contains(t, text, "Odučeno celkem 6 hodin teorie, 1,5 hodiny praxe", "Naplánováno (dosud neproběhlo) 1 hodina teorie, 0 hodin praxe")
	})
	t.Run("in English", func(t *testing.T) {
		text := pdftest.Text(t, w.classBook(t, after, "en"))
		contains(t, text, "Class book", "Dates 14 Apr 2026 – 15 Apr 2026", "Lecturers", "1.5", "Cancelled: Nemoc lektorky",
			"Hours held 7 hours of theory, 1.5 hours of practice", "Cancelled 1 session", "Page 1 of 1")
	})
}

// Documents rendered at once share nothing that gofpdf writes into; run under -race.
func TestPDFParallelRender(t *testing.T) {
	w := newPDFWorld(t)
	s, err := w.svc.SheetOf(w.ctx, w.sessions[0], w.run, time.Date(2026, 4, 10, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	cb, err := w.svc.ClassBookOf(w.ctx, w.run, time.Date(2026, 4, 20, 8, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	out := make([][]byte, 16)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			l := w.cat.For(web.Languages[i%2])
			var err error
			if i%4 < 2 {
				err = attendance.RenderSheet(&b, s, l)
			} else {
				err = attendance.RenderClassBook(&b, cb, l)
			}
			if err != nil {
				t.Error(err)
			}
			out[i] = b.Bytes()
		}()
	}
	wg.Wait()
	for i := range out {
		if !bytes.HasPrefix(out[i], []byte("%PDF-")) {
			t.Fatalf("document %d is not a PDF", i)
		}
	}
	contains(t, pdftest.Text(t, out[0]), zofie, "Prezenční listina")
	contains(t, pdftest.Text(t, out[3]), "Class book", lecturer)
}
