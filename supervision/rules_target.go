package supervision

import (
	"slices"
	"strings"
	"time"

	"mentorlms/web"
)

// DefaultYearlyHours is the yearly further education of a social worker (zákon 108/2006 Sb.,
// § 111): 24 hours a calendar year, configurable.
const DefaultYearlyHours = 24

// Period is a span of calendar days, both ends included; Until "" is open-ended.
type Period struct {
	From, Until string
}

// Employment is what the yearly target of one person depends on: when they were employed, the
// end of their probation period, and their absences.
type Employment struct {
	Jobs          []Period
	ProbationEnds string // the last day of the probation period, "" for none
	// Probations are the probation periods of several jobs, each from the job's first day to
	// the last day of its probation; a month that any of them touches does not count.
	Probations []Period
	Absences   []Period
}

// TargetMonths counts the months of year that the target runs for, pro rata (§ 111): a
// calendar month counts when employment covers all of it (jobs that follow one another without
// a day between, or overlap, count as one) and no day of it lies in a probation period; a
// month wholly within an absence longer than a month does not count either (absences that
// follow one another are joined first, so that an illness running into a parental leave is
// one absence). The result is between 0 and 12.
func TargetMonths(e Employment, year int) int {
	jobs, absences := joined(e.Jobs), joined(e.Absences)
	probations := e.Probations
	if e.ProbationEnds != "" {
		probations = append(slices.Clip(probations), Period{Until: e.ProbationEnds})
	}
	months := 0
	for m := time.January; m <= time.December; m++ {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if !coveredBy(jobs, first, last) || touches(probations, first, last) {
			continue
		}
		if slices.ContainsFunc(absences, func(a Period) bool {
			return longerThanAMonth(a) && coveredBy([]Period{a}, first, last)
		}) {
			continue
		}
		months++
	}
	return months
}

// TargetMinutes is the pro-rata yearly target in minutes: hours a year × months / 12, to the
// nearest minute (24 hours make 2 hours a month exactly).
func TargetMinutes(yearlyHours, months int) int {
	return (yearlyHours*60*months + 6) / 12
}

// joined merges periods that overlap or follow one another without a day between into one,
// in order of their first days; periods without a first day are left out.
func joined(ps []Period) []Period {
	var in []Period
	for _, p := range ps {
		if p.From != "" {
			in = append(in, p)
		}
	}
	slices.SortFunc(in, func(a, b Period) int { return strings.Compare(a.From, b.From) })
	var out []Period
	for _, p := range in {
		n := len(out)
		if n > 0 && (out[n-1].Until == "" || dayAfter(out[n-1].Until) >= p.From) {
			if out[n-1].Until != "" && (p.Until == "" || p.Until > out[n-1].Until) {
				out[n-1].Until = p.Until
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// dayAfter is the day after a date (YYYY-MM-DD); a date that does not parse stays as it is.
func dayAfter(date string) string {
	d, err := time.Parse(web.DateLayout, date)
	if err != nil {
		return date
	}
	return d.AddDate(0, 0, 1).Format(web.DateLayout)
}

// touches reports whether some period has a day between first and last; a period without a
// first day runs from the beginning of time.
func touches(ps []Period, first, last time.Time) bool {
	f, l := first.Format(web.DateLayout), last.Format(web.DateLayout)
	for _, p := range ps {
		if p.From <= l && (p.Until == "" || p.Until >= f) {
			return true
		}
	}
	return false
}

// coveredBy reports whether some period covers every day from first to last.
func coveredBy(ps []Period, first, last time.Time) bool {
	f, l := first.Format(web.DateLayout), last.Format(web.DateLayout)
	for _, p := range ps {
		if p.From != "" && p.From <= f && (p.Until == "" || p.Until >= l) {
			return true
		}
	}
	return false
}

// longerThanAMonth reports whether an absence lasts beyond the day of the same number a month
// after it began (an open-ended one does).
func longerThanAMonth(p Period) bool {
	if p.Until == "" {
		return true
	}
	end := AddMonths(p.From, 1)
	return end != "" && p.Until > end
}
