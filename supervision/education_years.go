package supervision

import (
	"fmt"
	"slices"

	"mentorlms/web"
)

// Year is one calendar year of a person's continuing education against its target. Pending
// external hours are shown but not counted.
type Year struct {
	Year            int `json:"year"`
	CourseMinutes   int `json:"course_minutes"`
	ApprovedMinutes int `json:"approved_minutes"`
	PendingMinutes  int `json:"pending_minutes"`
	// Months is how many months of the year the target runs for (TargetMonths).
	Months         int `json:"months"`
	TargetMinutes  int `json:"target_minutes"`
	DoneMinutes    int `json:"done_minutes"`
	MissingMinutes int `json:"missing_minutes"`
}

// Met reports whether the year's target is reached (a year without a target always is).
func (y Year) Met() bool { return y.MissingMinutes == 0 }

// educationYears sums a person's hours per calendar year and sets each year's pro-rata target
// of yearlyHours. It lists, newest first, the current year and every year with hours or with
// a target (employed after probation for a whole month) up to the current one.
func educationYears(e Employment, courses []CompletedCourse, hours []ExternalHours, yearlyHours, thisYear int) []Year {
	byYear := map[int]*Year{}
	year := func(y int) *Year {
		if byYear[y] == nil {
			byYear[y] = &Year{Year: y}
		}
		return byYear[y]
	}
	year(thisYear)
	for _, c := range courses {
		if y := c.Year(); y > 0 {
			year(y).CourseMinutes += c.Hours() * 60
		}
	}
	for _, x := range hours {
		y := year(yearOf(x.HeldOn))
		if x.Approved() {
			y.ApprovedMinutes += x.Minutes
		} else {
			y.PendingMinutes += x.Minutes
		}
	}
	first := thisYear
	for _, j := range e.Jobs {
		if y := yearOf(j.From); y > 0 && y < first {
			first = y
		}
	}
	for y := max(first, web.MinYear); y <= thisYear; y++ {
		if TargetMonths(e, y) > 0 {
			year(y)
		}
	}
	out := make([]Year, 0, len(byYear))
	for _, y := range byYear {
		y.Months = TargetMonths(e, y.Year)
		y.TargetMinutes = TargetMinutes(yearlyHours, y.Months)
		y.DoneMinutes = y.CourseMinutes + y.ApprovedMinutes
		y.MissingMinutes = max(0, y.TargetMinutes-y.DoneMinutes)
		out = append(out, *y)
	}
	slices.SortFunc(out, func(a, b Year) int { return b.Year - a.Year })
	return out
}

// eduHours writes minutes as hours to one decimal in the language of l ("1,5" in Czech,
// "1.5" in English), whole hours without a decimal. up rounds a part of a tenth up (what is
// still needed), otherwise down (what is done), so that a target never looks met too early.
func eduHours(minutes int, up bool, l *web.Localizer) string {
	t := minutes / 6
	if up && minutes%6 != 0 {
		t++
	}
	if t%10 == 0 {
		return fmt.Sprint(t / 10)
	}
	mark := "."
	if l.Lang == "cs" {
		mark = ","
	}
	return fmt.Sprintf("%d%s%d", t/10, mark, t%10)
}

// eduHoursShort is minutes as hours with the unit: "1,5 h".
func eduHoursShort(minutes int, up bool, l *web.Localizer) string {
	return l.T("education.h", "Hours", eduHours(minutes, up, l))
}
