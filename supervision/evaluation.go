package supervision

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"mentorlms/web"
)

// Bounds of an evaluation. The program began in 2004 (the seeds' pilot project), so no centre
// evaluated a mentor before it; and no mentor works with hundreds of clients of one type in two
// months, so a count above MaxEvaluationClients is a slip of the keyboard (5000 for 50).
const (
	FirstEvaluationYear  = 2004
	MaxEvaluationClients = 500
)

// EvalPeriod is a two-month period of evaluation: N 1 is January and February … 6 is November
// and December of Year. PMS centres evaluate each mentor's work once a period.
type EvalPeriod struct {
	Year int `json:"year"`
	N    int `json:"period"`
}

// EvalPeriodOf is the period the day of now in Prague falls in.
func EvalPeriodOf(now time.Time) EvalPeriod {
	d := now.In(web.Prague)
	return EvalPeriod{Year: d.Year(), N: (int(d.Month()) + 1) / 2}
}

// index orders periods: one more for each later period.
func (p EvalPeriod) index() int { return p.Year*6 + p.N - 1 }

func evalPeriodAt(i int) EvalPeriod { return EvalPeriod{Year: i / 6, N: i%6 + 1} }

// Prev is the period before p; Next the one after.
func (p EvalPeriod) Prev() EvalPeriod { return evalPeriodAt(p.index() - 1) }

// Next is the period after p.
func (p EvalPeriod) Next() EvalPeriod { return evalPeriodAt(p.index() + 1) }

// After reports whether p comes later than q.
func (p EvalPeriod) After(q EvalPeriod) bool { return p.index() > q.index() }

// Valid reports whether p names a period at all (1–6 of a year the program can have).
func (p EvalPeriod) Valid() bool {
	return p.N >= 1 && p.N <= 6 && p.Year >= FirstEvaluationYear && p.Year <= web.MaxYear
}

// String writes p as the API and the pages' queries take it: 2026-1.
func (p EvalPeriod) String() string { return fmt.Sprintf("%d-%d", p.Year, p.N) }

// ParseEvalPeriod reads a period written as String writes it; ok is false for anything else,
// including a period that is not Valid.
func ParseEvalPeriod(s string) (EvalPeriod, bool) {
	y, n, found := strings.Cut(s, "-")
	if !found || len(y) != 4 || len(n) != 1 {
		return EvalPeriod{}, false
	}
	year, err1 := strconv.Atoi(y)
	num, err2 := strconv.Atoi(n)
	p := EvalPeriod{Year: year, N: num}
	return p, err1 == nil && err2 == nil && p.Valid()
}

// EvalSpan is the periods from From to To, both included: one period, a whole year or any
// range, as a report sums them.
type EvalSpan struct {
	From EvalPeriod `json:"from"`
	To   EvalPeriod `json:"to"`
}

// EvalYear is the span of the six periods of year.
func EvalYear(year int) EvalSpan {
	return EvalSpan{From: EvalPeriod{Year: year, N: 1}, To: EvalPeriod{Year: year, N: 6}}
}

// Single reports whether the span is one period; WholeYear whether it is the six of one year.
func (s EvalSpan) Single() bool { return s.From == s.To }

// WholeYear reports whether the span is exactly the six periods of one year.
func (s EvalSpan) WholeYear() bool { return s == EvalYear(s.From.Year) }

// EvalCounts are what a centre says of a mentor's work in a period: how many clients of each
// type the mentor worked with, and with how many of them the intervention succeeded. Type A is
// a client who does not cooperate, B a problematic client, C one who cooperates but is at risk
// of social exclusion. Counts only: who the clients are is never recorded.
type EvalCounts struct {
	ClientsA int `db:"clients_a" json:"clients_a"`
	SuccessA int `db:"success_a" json:"success_a"`
	ClientsB int `db:"clients_b" json:"clients_b"`
	SuccessB int `db:"success_b" json:"success_b"`
	ClientsC int `db:"clients_c" json:"clients_c"`
	SuccessC int `db:"success_c" json:"success_c"`
}

// Clients is the number of clients of every type; Successful of those whose intervention
// succeeded.
func (c EvalCounts) Clients() int { return c.ClientsA + c.ClientsB + c.ClientsC }

// Successful is the number of clients of every type whose intervention succeeded.
func (c EvalCounts) Successful() int { return c.SuccessA + c.SuccessB + c.SuccessC }

// add sums counts.
func (c EvalCounts) add(o EvalCounts) EvalCounts {
	return EvalCounts{c.ClientsA + o.ClientsA, c.SuccessA + o.SuccessA, c.ClientsB + o.ClientsB,
		c.SuccessB + o.SuccessB, c.ClientsC + o.ClientsC, c.SuccessC + o.SuccessC}
}

// evalField is one count with its name in the API and the forms.
type evalField struct {
	name  string
	value int
}

// fields lists the counts in order; each success follows the clients of its type.
func (c EvalCounts) fields() [6]evalField {
	return [6]evalField{{"clients_a", c.ClientsA}, {"success_a", c.SuccessA}, {"clients_b", c.ClientsB},
		{"success_b", c.SuccessB}, {"clients_c", c.ClientsC}, {"success_c", c.SuccessC}}
}

// Validate checks the counts, naming each wrong one (prefix goes before the names, "rows.3."
// on the grid): none negative or above MaxEvaluationClients, and no more successful clients
// of a type than clients of it.
func (c EvalCounts) Validate(f *web.Fields, prefix string) {
	fs := c.fields()
	for i, x := range fs {
		switch {
		case x.value < 0:
			f.Add(prefix+x.name, "evaluation.count.negative")
		case x.value > MaxEvaluationClients:
			f.Add(prefix+x.name, "evaluation.count.max", "Max", MaxEvaluationClients)
		case i%2 == 1 && x.value > fs[i-1].value && fs[i-1].value >= 0 && fs[i-1].value <= MaxEvaluationClients:
			// Not against clients that are wrong themselves: their own message says enough.
			f.Add(prefix+x.name, "evaluation.count.over", "Clients", fs[i-1].value)
		}
	}
}

// ValidatePeriod checks a period recorded on day now: a period 1–6 of a year from
// FirstEvaluationYear, which has begun already (a centre evaluates work done, and the period
// under way may be entered as it goes).
func ValidatePeriod(f *web.Fields, p EvalPeriod, now time.Time) {
	current := EvalPeriodOf(now)
	switch {
	case p.Year < FirstEvaluationYear || p.Year > current.Year:
		f.Add("year", "evaluation.year.range", "Min", FirstEvaluationYear, "Max", current.Year)
	case p.N < 1 || p.N > 6:
		f.Add("period", "evaluation.period.range")
	case p.After(current):
		f.Add("period", "evaluation.period.future")
	}
}

// EvaluationInput is one record as the API and the single form give it: a mentor's counts
// from one centre for one period. A record with the same mentor, centre and period is
// corrected rather than added.
type EvaluationInput struct {
	PersonID int64 `json:"person_id"`
	CentreID int64 `json:"centre_id"`
	Year     int   `json:"year"`
	Period   int   `json:"period"`
	EvalCounts
}

// Validate checks what can be checked without the database.
func (in EvaluationInput) Validate(now time.Time) web.Fields {
	var f web.Fields
	if in.PersonID <= 0 {
		f.Add("person_id", "evaluation.person.required")
	}
	if in.CentreID <= 0 {
		f.Add("centre_id", "evaluation.centre.required")
	}
	ValidatePeriod(&f, EvalPeriod{Year: in.Year, N: in.Period}, now)
	in.EvalCounts.Validate(&f, "")
	return f
}

// Evaluation is one stored record with the names people know it by.
type Evaluation struct {
	ID       int64  `db:"id" json:"id"`
	PersonID int64  `db:"person_id" json:"person_id"`
	Name     string `db:"name" json:"name"`
	CentreID int64  `db:"centre_id" json:"centre_id"`
	Centre   string `db:"centre" json:"centre"`
	Region   string `db:"region" json:"region"`
	Year     int    `db:"year" json:"year"`
	Period   int    `db:"period" json:"period"`
	EvalCounts
	// AllClients and AllSuccessful are the sums over the types.
	AllClients    int    `db:"-" json:"clients"`
	AllSuccessful int    `db:"-" json:"successful"`
	RecordedBy    *int64 `db:"recorded_by" json:"recorded_by"`
	CreatedAt     string `db:"created_at" json:"created_at"`
	UpdatedAt     string `db:"updated_at" json:"updated_at"`
}

// totals fills the sums that the API carries beside the counts.
func (e *Evaluation) totals() {
	e.AllClients, e.AllSuccessful = e.Clients(), e.Successful()
}

// evalAudit is what the audit log keeps of a record, before and after a change: the counts,
// the centre and the period, never anything about a client.
type evalAudit struct {
	PersonID int64 `json:"person_id"`
	CentreID int64 `json:"centre_id"`
	Year     int   `json:"year"`
	Period   int   `json:"period"`
	EvalCounts
}
