package supervision

import (
	"time"

	"mentorlms/web"
)

// Cadence of supervision: each region sets the interval between supervisions in calendar
// months, 1 or 2 (DOMAIN.md: once a month to once every two months), 2 unless it says
// otherwise; a coordinator may set another for one mentor.
const (
	DefaultInterval = 2
	// DueSoonDays: a supervision due within this many days (the due day included) is due soon.
	DueSoonDays = 14
)

// ValidInterval reports whether months is an interval a region or a mentor may have.
func ValidInterval(months int) bool { return months == 1 || months == 2 }

// AddMonths adds calendar months to a date (YYYY-MM-DD), keeping the day of the month and
// clamping it to the month's last day where the month is shorter (Civil Code § 605): 31. 1. +
// 1 month = 28. 2. (29. 2. in a leap year), 31. 12. + 2 months = 28. 2. It returns "" for a
// date that does not parse.
func AddMonths(date string, months int) string {
	d, err := time.Parse(web.DateLayout, date)
	if err != nil {
		return ""
	}
	first := time.Date(d.Year(), d.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d.Day(), last), 0, 0, 0, 0, time.UTC).Format(web.DateLayout)
}

// Status is where a mentor stands with supervision on a day.
type Status string

// The cadence statuses, as the API names them.
const (
	StatusOK      Status = "ok"
	StatusDueSoon Status = "due_soon"
	StatusOverdue Status = "overdue"
	// StatusNone: the mentor has attended no supervision yet, and the first is not yet due soon.
	StatusNone Status = "none"
)

// Standing is a mentor's cadence on a day: when the next supervision is due, and the status.
type Standing struct {
	LastOn string // the last supervision attended, "" for none
	DueOn  string // "" when there is nothing to count from
	Status Status
	// DaysOverdue counts the days past DueOn; 0 unless overdue.
	DaysOverdue int
}

// Cadence works out a mentor's standing on today (YYYY-MM-DD in Prague). The next supervision
// is due interval months after the last one attended; before the first, interval months after
// the day the mentor became active (activeSince). Due within DueSoonDays (the due day itself
// included) is due soon, after the due day overdue. Someone who has attended none reads "none"
// until the first is due soon. A supervision counts whenever it was attended: a mentor back from
// a pause who last attended long ago is due at once, which is what their coordinator wants to
// see. Someone with neither a supervision nor a day of becoming active
// has nothing to count from and reads "none".
func Cadence(lastOn, activeSince string, interval int, today string) Standing {
	if !ValidInterval(interval) {
		interval = DefaultInterval
	}
	s := Standing{LastOn: lastOn}
	from := lastOn
	if from == "" {
		from = activeSince
	}
	if from == "" {
		s.Status = StatusNone
		return s
	}
	s.DueOn = AddMonths(from, interval)
	due, err1 := time.Parse(web.DateLayout, s.DueOn)
	now, err2 := time.Parse(web.DateLayout, today)
	if err1 != nil || err2 != nil {
		s.Status = StatusNone
		return s
	}
	days := int(due.Sub(now).Hours() / 24)
	switch {
	case days < 0:
		s.Status, s.DaysOverdue = StatusOverdue, -days
	case days <= DueSoonDays:
		s.Status = StatusDueSoon
	case lastOn == "":
		s.Status = StatusNone
	default:
		s.Status = StatusOK
	}
	return s
}
