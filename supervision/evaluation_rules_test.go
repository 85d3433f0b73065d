package supervision

import (
	"maps"
	"slices"
	"testing"
	"time"

	"mentorlms/web"
)

func TestEvalRate(t *testing.T) {
	tests := []struct {
		name                string
		successful, clients int
		want                int
		ok                  bool
	}{
		{"the seeds' total", 111, 180, 62, true}, // 61.67
		{"Děčín", 56, 75, 75, true},              // 74.67
		{"Chomutov", 16, 37, 43, true},           // 43.24
		{"Most: a half rounds up", 8, 13, 62, true},
		{"Rumburk", 31, 52, 60, true}, // 59.62
		{"Ústí nad Labem: none succeeded", 0, 3, 0, true},
		{"12.5 rounds up", 1, 8, 13, true},
		{"a third", 1, 3, 33, true},
		{"two thirds", 2, 3, 67, true},
		{"all succeeded", 200, 200, 100, true},
		{"one short of all is not 100", 199, 200, 99, true},
		{"one of many is not 0", 1, 300, 1, true},
		{"no clients: no rate", 0, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := EvalRate(tt.successful, tt.clients)
			if got != tt.want || ok != tt.ok {
				t.Errorf("EvalRate(%d, %d) = %d, %v; want %d, %v", tt.successful, tt.clients, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestEvalPeriods(t *testing.T) {
	for _, tt := range []struct {
		at   time.Time
		want EvalPeriod
	}{
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), EvalPeriod{2026, 1}}, // already 1 January in Prague
		{time.Date(2026, 2, 28, 12, 0, 0, 0, time.UTC), EvalPeriod{2026, 1}},
		{time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC), EvalPeriod{2026, 2}}, // 1 March in Prague
		{time.Date(2026, 8, 31, 12, 0, 0, 0, time.UTC), EvalPeriod{2026, 4}},
		{time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC), EvalPeriod{2026, 6}},
	} {
		if got := EvalPeriodOf(tt.at); got != tt.want {
			t.Errorf("EvalPeriodOf(%s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	if p := (EvalPeriod{2026, 1}).Prev(); p != (EvalPeriod{2025, 6}) {
		t.Errorf("before 2026-1 comes %v", p)
	}
	if p := (EvalPeriod{2025, 6}).Next(); p != (EvalPeriod{2026, 1}) {
		t.Errorf("after 2025-6 comes %v", p)
	}
	for s, ok := range map[string]bool{"2026-1": true, "2026-6": true, "2004-1": true, "2026-0": false,
		"2026-7": false, "2003-6": false, "26-1": false, "2026-01": false, "+026-1": false, "2026 -1": false,
		"2026": false, "": false} {
		if _, got := ParseEvalPeriod(s); got != ok {
			t.Errorf("ParseEvalPeriod(%q) ok = %v, want %v", s, got, ok)
		}
	}
	if !EvalYear(2026).WholeYear() || EvalYear(2026).Single() {
		t.Error("a year is a whole year and not one period")
	}
}

func TestEvaluationValidate(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // the period of March and April, 2026-2
	good := EvaluationInput{PersonID: 1, CentreID: 7, Year: 2026, Period: 1,
		EvalCounts: EvalCounts{ClientsA: 2, SuccessA: 1, ClientsB: 3, SuccessB: 3, ClientsC: 500, SuccessC: 0}}
	with := func(change func(*EvaluationInput)) EvaluationInput {
		in := good
		change(&in)
		return in
	}
	tests := []struct {
		name string
		in   EvaluationInput
		want map[string]string // field → catalog key
	}{
		{"good", good, nil},
		{"the period under way", with(func(in *EvaluationInput) { in.Period = 2 }), nil},
		{"a period that has not begun", with(func(in *EvaluationInput) { in.Period = 3 }),
			map[string]string{"period": "evaluation.period.future"}},
		{"next year", with(func(in *EvaluationInput) { in.Year = 2027 }),
			map[string]string{"year": "evaluation.year.range"}},
		{"before the program", with(func(in *EvaluationInput) { in.Year = 2003 }),
			map[string]string{"year": "evaluation.year.range"}},
		{"period 0", with(func(in *EvaluationInput) { in.Period = 0 }),
			map[string]string{"period": "evaluation.period.range"}},
		{"period 7", with(func(in *EvaluationInput) { in.Period = 7; in.Year = 2025 }),
			map[string]string{"period": "evaluation.period.range"}},
		{"negative", with(func(in *EvaluationInput) { in.ClientsA = -1 }),
			map[string]string{"clients_a": "evaluation.count.negative"}},
		{"negative successful", with(func(in *EvaluationInput) { in.SuccessC = -2 }),
			map[string]string{"success_c": "evaluation.count.negative"}},
		{"more successful than clients", with(func(in *EvaluationInput) { in.SuccessB = 4 }),
			map[string]string{"success_b": "evaluation.count.over"}},
		{"over the bound", with(func(in *EvaluationInput) { in.ClientsC = 501; in.SuccessC = 501 }),
			map[string]string{"clients_c": "evaluation.count.max", "success_c": "evaluation.count.max"}},
		{"nobody and nowhere", with(func(in *EvaluationInput) { in.PersonID, in.CentreID = 0, -3 }),
			map[string]string{"person_id": "evaluation.person.required", "centre_id": "evaluation.centre.required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for k, m := range tt.in.Validate(now) {
				got[k] = m.Key
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("Validate = %v, want %v", got, tt.want)
			}
		})
	}
}

// seedsLines spreads the seeds' table (Romský mentoring v Ústeckém kraji, 1. 1. 2011 – 30. 4.
// 2012) over mentors: each centre's clients and successes with its first mentor, the others
// with none.
func seedsLines() []evalLine {
	type row struct {
		centre                       string
		id                           int64
		mentors, clients, successful int
	}
	var lines []evalLine
	person := int64(0)
	for _, r := range []row{{"Děčín", 7, 13, 75, 56}, {"Chomutov", 9, 3, 37, 16}, {"Most", 10, 5, 13, 8},
		{"Rumburk", 8, 14, 52, 31}, {"Ústí nad Labem", 12, 1, 3, 0}} {
		for m := range r.mentors {
			person++
			ln := evalLine{PersonID: person, CentreID: r.id, Centre: r.centre, Region: "ULK", RegionName: "Ústecký kraj"}
			if m == 0 {
				ln.ClientsC, ln.SuccessC = r.clients, r.successful
			}
			lines = append(lines, ln)
		}
	}
	return lines
}

func TestEvalSummarizeSeeds(t *testing.T) {
	// Out of order on purpose: the report sorts.
	lines := slices.Clone(seedsLines())
	slices.Reverse(lines)
	regions, total := evalSummarize(lines)
	if len(regions) != 1 || regions[0].Region != "ULK" {
		t.Fatalf("regions = %+v", regions)
	}
	type want struct {
		centre                             string
		mentors, clients, successful, rate int
	}
	wants := []want{{"Děčín", 13, 75, 56, 75}, {"Chomutov", 3, 37, 16, 43}, {"Most", 5, 13, 8, 62},
		{"Rumburk", 14, 52, 31, 60}, {"Ústí nad Labem", 1, 3, 0, 0}}
	cs := regions[0].Centres
	if len(cs) != len(wants) {
		t.Fatalf("centres = %+v", cs)
	}
	for i, w := range wants {
		c := cs[i]
		if c.Centre != w.centre || c.Mentors != w.mentors || c.AllClients != w.clients ||
			c.AllSuccessful != w.successful || c.Percent == nil || *c.Percent != w.rate {
			t.Errorf("line %d = %s %d %d %d %v, want %+v", i, c.Centre, c.Mentors, c.AllClients, c.AllSuccessful,
				c.Percent, w)
		}
	}
	for _, got := range []EvalTally{regions[0].Total, total} {
		if got.Mentors != 36 || got.AllClients != 180 || got.AllSuccessful != 111 || *got.Percent != 62 {
			t.Errorf("total = %+v, want 36 mentors, 180 clients, 111 successful, 62 %%", got)
		}
	}
}

func TestEvalSummarizeCountsMentorsOnce(t *testing.T) {
	lines := []evalLine{
		{PersonID: 1, CentreID: 7, Centre: "Děčín", Region: "ULK", RegionName: "Ústecký kraj",
			EvalCounts: EvalCounts{ClientsA: 2, SuccessA: 1}},
		{PersonID: 1, CentreID: 8, Centre: "Rumburk", Region: "ULK", RegionName: "Ústecký kraj",
			EvalCounts: EvalCounts{ClientsB: 2, SuccessB: 2}},
		{PersonID: 2, CentreID: 22, Centre: "Ostrava", Region: "MSK", RegionName: "Moravskoslezský kraj",
			EvalCounts: EvalCounts{}},
	}
	regions, total := evalSummarize(lines)
	if len(regions) != 2 || regions[0].Region != "MSK" || regions[1].Region != "ULK" {
		t.Fatalf("regions in Czech order: %+v", regions)
	}
	ulk := regions[1]
	if ulk.Centres[0].Mentors != 1 || ulk.Centres[1].Mentors != 1 || ulk.Total.Mentors != 1 {
		t.Errorf("a mentor at two centres: %+v", ulk)
	}
	if *ulk.Total.Percent != 75 || ulk.Total.ClientsA != 2 || ulk.Total.SuccessB != 2 {
		t.Errorf("ULK total = %+v", ulk.Total)
	}
	if regions[0].Total.Percent != nil {
		t.Errorf("no clients has no rate, got %d", *regions[0].Total.Percent)
	}
	if total.Mentors != 2 || total.AllClients != 4 || *total.Percent != 75 {
		t.Errorf("total = %+v", total)
	}
	if types := total.Types(); types[0].AllClients != 2 || *types[1].Percent != 100 || types[2].Percent != nil {
		t.Errorf("by type = %+v", types)
	}
	if regions, total := evalSummarize(nil); len(regions) != 0 || total.Mentors != 0 || total.Percent != nil {
		t.Errorf("nothing = %+v %+v", regions, total)
	}
}

// The form's fields keep the names the API uses, so that a field error names the same thing
// on the page and in JSON.
func TestEvalCountNames(t *testing.T) {
	var f web.Fields
	EvalCounts{-1, 0, -1, 0, -1, 0}.Validate(&f, "rows.2.")
	for _, name := range []string{"clients_a", "clients_b", "clients_c"} {
		if _, ok := f["rows.2."+name]; !ok {
			t.Errorf("no problem named rows.2.%s in %v", name, f)
		}
	}
	for i, fd := range (EvalCounts{}).fields() {
		if fd.name != evalCountNames[i] {
			t.Errorf("field %d is %s, the form calls it %s", i, fd.name, evalCountNames[i])
		}
	}
}
