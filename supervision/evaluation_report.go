package supervision

import (
	"fmt"
	"slices"

	"mentorlms/people"
	"mentorlms/web"
)

// EvalRate is the success rate of an intervention in whole percent, as Czech readers expect a
// share: rounded half up (111 of 180 is 61.67 %, so 62 %; 1 of 8 is 12.5 %, so 13 %). Two ends
// are kept honest, since a reader takes them literally: 100 % only when every client
// succeeded (199 of 200 reads 99 %, not 100 %) and 0 % only when none did (1 of 300 reads
// 1 %). ok is false when there were no clients, which has no rate at all.
func EvalRate(successful, clients int) (pct int, ok bool) {
	if clients <= 0 {
		return 0, false
	}
	pct = (200*successful + clients) / (2 * clients) // half up, in integers
	switch {
	case pct >= 100 && successful < clients:
		pct = 99
	case pct == 0 && successful > 0:
		pct = 1
	}
	return pct, true
}

// EvalTally sums evaluations: how many mentors they are about (each counted once however many
// records they have), their clients by type, and the success rate.
type EvalTally struct {
	Mentors int `json:"mentors"`
	EvalCounts
	AllClients    int `json:"clients"`
	AllSuccessful int `json:"successful"`
	// Percent is the success rate in whole percent (EvalRate), nil when there were no clients.
	Percent *int `json:"percent"`
}

// Rate is the success rate as a person reads it: "62 %" in Czech (with a non-breaking space,
// as Czech typesetting wants), "62%" in English, "—" when there were no clients.
func (t EvalTally) Rate(l *web.Localizer) string {
	if t.Percent == nil {
		return "—"
	}
	return l.T("evaluation.percent", "Pct", *t.Percent)
}

// evalTallyOf closes a sum: the mentors counted, the totals over the types and the rate.
func evalTallyOf(mentors int, c EvalCounts) EvalTally {
	t := EvalTally{Mentors: mentors, EvalCounts: c, AllClients: c.Clients(), AllSuccessful: c.Successful()}
	if pct, ok := EvalRate(t.AllSuccessful, t.AllClients); ok {
		t.Percent = &pct
	}
	return t
}

// EvalCentreTally is one PMS centre's line of a report.
type EvalCentreTally struct {
	CentreID int64  `json:"centre_id"`
	Centre   string `json:"centre"`
	EvalTally
}

// EvalRegionTally is one region's part of a report: a line per centre and the region's total.
type EvalRegionTally struct {
	Region  string            `json:"region"`
	Name    string            `json:"name"`
	Centres []EvalCentreTally `json:"centres"`
	Total   EvalTally         `json:"total"`
}

// EvalReport sums the evaluations of a span per centre and per region, with a total, like the
// seeds' table (Děčín: 13 mentors, 75 clients, 56 successful; … together 36, 180, 111, 62 %).
type EvalReport struct {
	// Region is the region asked for, "" for every region the reader may see.
	Region  string            `json:"region,omitempty"`
	Span    EvalSpan          `json:"span"`
	Regions []EvalRegionTally `json:"regions"`
	Total   EvalTally         `json:"total"`
}

// evalLine is what the store reads for a report: one mentor's sums at one centre over the span.
type evalLine struct {
	PersonID   int64  `db:"person_id"`
	CentreID   int64  `db:"centre_id"`
	Centre     string `db:"centre"`
	Region     string `db:"region"`
	RegionName string `db:"region_name"`
	EvalCounts
}

// evalSummarize adds lines up per centre, per region and in all, regions and their centres in
// Czech alphabetical order (Děčín, Chomutov, Most: Ch comes after H). A mentor evaluated by
// two centres counts once in the region's and the total's number of mentors.
func evalSummarize(lines []evalLine) ([]EvalRegionTally, EvalTally) {
	type sum struct {
		counts  EvalCounts
		mentors map[int64]bool
	}
	add := func(m map[any]*sum, key any, ln evalLine) {
		s := m[key]
		if s == nil {
			s = &sum{mentors: map[int64]bool{}}
			m[key] = s
		}
		s.counts = s.counts.add(ln.EvalCounts)
		s.mentors[ln.PersonID] = true
	}
	byCentre, byRegion, all := map[any]*sum{}, map[any]*sum{}, map[any]*sum{}
	var regions []EvalRegionTally
	centres := map[string][]EvalCentreTally{}
	for _, ln := range lines {
		if byRegion[ln.Region] == nil {
			regions = append(regions, EvalRegionTally{Region: ln.Region, Name: ln.RegionName})
		}
		if byCentre[ln.CentreID] == nil {
			centres[ln.Region] = append(centres[ln.Region], EvalCentreTally{CentreID: ln.CentreID, Centre: ln.Centre})
		}
		add(byCentre, ln.CentreID, ln)
		add(byRegion, ln.Region, ln)
		add(all, 0, ln)
	}
	slices.SortFunc(regions, func(a, b EvalRegionTally) int { return people.CompareCzech(a.Name, b.Name) })
	for i := range regions {
		r := &regions[i]
		r.Centres = centres[r.Region]
		slices.SortFunc(r.Centres, func(a, b EvalCentreTally) int { return people.CompareCzech(a.Centre, b.Centre) })
		for j := range r.Centres {
			s := byCentre[r.Centres[j].CentreID]
			r.Centres[j].EvalTally = evalTallyOf(len(s.mentors), s.counts)
		}
		s := byRegion[r.Region]
		r.Total = evalTallyOf(len(s.mentors), s.counts)
	}
	total := evalTallyOf(0, EvalCounts{})
	if s := all[0]; s != nil {
		total = evalTallyOf(len(s.mentors), s.counts)
	}
	if regions == nil {
		regions = []EvalRegionTally{}
	}
	return regions, total
}

// Label names the period as people say it: "leden–únor 2026".
func (p EvalPeriod) Label(l *web.Localizer) string {
	return l.T("evaluation.period.label", "Months", l.T(fmt.Sprintf("evaluation.months.%d", p.N)), "Year", p.Year)
}

// Label names the span: one period, "rok 2026" for a whole year, or the first and the last
// period of a range.
func (s EvalSpan) Label(l *web.Localizer) string {
	switch {
	case s.Single():
		return s.From.Label(l)
	case s.WholeYear():
		return l.T("evaluation.span.year", "Year", s.From.Year)
	}
	return l.T("evaluation.span.range", "From", s.From.Label(l), "To", s.To.Label(l))
}

// EvalTypeTally is the part of a sum that is about clients of one type (a, b or c).
type EvalTypeTally struct {
	Type string `json:"type"`
	EvalTally
}

// Types splits a sum by the type of client, for the page's table by type.
func (t EvalTally) Types() []EvalTypeTally {
	c := t.EvalCounts
	return []EvalTypeTally{
		{"a", evalTallyOf(t.Mentors, EvalCounts{ClientsA: c.ClientsA, SuccessA: c.SuccessA})},
		{"b", evalTallyOf(t.Mentors, EvalCounts{ClientsB: c.ClientsB, SuccessB: c.SuccessB})},
		{"c", evalTallyOf(t.Mentors, EvalCounts{ClientsC: c.ClientsC, SuccessC: c.SuccessC})},
	}
}
