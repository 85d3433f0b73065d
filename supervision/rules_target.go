package supervision

import (
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
	Absences      []Period
}

// TargetMonths counts the months of year that the target runs for, pro rata (§ 111): a
// calendar month counts when one job covers all of it (jobs that meet inside a month are not
// joined yet) and it lies wholly after
// the probation period; then one month comes off for each whole calendar month of an absence
// longer than a month. The result is never below 0.
func TargetMonths(e Employment, year int) int {
	months := 0
	for m := time.January; m <= time.December; m++ {
		first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1)
		if !coveredBy(e.Jobs, first, last) {
			continue
		}
		if e.ProbationEnds != "" && e.ProbationEnds >= first.Format(web.DateLayout) {
			continue // within the probation period, in whole or in part
		}
		months++
	}
	for _, a := range e.Absences {
		if !longerThanAMonth(a) {
			continue
		}
		for m := time.January; m <= time.December; m++ {
			first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
			if coveredBy([]Period{a}, first, first.AddDate(0, 1, -1)) {
				months--
			}
		}
	}
	return max(0, months)
}

// TargetMinutes is the pro-rata yearly target in minutes: hours a year × months / 12, to the
// nearest minute (24 hours make 2 hours a month exactly).
func TargetMinutes(yearlyHours, months int) int {
	return (yearlyHours*60*months + 6) / 12
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
