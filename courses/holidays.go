package courses

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/cz"
)

// workdays is the Czech working calendar: weekends and public holidays (Good Friday and
// Easter Monday among them) are days off. rickar/cal keeps the list, Easter's computus and
// the years a holiday applies; only the law's own list could be more exact.
var workdays = func() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(cz.Holidays...)
	return c
}()

// WorkingDay reports whether a calendar day is a Czech working day.
func WorkingDay(day time.Time) bool { return workdays.IsWorkday(day) }

// AddWorkingDays is the day n working days after day: the day itself does not count, as a
// period set in days begins on the day after the event (Civil Code § 607).
func AddWorkingDays(day time.Time, n int) time.Time {
	d := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if WorkingDay(d) {
			n--
		}
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}
