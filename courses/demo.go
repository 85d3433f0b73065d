package courses

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mentorlms/web"
)

// The demo catalog: the program's real courses, with curricula, accreditations and runs in
// several regions — finished, running, open, planned and cancelled — dated relative to the day
// the demo is loaded so that it always looks current.

type demoModule struct {
	title            string
	theory, practice int
}

type demoRun struct {
	offset, days      int    // first day relative to today, and length in days
	town, address     string // "" town: online
	region            string
	capacity          int
	lecturers         []string // e-mails; the first teaches the sessions
	status            Status
	cancelReason      string
	sessionsPerWeek   []time.Weekday
	start             string // "9:00"
	minutes           int
	kind              SessionKind
	topic             string
	sessionsOnEachDay bool           // a short run has a session every day instead of weekly ones
	practiceOn        []time.Weekday // weekdays of practice sessions (3 hours at the practice centre)
	afternoon         bool           // a second block of the same length from 13:00 (a whole day 9:00–16:00)
}

type demoCourse struct {
	in      CourseInput
	modules []demoModule
	runs    []demoRun
}

var demoCourses = []demoCourse{
	{in: CourseInput{Code: "RK-MENTOR", Kind: KindRequalification, Title: "Romský mentor – rekvalifikační kurz",
		Description: "Stohodinový rekvalifikační kurz pro mentory, kteří pomáhají klientům Probační a mediační služby vykonat alternativní trest.",
		TargetGroup: "Členové romských komunit, kandidáti na mentory", TheoryHours: 60, PracticeHours: 40, RequiresExam: true, RequiresBirthPlace: true,
		Accreditation: &AccreditInput{Body: BodyMSMT, Number: "MSMT-18457/2024-2"}},
		modules: []demoModule{{"Úvod do probace a mediace", 8, 0}, {"Trestní právo a alternativní tresty", 10, 0},
			{"Komunikace a motivace klienta", 10, 8}, {"Sociální práce a síť služeb", 10, 6},
			{"Dluhy, finance a jednání s úřady", 8, 6}, {"Etika, mlčenlivost a dokumentace", 6, 4},
			{"Praxe na středisku PMS", 0, 16}, {"Příprava na závěrečnou zkoušku", 8, 0}},
		runs: []demoRun{
			{offset: -200, days: 105, town: "Děčín", address: "Husovo nám. 69/14", region: "ULK", capacity: 12,
				lecturers: []string{"lektor@mentorlms.example"}, status: StatusFinished,
				sessionsPerWeek: []time.Weekday{time.Tuesday}, start: "9:00", minutes: 180, kind: Theory,
				topic: "Komunikace a motivace klienta", practiceOn: []time.Weekday{time.Thursday}},
			{offset: -30, days: 105, town: "Ostrava", address: "Českobratrská 2227/7", region: "MSK", capacity: 12,
				lecturers: []string{"tomas.kucera@mentorlms.example", "lektor@mentorlms.example"}, status: StatusRunning,
				sessionsPerWeek: []time.Weekday{time.Wednesday}, start: "9:00", minutes: 180, kind: Theory,
				topic: "Trestní právo a alternativní tresty", practiceOn: []time.Weekday{time.Friday}},
		}},
	{in: CourseInput{Code: "S-DLUHY", Kind: KindAccreditedSeminar, Title: "Řešení finanční situace zadlužených osob – úvod do problematiky",
		Description: "Jak se dluhy rodí, co je exekuce a insolvence a kam klienta poslat pro pomoc.",
		TargetGroup: "Mentoři a pracovníci v sociálních službách", TheoryHours: 6,
		Accreditation: &AccreditInput{Body: BodyMPSV, Number: "2014/0998-PC/SP/VP/PP"}},
		runs: []demoRun{
			{offset: 14, days: 1, town: "Most", address: "Radniční 1/2", region: "ULK", capacity: 9,
				lecturers: []string{"jiri.novotny@mentorlms.example"}, status: StatusOpen, start: "9:00", minutes: 270,
				kind: Theory, topic: "Dluhy, exekuce a insolvence", sessionsOnEachDay: true},
			{offset: 21, days: 1, town: "Ostrava", address: "Českobratrská 2227/7", region: "MSK", capacity: 9,
				lecturers: []string{"jiri.novotny@mentorlms.example"}, status: StatusOpen, start: "9:00", minutes: 270,
				kind: Theory, topic: "Dluhy, exekuce a insolvence", sessionsOnEachDay: true},
		}},
	{in: CourseInput{Code: "S-ZAVISLOST", Kind: KindAccreditedSeminar, Title: "Práce se závislým klientem",
		Description: "Závislosti, motivační rozhovor a spolupráce s adiktologickými službami.",
		TargetGroup: "Mentoři a pracovníci v sociálních službách", TheoryHours: 6,
		Accreditation: &AccreditInput{Body: BodyMPSV, Number: "2019/0412-SP/PC"}},
		runs: []demoRun{{offset: 30, days: 1, town: "Liberec", address: "nám. Dr. E. Beneše 1/1", region: "LBK", capacity: 9,
			lecturers: []string{"lektor@mentorlms.example"}, status: StatusOpen, start: "9:00", minutes: 270, kind: Theory,
			topic: "Motivační rozhovor", sessionsOnEachDay: true}}},
	{in: CourseInput{Code: "S-PMS", Kind: KindCourse, Title: "Práce Probační a mediační služby",
		Description: "Jak pracuje středisko PMS, co je probační dohled a obecně prospěšné práce.",
		TargetGroup: "Mentoři", TheoryHours: 6},
		runs: []demoRun{
			{offset: 45, days: 1, town: "Jihlava", address: "Masarykovo nám. 1", region: "VYS", capacity: 9,
				lecturers: []string{"jiri.novotny@mentorlms.example"}, status: StatusPlanned, start: "9:00", minutes: 270,
				kind: Theory, topic: "Probační dohled a obecně prospěšné práce", sessionsOnEachDay: true},
			{offset: 10, days: 1, town: "Plzeň", address: "nám. Republiky 1", region: "PLK", capacity: 9,
				lecturers: []string{"lektor@mentorlms.example"}, status: StatusCancelled,
				cancelReason: "Málo přihlášených; běh se přesouvá na jaro.", start: "9:00", minutes: 270, kind: Theory,
				topic: "Probační dohled", sessionsOnEachDay: true},
		}},
	{in: CourseInput{Code: "S-JSEMOK", Kind: KindAccreditedSeminar, Title: "Jsem OK, jsi OK",
		Description: "Transakční analýza v práci s klientem: postoje, hry a komunikace.",
		TargetGroup: "Sociální pracovníci", TheoryHours: 8,
		Accreditation: &AccreditInput{Body: BodyMPSV, Number: "2022/0731-SP"}},
		runs: []demoRun{{offset: 10, days: 1, region: "", capacity: 20, lecturers: []string{"lektor@mentorlms.example"},
			status: StatusOpen, start: "9:00", minutes: 360, kind: Theory, topic: "Transakční analýza", sessionsOnEachDay: true}}},
	{in: CourseInput{Code: "S-PEDAGOG", Kind: KindAccreditedSeminar, Title: "Romský žák ve škole – dvoudenní seminář pro pedagogy",
		Description: "Dva dny (9:00–16:00) o spolupráci školy s romskou rodinou.",
		TargetGroup: "Učitelé a asistenti pedagoga", TheoryHours: 16,
		Accreditation: &AccreditInput{Body: BodyMSMT, Number: "MSMT-7712/2025-3-291"}},
		runs: []demoRun{{offset: 60, days: 2, town: "Třebíč", address: "Karlovo nám. 104/55", region: "VYS", capacity: 20,
			lecturers: []string{"jiri.novotny@mentorlms.example"}, status: StatusOpen, start: "9:00", minutes: 180,
			kind: Theory, topic: "Škola a romská rodina", sessionsOnEachDay: true, afternoon: true}}},
}

// Demo loads the demo catalog. Courses are matched by code, so a second run adds nothing. The
// lecturers come from the people demo, which must be loaded first.
func Demo(ctx context.Context, s *Service, now time.Time) error {
	today := now.In(web.Prague)
	day := func(offset int) string { return today.AddDate(0, 0, offset).Format(web.DateLayout) }
	for _, dc := range demoCourses {
		if taken, err := s.store.codeTaken(ctx, s.db.R, dc.in.Code, 0); err != nil || taken {
			if err != nil {
				return err
			}
			continue
		}
		in := dc.in
		if in.Accreditation != nil {
			acc := *in.Accreditation
			acc.ValidFrom, acc.ValidUntil = day(-3*365), day(2*365)
			in.Accreditation = &acc
		}
		c, err := s.SaveCourse(ctx, nil, 0, in, now)
		if err != nil {
			return fmt.Errorf("courses: demo %s: %w", in.Code, err)
		}
		for _, m := range dc.modules {
			if _, err := s.AddModule(ctx, nil, Module{CourseID: c.ID, Title: m.title, TheoryHours: m.theory, PracticeHours: m.practice}, now); err != nil {
				return err
			}
		}
		for _, dr := range dc.runs {
			if err := s.demoRun(ctx, c, dr, day, now); err != nil {
				return fmt.Errorf("courses: demo run of %s: %w", in.Code, err)
			}
		}
	}
	return nil
}

func (s *Service) demoRun(ctx context.Context, c Course, dr demoRun, day func(int) string, now time.Time) error {
	var lecturers []int64
	for _, email := range dr.lecturers {
		var id int64
		if err := s.db.R.GetContext(ctx, &id, `SELECT id FROM persons WHERE email = ?`, email); err != nil {
			return fmt.Errorf("lecturer %s: %w", email, err)
		}
		lecturers = append(lecturers, id)
	}
	// A short run starts on a working day; a long one skips the public holidays it spans.
	for dr.days <= 2 && !WorkingDay(mustDay(day(dr.offset))) {
		dr.offset++
	}
	in := RunInput{StartsOn: day(dr.offset), EndsOn: day(dr.offset + dr.days - 1), Online: dr.town == "",
		Town: dr.town, Address: dr.address, Region: dr.region, Capacity: dr.capacity, Status: StatusOpen,
		LecturerIDs: lecturers}
	if in.Online {
		// A meeting address on a domain reserved for examples, so the demo's link leads nowhere real.
		in.JoinLink = "https://meet.example.org/mentorlms-demo-" + strings.ToLower(c.Code)
	}
	r, err := s.SaveRun(ctx, nil, c.ID, 0, in, now)
	if err != nil {
		return err
	}
	used := map[string]bool{} // days that have a session already, after moving off holidays
	for i := range dr.days {
		date := day(dr.offset + i)
		t := mustDay(date)
		if containsDay(dr.practiceOn, t.Weekday()) {
			if date = workingFrom(t); date > r.EndsOn || used[date] {
				continue
			}
			used[date] = true
			if _, err := s.AddSessions(ctx, nil, r.ID, SessionInput{Date: date, Time: dr.start, Minutes: 180, Kind: Practice,
				Topic: "Praxe na středisku PMS", LecturerID: lecturers[0]}, now); err != nil {
				return err
			}
			continue
		}
		if !dr.sessionsOnEachDay && !containsDay(dr.sessionsPerWeek, t.Weekday()) {
			continue
		}
		if date = workingFrom(t); date > r.EndsOn || used[date] {
			continue
		}
		used[date] = true
		if _, err := s.AddSessions(ctx, nil, r.ID, SessionInput{Date: date, Time: dr.start, Minutes: dr.minutes, Kind: dr.kind,
			Topic: dr.topic, LecturerID: lecturers[0]}, now); err != nil {
			return err
		}
		if dr.afternoon {
			if _, err := s.AddSessions(ctx, nil, r.ID, SessionInput{Date: date, Time: "13:00", Minutes: dr.minutes, Kind: dr.kind,
				Topic: dr.topic, LecturerID: lecturers[0]}, now); err != nil {
				return err
			}
		}
	}
	path := map[Status][]Status{StatusPlanned: {StatusPlanned}, StatusRunning: {StatusRunning},
		StatusFinished: {StatusRunning, StatusFinished}, StatusCancelled: {StatusCancelled}}[dr.status]
	for _, st := range path {
		if _, err := s.SetStatus(ctx, nil, r.ID, st, dr.cancelReason, now); err != nil {
			return err
		}
	}
	return nil
}

// workingFrom is the first working day from t on: a session that would fall on a public
// holiday moves to the next day.
func workingFrom(t time.Time) string {
	for !WorkingDay(t) {
		t = t.AddDate(0, 0, 1)
	}
	return t.Format(web.DateLayout)
}

// mustDay reads a day the demo itself wrote.
func mustDay(s string) time.Time { t, _ := time.Parse(web.DateLayout, s); return t }

func containsDay(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}
