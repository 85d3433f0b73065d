package enrollment_test

import (
	"testing"
	"time"

	"mentorlms/enrollment"
	"mentorlms/static/catalogtest"
	"mentorlms/web"
)

func date(s string) time.Time {
	t, err := time.Parse(web.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAgeOn(t *testing.T) {
	tests := []struct {
		birth, day string
		want       int
	}{
		{"2008-03-10", "2026-03-09", 17},
		{"2008-03-10", "2026-03-10", 18}, // the birthday itself counts
		{"2008-12-31", "2026-12-30", 17},
		{"2008-12-31", "2026-12-31", 18},
		// Born on 29 February: a year older on 28 February in non-leap years.
		{"2008-02-29", "2026-02-27", 17},
		{"2008-02-29", "2026-02-28", 18},
		{"2008-02-29", "2026-03-01", 18},
		{"2000-02-29", "2024-02-28", 23}, // a leap year: the birthday is the 29th
		{"2000-02-29", "2024-02-29", 24},
		{"2000-02-29", "2100-02-28", 100}, // 2100 is not a leap year
	}
	for _, tt := range tests {
		t.Run(tt.birth+" on "+tt.day, func(t *testing.T) {
			if got := enrollment.AgeOn(date(tt.birth), date(tt.day)); got != tt.want {
				t.Errorf("AgeOn = %d, want %d", got, tt.want)
			}
		})
	}
}

// base is a person who meets every rule for a run starting 2026-04-14, evaluated on 2026-03-02.
func base() enrollment.Facts {
	return enrollment.Facts{BirthDate: "1990-05-17", MinAge: 18, RunStartsOn: "2026-04-14", RunOpen: true,
		Record: &enrollment.RecordCheck{IssuedOn: "2026-01-15", Clean: true, VerifiedOn: "2026-01-20"}}
}

var day = time.Date(2026, 3, 2, 10, 0, 0, 0, web.Prague)

func outcome(t *testing.T, out []enrollment.Outcome, rule string) enrollment.Outcome {
	t.Helper()
	for _, o := range out {
		if o.Rule == rule {
			return o
		}
	}
	t.Fatalf("no outcome for %s", rule)
	return enrollment.Outcome{}
}

func TestEvaluate(t *testing.T) {
	if out := enrollment.Evaluate(base(), day); !enrollment.Eligible(out) || len(out) != 5 {
		t.Fatalf("the base person is not eligible: %+v", out)
	}
	tests := []struct {
		name   string
		change func(*enrollment.Facts)
		day    time.Time
		rule   string
		ok     bool
		key    string
	}{
		{"eighteen on the first day", func(f *enrollment.Facts) { f.BirthDate = "2008-04-14" }, day, "age", true, "rule.age.ok"},
		{"eighteen the day after", func(f *enrollment.Facts) { f.BirthDate = "2008-04-15" }, day, "age", false, "rule.age.young"},
		{"course's own minimum", func(f *enrollment.Facts) { f.MinAge = 21; f.BirthDate = "2005-04-15" }, day, "age", false, "rule.age.young"},
		{"no birth date", func(f *enrollment.Facts) { f.BirthDate = "" }, day, "age", false, "rule.age.unknown"},
		{"extract exactly 90 days old", func(f *enrollment.Facts) { f.Record.IssuedOn = "2025-12-02" }, day, "record_check", true, "rule.record.ok"},
		{"extract 91 days old", func(f *enrollment.Facts) { f.Record.IssuedOn = "2025-12-01" }, day, "record_check", false, "rule.record.old"},
		{"configured maximum", func(f *enrollment.Facts) { f.RecordMaxAge = 30; f.Record.IssuedOn = "2026-01-30" }, day, "record_check", false, "rule.record.old"},
		// 23:30 UTC on 1 March is already 2 March in Prague: the extract is then 91 days old.
		{"the day is Prague's", func(f *enrollment.Facts) { f.Record.IssuedOn = "2025-12-01" },
			time.Date(2026, 3, 1, 23, 30, 0, 0, time.UTC), "record_check", false, "rule.record.old"},
		{"not clean", func(f *enrollment.Facts) { f.Record.Clean = false }, day, "record_check", false, "rule.record.not_clean"},
		{"no extract", func(f *enrollment.Facts) { f.Record = nil }, day, "record_check", false, "rule.record.missing"},
		{"prerequisite missing", func(f *enrollment.Facts) {
			f.Prerequisites = []enrollment.Prerequisite{{Title: "Romský mentor", Completed: false}}
		}, day, "prerequisites", false, "rule.prerequisite.missing"},
		{"prerequisite done", func(f *enrollment.Facts) {
			f.Prerequisites = []enrollment.Prerequisite{{Title: "Romský mentor", Completed: true}}
		}, day, "prerequisites", true, "rule.prerequisite.ok"},
		{"run not open", func(f *enrollment.Facts) { f.RunOpen = false }, day, "run_open", false, "rule.run_open.no"},
		{"applied before", func(f *enrollment.Facts) { f.AlreadyApplied = true }, day, "not_enrolled", false, "rule.not_enrolled.no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base()
			rec := *f.Record
			f.Record = &rec
			tt.change(&f)
			out := enrollment.Evaluate(f, tt.day)
			o := outcome(t, out, tt.rule)
			if o.OK != tt.ok || o.Reason.Key != tt.key || enrollment.Eligible(out) != tt.ok {
				t.Errorf("%s = %v %q (eligible %v); want %v %q", tt.rule, o.OK, o.Reason.Key, enrollment.Eligible(out), tt.ok, tt.key)
			}
		})
	}
}

// The record rule reads in proper Czech for any configured limit: its plural follows the
// limit, and an old extract is named by its day of issue.
func TestRecordRuleWording(t *testing.T) {
	l := catalogtest.Localizer(t, "cs")
	for _, tt := range []struct {
		max, issued int // the limit, and how many days before the day the extract was issued
		want        string
	}{
		{1, 0, "Rejstřík trestů: výpis je čistý a není starší než 1 den."},
		{3, 2, "Rejstřík trestů: výpis je čistý a není starší než 3 dny."},
		{90, 5, "Rejstřík trestů: výpis je čistý a není starší než 90 dní."},
		{1, 2, "Rejstřík trestů: výpis vydaný 28. 2. 2026 je starší než povolený 1 den. Opatřete nový."},
		{3, 4, "Rejstřík trestů: výpis vydaný 26. 2. 2026 je starší než povolené 3 dny. Opatřete nový."},
		{90, 91, "Rejstřík trestů: výpis vydaný 1. 12. 2025 je starší než povolených 90 dní. Opatřete nový."},
	} {
		f := base()
		f.RecordMaxAge = tt.max
		f.Record.IssuedOn = day.AddDate(0, 0, -tt.issued).Format("2006-01-02")
		if got := l.Msg(outcome(t, enrollment.Evaluate(f, day), "record_check").Reason); got != tt.want {
			t.Errorf("limit %d, issued %d days before: %q, want %q", tt.max, tt.issued, got, tt.want)
		}
	}
}
